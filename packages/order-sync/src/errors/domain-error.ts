// The one error type of the product. Library and domain code throw it; the backend maps its code
// to HTTP and tRPC statuses in one place, and the CLI to a message and an exit code.

export const domainErrorCodes = [
  /** The caller sent something wrong (bad CSV row, bad argument). */
  "BAD_INPUT",
  /** Authentication is missing or wrong. */
  "UNAUTHORIZED",
  /** Authenticated, but not allowed. */
  "FORBIDDEN",
  "NOT_FOUND",
  /** The request conflicts with the current state (e.g. a lock is held). */
  "CONFLICT",
  /** Too many attempts (login codes): wait and try again. */
  "RATE_LIMITED",
  /** The request body is over its size limit (an upload). */
  "TOO_LARGE",
  /** The deployment is misconfigured (env var, data directory): an operator must act. */
  "CONFIG",
  /** A dependency is down or refusing (database, Lightspeed): retrying later may succeed. */
  "UNAVAILABLE",
  /** A bug or an unexpected state. */
  "INTERNAL",
] as const;

export type DomainErrorCode = (typeof domainErrorCodes)[number];

export interface DomainErrorOptions {
  cause?: unknown;
  /** Structured, log-safe context (never personal data or secrets). */
  details?: Record<string, unknown>;
}

export class DomainError extends Error {
  override readonly name = "DomainError";
  readonly code: DomainErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: DomainErrorCode, message: string, options: DomainErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details;
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
