// The sync-delay distribution over time: per week the order was placed (weeks start on Monday in
// the store's time zone), the delay stats of the orders that arrived and how many are still missing.
import { ZoneOffsets } from "@greenloop/order-sync/csv";
import { type DelayStats, summarizeDelays } from "./delay-percentiles";

const DAY_MS = 86_400_000;

export interface WeeklyDelays extends DelayStats {
  /** The Monday the week starts on, `YYYY-MM-DD` in the store's time zone. */
  weekStart: string;
  /** Orders placed that week that are not in X-Series yet. */
  stillMissing: number;
}

/** The Monday (store-local date) of the week `at` falls in. */
function weekStartOf(at: Date, zone: ZoneOffsets): string {
  const wallDay = Math.floor((at.getTime() + zone.offsetAt(at.getTime())) / DAY_MS);
  // Day 0 of the epoch (1970-01-01) was a Thursday: Monday-based weekday = (day + 3) mod 7.
  const monday = wallDay - ((((wallDay + 3) % 7) + 7) % 7);
  return new Date(monday * DAY_MS).toISOString().slice(0, 10);
}

export function summarizeDelaysByWeek(
  synced: ReadonlyArray<{ placedAt: Date; delaySeconds: number }>,
  /** The orders still missing, one by one or counted (`orders`) per slot of time. */
  unsynced: ReadonlyArray<{ placedAt: Date; orders?: number }>,
  timeZone: string,
): WeeklyDelays[] {
  const zone = new ZoneOffsets(timeZone);
  const weeks = new Map<string, { delays: number[]; stillMissing: number }>();
  const week = (at: Date) => {
    const key = weekStartOf(at, zone);
    let entry = weeks.get(key);
    if (!entry) {
      entry = { delays: [], stillMissing: 0 };
      weeks.set(key, entry);
    }
    return entry;
  };
  for (const order of synced) week(order.placedAt).delays.push(order.delaySeconds);
  for (const order of unsynced) week(order.placedAt).stillMissing += order.orders ?? 1;
  return [...weeks.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([weekStart, { delays, stillMissing }]) => ({
      weekStart,
      ...summarizeDelays(delays),
      stillMissing,
    }));
}
