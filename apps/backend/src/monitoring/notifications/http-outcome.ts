// What a channel's HTTP request came to when the receiver did not take the message: worth
// retrying (no answer, timeouts, rate limits, server errors) or not (any other refusal).
import type { DeliveryOutcome } from "./notification-channel";

/** A non-2xx answer, with the receiver's reason when it gave one: `HTTP 503 <reason>`. */
export function outcomeOfStatus(status: number, reason?: string): DeliveryOutcome {
  const error = `HTTP ${status}${reason ? ` ${reason}` : ""}`;
  return isRetryableStatus(status) ? { status: "retry", error } : { status: "failed", error };
}

/** No answer at all (timed out, connection refused): worth retrying. */
export function outcomeOfFetchError(error: unknown): DeliveryOutcome {
  return { status: "retry", error: describeFetchError(error) };
}

/** Whether an HTTP status is worth retrying: timeouts, rate limits and server errors. */
function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

function describeFetchError(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === "TimeoutError") return "timed out";
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? error.message;
  }
  return String(error);
}
