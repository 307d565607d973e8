// How late eCom orders reached X-Series: each synced order's placed-at (eCom), reached-at (the
// synced sale's created_at), first-seen-by-us (webhook or poll) and delay (placed → reached).
import type { Database } from "@greenloop/db";
import { type DelayStats, summarizeDelays } from "./delay-percentiles";

export interface SyncedOrderDelay {
  ecomOrderNumber: string;
  placedAt: Date;
  /** When the order reached X-Series (the synced sale's created_at). */
  reachedAt: Date;
  /** When we first saw the X-Series copy; a backfill sets it long after `reachedAt`. */
  firstSeenAt: Date | null;
  delaySeconds: number;
}

export interface SyncDelays extends DelayStats {
  orders: SyncedOrderDelay[];
}

/** eCom orders already in X-Series, placed in [since, until), oldest first, with their stats. */
export async function listSyncDelays(
  db: Pick<Database, "prisma">,
  options: { since?: Date; until?: Date } = {},
): Promise<SyncDelays> {
  const rows = await db.prisma.order.findMany({
    where: {
      channel: "ECOM",
      ecomOrderNumber: { not: null },
      reachedRetailAt: { not: null },
      syncDelaySeconds: { not: null },
      placedAt: {
        ...(options.since ? { gte: options.since } : {}),
        ...(options.until ? { lt: options.until } : {}),
      },
    },
    select: {
      ecomOrderNumber: true,
      placedAt: true,
      reachedRetailAt: true,
      firstSeenInRetailAt: true,
      syncDelaySeconds: true,
    },
    orderBy: [{ placedAt: "asc" }, { ecomOrderNumber: "asc" }],
  });
  const orders = rows.map((row) => ({
    ecomOrderNumber: row.ecomOrderNumber ?? "",
    placedAt: row.placedAt,
    reachedAt: row.reachedRetailAt ?? row.placedAt,
    firstSeenAt: row.firstSeenInRetailAt,
    delaySeconds: row.syncDelaySeconds ?? 0,
  }));
  return { orders, ...summarizeDelays(orders.map((order) => order.delaySeconds)) };
}
