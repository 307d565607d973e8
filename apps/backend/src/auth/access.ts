// Who is calling (a staff token or a customer's session) and what each procedure requires. The
// one access middleware in trpc.ts applies `checkAccess`; nothing else decides access.
import { DomainError } from "@greenloop/order-sync/errors";
import type { StaffRole } from "./staff-tokens";

export type Caller =
  | { kind: "staff"; name: string; role: StaffRole }
  | { kind: "customer"; sessionId: string; email: string };

/**
 * What a procedure requires:
 * - `public`: nobody (only the login procedures: a customer has no session before them);
 * - `signedIn`: any staff token or customer session;
 * - `customer`: a customer's session (their own data only);
 * - `viewer`: a staff token (viewer or operator);
 * - `operator`: an operator token (imports, replays, splits, erasures, syncs).
 */
export type Access = "public" | "signedIn" | "customer" | "viewer" | "operator";

/** Throws UNAUTHORIZED without a caller, FORBIDDEN when the caller may not. */
export function checkAccess(access: Access | undefined, caller: Caller | null): void {
  if (access === "public") return;
  if (access === undefined) {
    // A procedure that forgot to declare its access is closed, not open.
    throw new DomainError("FORBIDDEN", "This procedure declares no access rule.");
  }
  if (!caller) {
    throw new DomainError(
      "UNAUTHORIZED",
      "Sign in: send Authorization: Bearer <API token or customer session token>.",
    );
  }
  if (allows(access, caller)) return;
  throw new DomainError("FORBIDDEN", forbiddenMessage(access));
}

function allows(access: Exclude<Access, "public">, caller: Caller): boolean {
  switch (access) {
    case "signedIn":
      return true;
    case "customer":
      return caller.kind === "customer";
    case "viewer":
      return caller.kind === "staff";
    case "operator":
      return caller.kind === "staff" && caller.role === "operator";
  }
}

function forbiddenMessage(access: Exclude<Access, "public">): string {
  switch (access) {
    case "signedIn":
      return "Sign in first.";
    case "customer":
      return "This needs a customer's session (sign in with an email code).";
    case "viewer":
      return "This needs a staff API token.";
    case "operator":
      return "This needs an operator API token.";
  }
}
