// One `pnpm cli report <name>`: its usage, the options it accepts and what it prints.
import { DomainError } from "@greenloop/order-sync/errors";
import type { CommandContext, CommandResult } from "../command";

export interface Report {
  name: string;
  usage: string;
  /** Sentences, shown by `pnpm cli report <name> --help` and listed by `report --help`. */
  description: string;
  /** Which of the `report` command's options this report reads; the others are refused. */
  options: string[];
  run(context: CommandContext, args: string[]): Promise<CommandResult>;
}

export function assertNoArguments(report: Report, args: string[]): void {
  if (args.length > 0) {
    throw new DomainError(
      "BAD_INPUT",
      `Unexpected argument "${args[0]}". Usage: pnpm cli ${report.usage}`,
    );
  }
}
