// The ranges the overview offers: the last N ISO weeks or months of the store (STORE_TIMEZONE),
// ending with the current one. The start is a store-local period boundary, the same instant the
// API's summary periods start at (one shared storePeriodStart), so the query key stays put all day.
import { storePeriodStart } from "@greenloop/order-sync/store-time";

export type Granularity = "week" | "month";

export const rangeChoices: Record<Granularity, readonly number[]> = {
  week: [12, 26, 52],
  month: [12, 24, 60],
};

/** 00:00 store time on the first day of the period `count - 1` periods before `now`'s. */
export function rangeStart(
  now: Date,
  granularity: Granularity,
  count: number,
  timeZone: string,
): Date {
  return storePeriodStart(now, granularity, Math.max(0, count - 1), timeZone);
}

/** The end (exclusive) of the period that starts at `start`: the next one's start. */
export function periodEnd(start: Date, granularity: Granularity, timeZone: string): Date {
  return storePeriodStart(start, granularity, -1, timeZone);
}
