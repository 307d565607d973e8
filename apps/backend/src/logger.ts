// Structured logs (pino) on stderr, so stdout stays for command output and `--json`.
// Secrets and personal data are redacted by key wherever they appear in a log object.
import pino, { type Logger } from "pino";

export type { Logger };

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

export function createLogger(
  options: { level?: string | undefined; destination?: pino.DestinationStream } = {},
): Logger {
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
    options.destination ?? pino.destination(2),
  );
}
