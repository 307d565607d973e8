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
  /** The terminal's width, for output laid out to fit it (80 when stdout is not a terminal). */
  columns?: number;
}

export interface CommandResult {
  /** The object printed as the last line under --json (`ok` and `command` are added). */
  json: Record<string, unknown>;
  /** The human summary printed at the end otherwise. */
  summary: string;
}

/** One action of a command that has several (`customers lookup`): `cmd sub --help` shows it alone. */
export interface CliSubcommand {
  name: string;
  /** The full usage, command name first (`customers lookup (--email E | --phone P) [--json]`). */
  usage: string;
  /** Sentences, wrapped to the terminal in help. */
  description: string;
}

/** What a command says about itself in help (cli/command-help.ts holds every command's). */
export interface CommandHelp {
  name: string;
  usage: string;
  description: string;
  /** Its actions, for commands that have several: `cmd --help` lists them. */
  subcommands?: readonly CliSubcommand[];
}

export interface CliCommand extends CommandHelp {
  options?: ParseArgsConfig["options"];
  /** Logs below this level are dropped unless LOG_LEVEL says otherwise. */
  defaultLogLevel?: "info" | "warn";
  run(context: CommandContext): Promise<CommandResult>;
}
