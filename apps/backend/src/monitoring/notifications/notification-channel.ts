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

/** Who a notification is for: the store's staff, or one customer (their own devices only). */
export type NotificationAudience = { kind: "staff" } | { kind: "customer"; customerId: string };

export type DeliveryOutcome =
  /** `ticketId`: the receiver's id for a later receipt (Expo's push ticket). */
  | { status: "sent"; ticketId?: string }
  /** Worth trying again later (timeout, 5xx, rate limit). */
  | { status: "retry"; error: string }
  /** Trying again would not help (refused, unknown device). */
  | { status: "failed"; error: string };

export interface NotificationChannel {
  /** Stable: stored on each delivery (`webhook`, `expo`). */
  readonly name: string;
  /** The most messages one `send` takes. */
  readonly batchSize: number;
  /** Who a new notification for `audience` goes to on this channel now; none: skipped. */
  listTargets(audience: NotificationAudience): Promise<string[]>;
  /** One outcome per message, in order. Never throws for a failed delivery. */
  send(messages: ChannelMessage[], context: { now: Date }): Promise<DeliveryOutcome[]>;
  /** Settles what the receiver reports later about sent messages (Expo's push receipts). */
  settleReceipts?(context: { now: Date }): Promise<ReceiptsResult>;
}

export interface ReceiptsResult {
  /** Receipts that said the message reached the device's push service. */
  ok: number;
  /** Receipts with an error: the delivery failed after all. */
  failed: number;
  /** Devices disabled because the receipt said DeviceNotRegistered. */
  pruned: number;
  /** Still to fetch on a later pass (not ready yet, or the receipts request failed). */
  pending: number;
}
