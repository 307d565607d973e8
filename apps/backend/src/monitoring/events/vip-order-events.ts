// Notable event: a VIP customer (CustomerMetrics.isVip) placed a new order. Each order notifies
// once (its dedupe key is the order's key, the same before and after an eCom order syncs). The first
// run only sets a baseline: orders placed before monitoring started are history, not news.
import type { Database } from "@greenloop/db";
import { createNotifications, type NotificationDraft } from "../notifications/notification-store";
import { readMonitorState, writeMonitorState } from "../state/monitor-state";

const baselineKey = "events.vip_orders.since";
/** An order placed longer ago than this is not news, even if we only learn of it now. */
const NEWS_WINDOW_MS = 7 * 86_400_000;

export async function detectVipOrders(
  db: Pick<Database, "prisma">,
  options: { now: Date },
): Promise<{ notified: number; baseline: boolean }> {
  const { now } = options;
  const baseline = await readMonitorState<{ since: string }>(db, baselineKey);
  if (!baseline) {
    await writeMonitorState(db.prisma, baselineKey, { since: now.toISOString() });
    return { notified: 0, baseline: true };
  }
  const since = new Date(Math.max(Date.parse(baseline.since), now.getTime() - NEWS_WINDOW_MS));
  const orders = await db.prisma.order.findMany({
    where: {
      countsInAnalytics: true,
      placedAt: { gte: since, lte: now },
      customer: { is: { mergedIntoId: null, erasedAt: null, metrics: { is: { isVip: true } } } },
    },
    select: {
      key: true,
      channel: true,
      placedAt: true,
      total: true,
      ecomOrderNumber: true,
      customerId: true,
      customer: { select: { displayName: true } },
    },
    orderBy: { placedAt: "asc" },
    take: 1_000,
  });
  if (orders.length === 0) return { notified: 0, baseline: false };
  const known = await db.prisma.notification.findMany({
    where: { dedupeKey: { in: orders.map((order) => dedupeKeyOf(order.key)) } },
    select: { dedupeKey: true },
  });
  const seen = new Set(known.map((row) => row.dedupeKey));
  const drafts: NotificationDraft[] = orders
    .filter((order) => !seen.has(dedupeKeyOf(order.key)))
    .map((order) => {
      const who = order.customer?.displayName ?? "A VIP customer";
      const where = order.channel === "ECOM" ? "online" : "in store";
      return {
        kind: "customer.vip_order",
        title: `VIP order: ${who}`,
        body: `${who} placed an order ${where} for $${order.total.toFixed(2)}.`,
        data: {
          customerId: order.customerId,
          orderKey: order.key,
          ecomOrderNumber: order.ecomOrderNumber,
          placedAt: order.placedAt.toISOString(),
          total: order.total.toFixed(2),
        },
        dedupeKey: dedupeKeyOf(order.key),
      };
    });
  return { notified: await createNotifications(db.prisma, drafts, now), baseline: false };
}

function dedupeKeyOf(orderKey: string): string {
  return `vip_order:${orderKey}`;
}
