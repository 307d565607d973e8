// Whether a failed run or delivery is worth retrying as it is, like Airbyte's and Fivetran's sync
// history mark it: a dependency that was down, slow or rate-limiting may answer next time; a
// refused token, a bad request or a bug fails the same way until someone changes something.
import { type DomainErrorCode, domainErrorCodes } from "@greenloop/order-sync/errors";

/** UNAVAILABLE is what the Lightspeed client throws for 429, 5xx, timeouts and network errors. */
const retryableCodes: ReadonlySet<DomainErrorCode> = new Set(["UNAVAILABLE", "RATE_LIMITED"]);

/**
 * What a message says when no code was stored with it (runs recorded before codes were, or by
 * code that stores only the message): the Lightspeed client's and the network's own words.
 */
const transientWords =
  /\b(429|50[0-9]|timed? ?out|timeout|unreachable|rate-limit|ECONNRESET|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|abandoned|interrupted)\b/i;

export function isDomainErrorCode(value: unknown): value is DomainErrorCode {
  return typeof value === "string" && (domainErrorCodes as readonly string[]).includes(value);
}

/**
 * The code at the front of a stored error text (`UNAVAILABLE: Lightspeed answered 503 …`, as the
 * webhook worker writes `lastError`), if there is one.
 */
export function leadingErrorCode(message: string): DomainErrorCode | null {
  const head = /^([A-Z_]+):/.exec(message)?.[1];
  return isDomainErrorCode(head) ? head : null;
}

/**
 * Whether retrying may succeed: from the error's code when one is known, else from the message.
 * Null when nothing failed.
 */
export function isRetryableFailure(failure: {
  code: string | null;
  message: string | null;
}): boolean | null {
  if (failure.code === null && failure.message === null) return null;
  const code = isDomainErrorCode(failure.code)
    ? failure.code
    : failure.message === null
      ? null
      : leadingErrorCode(failure.message);
  if (code !== null) return retryableCodes.has(code);
  return failure.message !== null && transientWords.test(failure.message);
}
