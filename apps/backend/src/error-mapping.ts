// The one place domain error codes become HTTP statuses, tRPC codes and CLI exit codes, and where
// an error that is not a DomainError is told apart: the database out of reach, or a bug.
import { isDatabaseUnavailable } from "@greenloop/db";
import { DomainError, type DomainErrorCode, isDomainError } from "@greenloop/order-sync/errors";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server";

interface ErrorMapping {
  http: 400 | 401 | 403 | 404 | 409 | 413 | 429 | 500 | 503;
  trpc: TRPC_ERROR_CODE_KEY;
  /** Expected errors are answered without a stack dump in the logs. */
  expected: boolean;
}

export const errorMappings: Record<DomainErrorCode, ErrorMapping> = {
  BAD_INPUT: { http: 400, trpc: "BAD_REQUEST", expected: true },
  UNAUTHORIZED: { http: 401, trpc: "UNAUTHORIZED", expected: true },
  FORBIDDEN: { http: 403, trpc: "FORBIDDEN", expected: true },
  NOT_FOUND: { http: 404, trpc: "NOT_FOUND", expected: true },
  CONFLICT: { http: 409, trpc: "CONFLICT", expected: true },
  RATE_LIMITED: { http: 429, trpc: "TOO_MANY_REQUESTS", expected: true },
  TOO_LARGE: { http: 413, trpc: "PAYLOAD_TOO_LARGE", expected: true },
  CONFIG: { http: 500, trpc: "INTERNAL_SERVER_ERROR", expected: false },
  UNAVAILABLE: { http: 503, trpc: "SERVICE_UNAVAILABLE", expected: false },
  INTERNAL: { http: 500, trpc: "INTERNAL_SERVER_ERROR", expected: false },
};

/**
 * What an error thrown while serving a request means to the caller: a DomainError as it is; the
 * database down, restarting or closed, UNAVAILABLE (503: retry later, as /health and the webhook
 * route say); anything else undefined, a bug (500).
 */
export function asDomainError(error: unknown): DomainError | undefined {
  if (isDomainError(error)) return error;
  if (isDatabaseUnavailable(error)) {
    return new DomainError("UNAVAILABLE", "The database is unavailable; retry later.", {
      cause: error,
    });
  }
  return undefined;
}

/** The HTTP answer to an error thrown while serving a request, and whether it must be logged. */
export interface HttpErrorAnswer {
  status: ErrorMapping["http"];
  body: { error: { code: DomainErrorCode; message: string } };
  /** The error to log with its stack (unexpected ones only), and the log message. */
  log: { err: unknown; message: string } | null;
}

/** Every HTTP app's onError answers through this: a bug's message never reaches the caller. */
export function httpErrorAnswer(error: unknown): HttpErrorAnswer {
  const domainError = asDomainError(error);
  if (!domainError) {
    return {
      status: 500,
      body: { error: { code: "INTERNAL", message: "Internal server error" } },
      log: { err: error, message: "request failed unexpectedly" },
    };
  }
  const mapping = errorMappings[domainError.code];
  return {
    status: mapping.http,
    body: { error: { code: domainError.code, message: domainError.message } },
    log: mapping.expected ? null : { err: domainError, message: "request failed" },
  };
}

/** CLI exit codes: 2 for a usage or input mistake the user can fix by re-running differently. */
export function exitCodeFor(code: DomainErrorCode): number {
  return code === "BAD_INPUT" ? 2 : 1;
}
