// Structured logs (pino) on stderr, so stdout stays for command output and `--json`.
// Secrets and personal data are redacted by key wherever they appear in a log object.
// JSON for machines (files, pipes, log collectors); pretty lines for a person at a terminal.
import pino, { type Logger } from "pino";
import { prettyFactory } from "pino-pretty";

export type { Logger };

/** What LOG_FORMAT may say: `auto` is pretty on a terminal, JSON anywhere else. */
export const logFormatSettings = ["auto", "pretty", "json"] as const;
export type LogFormatSetting = (typeof logFormatSettings)[number];
export type LogFormat = Exclude<LogFormatSetting, "auto">;

const redactedKeys = [
  "authorization",
  "token",
  "password",
  "secret",
  "databaseUrl",
  "email",
  "phone",
  "mobile",
];

export interface LoggerOptions {
  level?: string | undefined;
  /** Default: stderr. */
  destination?: pino.DestinationStream;
  /** Default: JSON. */
  format?: LogFormat;
  /** ANSI colours in pretty lines (only when they land on a terminal). */
  colorize?: boolean;
}

/** The format a LOG_FORMAT setting means for a destination that is, or is not, a terminal. */
export function resolveLogFormat(
  setting: LogFormatSetting | undefined,
  destinationIsTerminal: boolean,
): LogFormat {
  if (setting === "pretty" || setting === "json") return setting;
  return destinationIsTerminal ? "pretty" : "json";
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const format = options.format ?? "json";
  return pino(
    {
      level: options.level ?? "info",
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: [
          ...redactedKeys,
          ...redactedKeys.map((key) => `*.${key}`),
          // Request headers sit two levels down.
          ...["authorization", "cookie", "x-signature"].flatMap((h) => [
            `headers["${h}"]`,
            `*.headers["${h}"]`,
          ]),
        ],
        censor: "[redacted]",
      },
    },
    format === "pretty"
      ? prettyDestination(options.destination, options.colorize ?? false)
      : (options.destination ?? pino.destination(2)),
  );
}

/**
 * Pretty-prints each line in-process, synchronously, as pino hands it over (already redacted).
 * Neither `pino.transport` (a worker thread) nor pino-pretty's own stream (a pipeline whose
 * writes are asynchronous unless told otherwise) is needed: the prettifier is a plain function,
 * and a synchronous stderr keeps the last lines of a command that exits right after logging.
 */
function prettyDestination(
  destination: pino.DestinationStream | undefined,
  colorize: boolean,
): pino.DestinationStream {
  const prettify = prettyFactory({
    colorize,
    translateTime: "SYS:HH:MM:ss.l",
    // "WARN: (mail) SMTP_URL is not set…": the part of the backend speaking, then what it says.
    messageFormat: "{if component}({component}) {end}{msg}",
    ignore: "component",
  });
  const target = destination ?? pino.destination({ dest: 2, sync: true });
  return { write: (line: string) => target.write(prettify(line)) };
}
