// The notification outbox. New notifications are handed to every channel once (one
// NotificationDelivery per target), then due deliveries are sent; a failed attempt is retried
// with exponential backoff (1, 2, 4… minutes, at most an hour) until `maxAttempts`, then given up.
// Time is the caller's `now`, so a test moves it instead of waiting.
import type { Database, Prisma } from "@greenloop/db";
import { reportNotificationAttempt } from "../../telemetry/pipeline-events";
import type {
  DeliveryOutcome,
  NotificationAudience,
  NotificationChannel,
  ReceiptsResult,
} from "./notification-channel";
import { notificationContentSelect } from "./notification-content";

export interface DeliverySettings {
  maxAttempts: number;
  /** Delay before retry n (1-based) is `baseDelayMs · 2^(n-1)`, capped at `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Most deliveries attempted per run. */
  limit?: number;
}

export interface DeliverNotificationsResult {
  dispatched: number;
  sent: number;
  retrying: number;
  failed: number;
}

export function retryDelayMs(attempt: number, settings: DeliverySettings): number {
  const base = settings.baseDelayMs ?? 60_000;
  return Math.min(settings.maxDelayMs ?? 3_600_000, base * 2 ** Math.max(0, attempt - 1));
}

export async function deliverNotifications(
  db: Pick<Database, "prisma">,
  options: { now: Date; channels: readonly NotificationChannel[]; settings: DeliverySettings },
): Promise<DeliverNotificationsResult> {
  const { now, channels, settings } = options;
  const dispatched = await dispatchNew(db, channels, now);
  const result: DeliverNotificationsResult = { dispatched, sent: 0, retrying: 0, failed: 0 };
  const due = await db.prisma.notificationDelivery.findMany({
    where: {
      status: "PENDING",
      nextAttemptAt: { lte: now },
      channel: { in: channels.map((channel) => channel.name) },
    },
    orderBy: [
      { nextAttemptAt: "asc" },
      { notification: { createdAt: "asc" } },
      { notificationId: "asc" },
      { target: "asc" },
    ],
    take: settings.limit ?? 500,
    select: {
      id: true,
      channel: true,
      target: true,
      attempts: true,
      notification: { select: notificationContentSelect },
    },
  });
  for (const channel of channels) {
    const mine = due.filter((delivery) => delivery.channel === channel.name);
    for (let start = 0; start < mine.length; start += channel.batchSize) {
      const batch = mine.slice(start, start + channel.batchSize);
      const outcomes = await channel.send(
        batch.map((delivery) => ({
          deliveryId: delivery.id,
          target: delivery.target,
          notification: delivery.notification,
        })),
        { now },
      );
      for (const [index, delivery] of batch.entries()) {
        const outcome: DeliveryOutcome = outcomes[index] ?? {
          status: "retry",
          error: `channel ${channel.name} returned no outcome`,
        };
        const attempts = delivery.attempts + 1;
        const giveUp = outcome.status === "failed" || attempts >= settings.maxAttempts;
        await db.prisma.notificationDelivery.update({
          where: { id: delivery.id },
          data:
            outcome.status === "sent"
              ? {
                  status: "SENT",
                  attempts,
                  sentAt: now,
                  lastError: null,
                  ticketId: outcome.ticketId ?? null,
                }
              : giveUp
                ? { status: "FAILED", attempts, lastError: outcome.error }
                : {
                    attempts,
                    lastError: outcome.error,
                    nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts, settings)),
                  },
          select: { id: true },
        });
        if (outcome.status === "sent") result.sent += 1;
        else if (giveUp) result.failed += 1;
        else result.retrying += 1;
        reportNotificationAttempt({
          channel: channel.name,
          outcome: outcome.status === "sent" ? "delivered" : giveUp ? "failed" : "retrying",
        });
      }
    }
  }
  return result;
}

/** Settles the receipts of every channel that has them (Expo's push receipts), summed. */
export async function settleReceipts(
  channels: readonly NotificationChannel[],
  options: { now: Date },
): Promise<ReceiptsResult> {
  const total: ReceiptsResult = { ok: 0, failed: 0, pruned: 0, pending: 0 };
  for (const channel of channels) {
    const result = await channel.settleReceipts?.(options);
    if (!result) continue;
    for (const key of Object.keys(total) as Array<keyof ReceiptsResult>) total[key] += result[key];
  }
  return total;
}

// Each notification reaches the channels' targets of the moment it is dispatched: a device that
// registers later does not receive the backlog. A staff notification goes to the staff's targets,
// a customer's to that customer's own (looked up once per customer).
async function dispatchNew(
  db: Pick<Database, "prisma">,
  channels: readonly NotificationChannel[],
  now: Date,
): Promise<number> {
  const fresh = await db.prisma.notification.findMany({
    where: { dispatchedAt: null },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 1_000,
    select: { id: true, customerId: true },
  });
  if (fresh.length === 0) return 0;
  const targetsByAudience = new Map<string, Array<{ channel: string; targets: string[] }>>();
  const targetsOf = async (audience: NotificationAudience) => {
    const key = audience.kind === "staff" ? "staff" : `customer:${audience.customerId}`;
    let targets = targetsByAudience.get(key);
    if (!targets) {
      targets = [];
      for (const channel of channels) {
        targets.push({ channel: channel.name, targets: await channel.listTargets(audience) });
      }
      targetsByAudience.set(key, targets);
    }
    return targets;
  };
  const deliveries: Prisma.NotificationDeliveryCreateManyInput[] = [];
  for (const notification of fresh) {
    const audience: NotificationAudience = notification.customerId
      ? { kind: "customer", customerId: notification.customerId }
      : { kind: "staff" };
    for (const { channel, targets } of await targetsOf(audience)) {
      for (const target of targets) {
        deliveries.push({
          notificationId: notification.id,
          channel,
          target,
          nextAttemptAt: now,
          createdAt: now,
        });
      }
    }
  }
  await db.prisma.$transaction(async (tx) => {
    if (deliveries.length > 0) {
      await tx.notificationDelivery.createMany({ data: deliveries, skipDuplicates: true });
    }
    await tx.notification.updateMany({
      where: { id: { in: fresh.map((notification) => notification.id) }, dispatchedAt: null },
      data: { dispatchedAt: now },
    });
  });
  return fresh.length;
}
