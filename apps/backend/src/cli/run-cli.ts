// `pnpm cli <command> [options]`: parses arguments, runs one command, prints its result.
// Under --json the last line of stdout is exactly one JSON object, on success and on failure.
import { parseArgs } from "node:util";
import { DomainError, isDomainError } from "@greenloop/order-sync/errors";
import { type EnvSource, loadEnv } from "../env";
import { exitCodeFor } from "../error-mapping";
import type { Logger } from "../logger";
import { cliLogLevel, createCliLogger } from "./cli-logger";
import type { CliCommand } from "./command";
import { analyticsCommand } from "./commands/analytics";
import { customersCommand } from "./commands/customers";
import { demoCommand } from "./commands/demo";
import { importEcomCommand } from "./commands/import-ecom";
import { importsCommand } from "./commands/imports";
import { mergeCommand } from "./commands/merge";
import { migrateCommand } from "./commands/migrate";
import { reportCommand } from "./commands/report";
import { serveCommand } from "./commands/serve";
import { simulateCommand } from "./commands/simulate";
import { syncCommand } from "./commands/sync";
import { tiersCommand } from "./commands/tiers";
import { webhooksCommand } from "./commands/webhooks";
import { formatCommandHelp, formatCommandList } from "./help-text";

export const commands: CliCommand[] = [
  migrateCommand,
  serveCommand,
  demoCommand,
  simulateCommand,
  syncCommand,
  webhooksCommand,
  importEcomCommand,
  importsCommand,
  mergeCommand,
  customersCommand,
  reportCommand,
  tiersCommand,
  analyticsCommand,
];

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env?: EnvSource;
  /** Aborted to stop long-running commands (main wires it to SIGINT/SIGTERM). */
  shutdown?: AbortSignal;
  /** Where logs go (default stderr). */
  logDestination?: { write(line: string): void };
  /**
   * Whether logs reach a terminal (main decides, from stderr): LOG_FORMAT=auto then means
   * pretty lines instead of JSON.
   */
  logsToTerminal?: boolean;
  /** The terminal's width (main passes stdout's when it is a terminal); help wraps to it. */
  columns?: number;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  const json = rest.includes("--json");
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    io.stdout(`${formatCommandList(commands, io.columns)}\n`);
    return name === undefined ? 2 : 0;
  }
  const command = commands.find((candidate) => candidate.name === name);
  let logger: Logger | undefined;
  try {
    if (!command) {
      throw new DomainError(
        "BAD_INPUT",
        `Unknown command "${name}". Commands: ${commands.map((c) => c.name).join(", ")}. Run \`pnpm cli help\`.`,
      );
    }
    const { values, positionals } = parseCommandArgs(command, rest);
    if (values.help) {
      io.stdout(`${formatCommandHelp(command, positionals, io.columns)}\n`);
      return 0;
    }
    const env = loadEnv(io.env);
    logger = createCliLogger(logTarget(io), {
      level: cliLogLevel(env, command),
      format: env.logFormat,
    });
    let announced = false;
    const result = await command.run({
      env,
      logger,
      values,
      positionals,
      json,
      say: (line) => {
        if (!json) io.stdout(`${line}\n`);
      },
      announce: (data) => {
        if (json && !announced)
          io.stdout(`${JSON.stringify({ ok: true, command: name, ...data })}\n`);
        announced = true;
      },
      shutdown: io.shutdown ?? new AbortController().signal,
      ...(io.columns ? { columns: io.columns } : {}),
    });
    if (!json) io.stdout(`${result.summary}\n`);
    else if (!announced)
      io.stdout(`${JSON.stringify({ ok: true, command: name, ...result.json })}\n`);
    return 0;
  } catch (error) {
    const domainError = isDomainError(error) ? error : undefined;
    if (!domainError) {
      // A bug: the stack goes to the log once; the user gets a short message.
      (logger ?? createCliLogger(logTarget(io), { level: "error", format: undefined })).error(
        { err: error, command: name },
        "command failed unexpectedly",
      );
    }
    const code = domainError?.code ?? "INTERNAL";
    const message =
      domainError?.message ??
      `Unexpected error: ${error instanceof Error ? error.message : String(error)} (this is a bug; details are in the log above).`;
    if (json)
      io.stdout(`${JSON.stringify({ ok: false, command: name, error: { code, message } })}\n`);
    else io.stderr(`Error: ${message}\n`);
    return exitCodeFor(code);
  }
}

const logTarget = (io: CliIo) => ({
  destination: io.logDestination,
  toTerminal: io.logsToTerminal,
});

function parseCommandArgs(command: CliCommand, args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        ...command.options,
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (cause) {
    throw new DomainError(
      "BAD_INPUT",
      `${(cause as Error).message}. Usage: pnpm cli ${command.usage}`,
      { cause },
    );
  }
}
