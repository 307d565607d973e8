// Where notifications are delivered (an outgoing webhook, Expo push). A channel names its targets
// and sends; `deliverNotifications` owns the bookkeeping (one delivery per notification and target,
// attempts, backoff, giving up).
import type { NotificationContent } from "./notification-content";

export interface ChannelMessage {
  /** The delivery this message is (stable across retries: receivers may dedupe on it). */
  deliveryId: string;
  target: string;
  notification: NotificationContent;
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
