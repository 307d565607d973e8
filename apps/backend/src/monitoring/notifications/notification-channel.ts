// Where notifications are delivered (an outgoing webhook, Expo push). A channel names its targets
// and sends; `deliverNotifications` owns the bookkeeping (one delivery per notification and target,
// attempts, backoff, giving up).
import type { Prisma } from "@greenloop/db";

export interface OutgoingNotification {
  id: string;
  kind: string;
  title: string;
  body: string;
  data: Prisma.JsonValue;
  alertId: string | null;
  createdAt: Date;
}

export interface ChannelMessage {
  /** The delivery this message is (stable across retries: receivers may dedupe on it). */
  deliveryId: string;
  target: string;
  notification: OutgoingNotification;
}

export type DeliveryOutcome =
  | { status: "sent" }
  /** Worth trying again later (timeout, 5xx, rate limit). */
  | { status: "retry"; error: string }
  /** Trying again would not help (refused, unknown device). */
  | { status: "failed"; error: string };

export interface NotificationChannel {
  /** Stable: stored on each delivery (`webhook`, `expo`). */
  readonly name: string;
  /** The most messages one `send` takes. */
  readonly batchSize: number;
  /** Who new notifications go to on this channel now; none: the channel is skipped. */
  listTargets(): Promise<string[]>;
  /** One outcome per message, in order. Never throws for a failed delivery. */
  send(messages: ChannelMessage[], context: { now: Date }): Promise<DeliveryOutcome[]>;
}

/** Whether an HTTP status is worth retrying: timeouts, rate limits and server errors. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

export function describeFetchError(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === "TimeoutError") return "timed out";
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? error.message;
  }
  return String(error);
}
