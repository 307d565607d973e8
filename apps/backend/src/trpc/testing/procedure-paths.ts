// Every procedure of the router with the access it declares: the auth sweeps iterate over this,
// so a procedure added later is swept without anyone editing the tests.
import type { Access } from "../../auth/access";
import { appRouter } from "../root";

export interface ProcedureEntry {
  path: string;
  type: "query" | "mutation" | "subscription";
  access: Access | undefined;
  /** Whether it validates what it returns (`.output()`): the app relies on the shapes. */
  hasOutputSchema: boolean;
}

export function listProcedures(): ProcedureEntry[] {
  const procedures = appRouter._def.procedures as unknown as Record<
    string,
    { _def: { type: ProcedureEntry["type"]; meta?: { access?: Access }; output?: unknown } }
  >;
  return Object.entries(procedures)
    .map(([path, procedure]) => ({
      path,
      type: procedure._def.type,
      access: procedure._def.meta?.access,
      hasOutputSchema: procedure._def.output !== undefined,
    }))
    .sort((a, b) => a.path.localeCompare(b.path));
}

/** Calls `path` on a caller (input as given): the call, to await or to hand to `trpcErrorCode`. */
export async function callPath(caller: unknown, path: string, input?: unknown): Promise<unknown> {
  let target: unknown = caller;
  for (const segment of path.split(".")) {
    target = (target as Record<string, unknown>)[segment];
  }
  return (target as (input: unknown) => Promise<unknown>)(input);
}
