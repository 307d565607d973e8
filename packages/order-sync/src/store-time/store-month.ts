// The store's calendar months (STORE_TIMEZONE) as consecutive numbers, for month arithmetic such
// as cohorts: month differences are plain subtraction, and a number maps back to its key and the
// instant the month began in the store. The zone's offsets come from Intl (ZoneOffsets).
import { storeZone } from "./store-zone";

export interface StoreMonth {
  /** `2026-03`: the store's year and month. */
  key: string;
  /** 00:00 store time on the month's first day. */
  start: Date;
}

/** Months since year 0 on the store's calendar at `at` (year × 12 + month, January 0). */
export function storeMonthIndex(at: Date, timeZone: string): number {
  // The store's wall clock at `at`, read as if it were UTC: its UTC fields are the local ones.
  const wall = new Date(at.getTime() + storeZone(timeZone).offsetAt(at.getTime()));
  return wall.getUTCFullYear() * 12 + wall.getUTCMonth();
}

/** The store month with the given storeMonthIndex. */
export function storeMonthAt(monthIndex: number, timeZone: string): StoreMonth {
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12;
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
  const wallStart = new Date(0);
  wallStart.setUTCFullYear(year, month, 1);
  return {
    key: `${String(year).padStart(4, "0")}-${String(month + 1).padStart(2, "0")}`,
    start: new Date(storeZone(timeZone).wallToUtc(wallStart.getTime())),
  };
}
