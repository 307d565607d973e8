// Where the store's days, ISO weeks and months begin, in its own time zone (STORE_TIMEZONE): the
// dashboard's ranges and the API's summary periods start at the same instants. The zone's offsets
// come from Intl (ZoneOffsets), so daylight-saving changes land where the zone database puts them.
import { storeZone } from "./store-zone";

export type StorePeriodGranularity = "day" | "week" | "month";

const DAY_MS = 86_400_000;

/**
 * 00:00 store time on the first day of the period `back` periods before the one `at` falls in
 * (`back` 0: `at`'s own). Weeks are ISO weeks: they start on Monday.
 */
export function storePeriodStart(
  at: Date,
  granularity: StorePeriodGranularity,
  back: number,
  timeZone: string,
): Date {
  const zone = storeZone(timeZone);
  // The store's wall clock at `at`, read as if it were UTC: its UTC fields are the local ones.
  const wall = new Date(at.getTime() + zone.offsetAt(at.getTime()));
  let startWall: number;
  if (granularity === "month") {
    startWall = Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth() - back, 1);
  } else {
    const day = Math.floor(wall.getTime() / DAY_MS);
    const first =
      granularity === "week"
        ? // 1970-01-01 was a Thursday: the Monday-based weekday is (day + 3) mod 7.
          day - ((((day + 3) % 7) + 7) % 7) - 7 * back
        : day - back;
    startWall = first * DAY_MS;
  }
  return new Date(zone.wallToUtc(startWall));
}
