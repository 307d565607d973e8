// What the client reports to its caller, so the backend can log and measure without this library
// knowing about loggers. Events never carry tokens, query strings or personal data.
import type { RecordIssue } from "./parse-record";

export type LightspeedEvent =
  | {
      type: "retry-scheduled";
      method: string;
      path: string;
      /** 1-based number of the retry about to happen. */
      retry: number;
      delayMs: number;
      reason: "server-error" | "timeout" | "network-error";
      status: number | null;
    }
  | {
      type: "rate-limit-wait";
      method: string;
      path: string;
      delayMs: number;
      /** `retry-after`: a 429 told us to wait; `pacing`: we slow down before the limit. */
      reason: "retry-after" | "pacing";
      limit: number | null;
      remaining: number | null;
    }
  | {
      type: "malformed-record";
      resource: string;
      id: string | null;
      version: number | null;
      issues: RecordIssue[];
    };

export type LightspeedEventHandler = (event: LightspeedEvent) => void;

/** Calls the handler, swallowing its errors: a failing logger must not break a sync. */
export function emitEvent(
  handler: LightspeedEventHandler | undefined,
  event: LightspeedEvent,
): void {
  if (!handler) return;
  try {
    handler(event);
  } catch {
    // Deliberately ignored, see above.
  }
}
