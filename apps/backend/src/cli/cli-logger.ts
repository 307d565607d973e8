// The CLI's logger: each command's own level unless LOG_LEVEL says otherwise, and pretty lines
// for a person at a terminal (LOG_FORMAT=auto), JSON for pipes, files and log collectors.
import type { Env } from "../env";
import { createLogger, type Logger, resolveLogFormat } from "../logger";
import type { CliCommand } from "./command";

export interface CliLogTarget {
  /** Default: stderr. */
  destination?: { write(line: string): void } | undefined;
  /** Whether the destination is a terminal; main.ts is the one place that asks. */
  toTerminal?: boolean | undefined;
}

/** LOG_LEVEL when set; otherwise the command's default (serve: info; the demo stays quiet: warn). */
export function cliLogLevel(
  env: Pick<Env, "logLevel">,
  command: Pick<CliCommand, "defaultLogLevel">,
): string {
  return env.logLevel ?? command.defaultLogLevel ?? "warn";
}

export function createCliLogger(
  target: CliLogTarget,
  settings: { level: string; format: Env["logFormat"] | undefined },
): Logger {
  const terminal = target.toTerminal ?? false;
  return createLogger({
    level: settings.level,
    format: resolveLogFormat(settings.format, terminal),
    colorize: terminal,
    ...(target.destination ? { destination: target.destination } : {}),
  });
}
