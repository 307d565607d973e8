// Customer event: the customer's loyalty tier went up (analytics/record-tier-rises.ts records it).
// Each rise becomes one notification for the customer themselves: their feed (`me.notifications`)
// and their own opted-in devices, never the staff's. The dedupe key names the customer, the tier
// and the day, so a rise handled twice (a crash between the two writes, two passes racing) is one
// notification. A customer erased since gets none; one merged since gets it as the survivor.
import type { Database } from "@greenloop/db";
import { DomainError } from "@greenloop/order-sync/errors";
import { resolveCustomerId } from "../../customers/resolve-customer-id";
import { createNotifications, type NotificationDraft } from "../notifications/notification-store";

export async function notifyTierRises(
  db: Pick<Database, "prisma">,
  options: { now: Date; limit?: number },
): Promise<{ notified: number; skipped: number }> {
  const rises = await db.prisma.customerTierRise.findMany({
    where: { notifiedAt: null },
    orderBy: [{ detectedAt: "asc" }, { id: "asc" }],
    take: options.limit ?? 1_000,
    select: { id: true, customerId: true, fromTier: true, toTier: true, day: true },
  });
  const drafts: NotificationDraft[] = [];
  for (const rise of rises) {
    const customerId = await liveCustomerOf(db, rise.customerId);
    if (customerId === null) continue;
    const day = rise.day.toISOString().slice(0, 10);
    drafts.push({
      kind: "customer.tier_rise",
      customerId,
      title: `You're now ${rise.toTier}!`,
      body: `Your recent purchases moved you up from ${rise.fromTier} to ${rise.toTier}. Thanks for shopping with us.`,
      // One campaign per tier: the app's PUSH_OPEN counts opens of "reached Bloom" together.
      data: { tier: rise.toTier, fromTier: rise.fromTier, campaignId: `tier_rise:${rise.toTier}` },
      dedupeKey: `tier_rise:${rise.customerId}:${rise.toTier}:${day}`,
    });
  }
  return db.prisma.$transaction(async (tx) => {
    const notified = await createNotifications(tx, drafts, options.now);
    await tx.customerTierRise.updateMany({
      where: { id: { in: rises.map((rise) => rise.id) }, notifiedAt: null },
      data: { notifiedAt: options.now },
    });
    return { notified, skipped: rises.length - drafts.length };
  });
}

async function liveCustomerOf(db: Pick<Database, "prisma">, id: string): Promise<string | null> {
  try {
    return (await resolveCustomerId(db, id)).customerId;
  } catch (error) {
    if (error instanceof DomainError && error.code === "NOT_FOUND") return null;
    throw error;
  }
}
