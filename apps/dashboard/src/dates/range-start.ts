// The ranges the overview offers: the last N ISO weeks or UTC months, ending with the current
// one. The start is a period boundary, so the query key stays the same all day.

export type Granularity = "week" | "month";

export const rangeChoices: Record<Granularity, readonly number[]> = {
  week: [12, 26, 52],
  month: [12, 24, 60],
};

const DAY_MS = 86_400_000;

/** 00:00 UTC on the first day of the period `count - 1` periods before `now`'s. */
export function rangeStart(now: Date, granularity: Granularity, count: number): Date {
  const back = Math.max(0, count - 1);
  if (granularity === "month") {
    return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
  }
  const day = Math.floor(now.getTime() / DAY_MS);
  // 1970-01-01 was a Thursday: the Monday-based weekday is (day + 3) mod 7.
  const monday = day - ((((day + 3) % 7) + 7) % 7);
  return new Date((monday - 7 * back) * DAY_MS);
}
