// `pnpm cli <command> [options]`: parses arguments, runs one command, prints its result.
// Under --json the last line of stdout is exactly one JSON object, on success and on failure.
import { parseArgs } from "node:util";
import { DomainError, isDomainError } from "@greenloop/order-sync/errors";
// Types only, and what help needs: the configuration, the logger and the commands themselves are
// loaded once a command runs (`--help` loads none of them).
import type { EnvSource } from "../env";
import type { Logger } from "../logger";
import type { CliCommand } from "./command";
import { type CatalogedCommand, commandCatalog } from "./command-catalog";
import { formatCommandHelp, formatCommandList } from "./help-text";

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
    io.stdout(`${formatCommandList(commandCatalog, io.columns)}\n`);
    return name === undefined ? 2 : 0;
  }
  const cataloged = commandCatalog.find((candidate) => candidate.name === name);
  if (cataloged && wantsHelp(rest)) {
    io.stdout(`${formatCommandHelp(cataloged, helpPositionals(rest), io.columns)}\n`);
    return 0;
  }
  let logger: Logger | undefined;
  try {
    const command = await loadCommand(name, cataloged);
    const { values, positionals } = parseCommandArgs(command, rest);
    const [{ loadEnv }, { cliLogLevel, createCliLogger }] = await Promise.all([
      import("../env"),
      import("./cli-logger"),
    ]);
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
    const [{ exitCodeFor }, { createCliLogger }] = await Promise.all([
      import("../error-mapping"),
      import("./cli-logger"),
    ]);
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

async function loadCommand(
  name: string,
  cataloged: CatalogedCommand | undefined,
): Promise<CliCommand> {
  if (!cataloged) {
    throw new DomainError(
      "BAD_INPUT",
      `Unknown command "${name}". Commands: ${commandCatalog.map((c) => c.name).join(", ")}. Run \`pnpm cli help\`.`,
    );
  }
  return cataloged.load();
}

const wantsHelp = (args: readonly string[]) => args.includes("--help") || args.includes("-h");

/** The words before any option: `customers lookup --email E --help` asks about `lookup`. */
function helpPositionals(args: readonly string[]): string[] {
  const end = args.findIndex((arg) => arg.startsWith("-"));
  return [...args.slice(0, end === -1 ? args.length : end)];
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
