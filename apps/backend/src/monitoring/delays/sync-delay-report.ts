// The sync-delay report: how late eCom orders reached X-Series, overall and per week placed, and
// how many are still missing. `pnpm cli report delays` prints it; `sync.delays` serves it.
import type { Database } from "@greenloop/db";
import type { DelayStats } from "./delay-percentiles";
import { summarizeEcomBacklog } from "./ecom-backlog";
import { listSyncDelays, type SyncedOrderDelay } from "./sync-delays";
import { summarizeDelaysByWeek, type WeeklyDelays } from "./weekly-delays";

export interface SyncDelayReport extends DelayStats {
  /** Orders placed from then on; null: all of them. */
  since: Date | null;
  /** Every eCom order that reached X-Series, oldest first. */
  orders: SyncedOrderDelay[];
  /** Per week placed (Monday in the store's time zone), oldest first. */
  weeks: WeeklyDelays[];
  /** eCom orders not in X-Series yet, whatever their age. */
  backlog: { count: number; oldestPlacedAt: Date | null };
}

export async function getSyncDelayReport(
  db: Pick<Database, "prisma">,
  options: { now: Date; timeZone: string; since?: Date },
): Promise<SyncDelayReport> {
  const since = options.since ? { since: options.since } : {};
  const [{ orders, ...stats }, backlog] = await Promise.all([
    listSyncDelays(db, since),
    summarizeEcomBacklog(db, { now: options.now, ...since }),
  ]);
  return {
    ...stats,
    since: options.since ?? null,
    orders,
    weeks: summarizeDelaysByWeek(orders, backlog.slots, options.timeZone),
    backlog: { count: backlog.count, oldestPlacedAt: backlog.oldestPlacedAt },
  };
}

/** The `count` slowest orders, slowest first (equal delays: placed first). */
export function slowestSyncedOrders(
  orders: readonly SyncedOrderDelay[],
  count: number,
): SyncedOrderDelay[] {
  return [...orders].sort((a, b) => b.delaySeconds - a.delaySeconds).slice(0, count);
}
