// The shape of a CLI command. Commands return data; run-cli prints it (human or --json).
import type { ParseArgsConfig } from "node:util";
import type { Env } from "../env";
import type { Logger } from "../logger";

export interface CommandContext {
  env: Env;
  logger: Logger;
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
  json: boolean;
  /** Human output (progress, notices); silent under --json. */
  say(line: string): void;
  /**
   * For long-running commands: prints the --json result now (e.g. once a server listens), so
   * scripts need not wait for the exit. Nothing more is printed to stdout under --json after it.
   */
  announce(json: Record<string, unknown>): void;
  /** Aborted on SIGINT/SIGTERM: long-running commands stop cleanly. */
  shutdown: AbortSignal;
}

export interface CommandResult {
  /** The object printed as the last line under --json (`ok` and `command` are added). */
  json: Record<string, unknown>;
  /** The human summary printed at the end otherwise. */
  summary: string;
}

export interface CliCommand {
  name: string;
  usage: string;
  description: string;
  options?: ParseArgsConfig["options"];
  /** Logs below this level are dropped unless LOG_LEVEL says otherwise. */
  defaultLogLevel?: "info" | "warn";
  run(context: CommandContext): Promise<CommandResult>;
}
