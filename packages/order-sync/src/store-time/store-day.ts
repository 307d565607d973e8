// The store's calendar days (STORE_TIMEZONE) as consecutive numbers: "days without an order" are
// counted between the dates the store's calendar showed, so a daylight-saving change (a 23- or
// 25-hour day) never shifts a threshold by a day.
import { storeZone } from "./store-zone";

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 on the store's calendar at `at`. */
export function storeDayNumber(at: Date, timeZone: string): number {
  // The store's wall clock at `at`, read as if it were UTC: its UTC fields are the local ones.
  return Math.floor((at.getTime() + storeZone(timeZone).offsetAt(at.getTime())) / DAY_MS);
}

/** 00:00 store time on the store day with the given storeDayNumber. */
export function storeDayStart(day: number, timeZone: string): Date {
  return new Date(storeZone(timeZone).wallToUtc(day * DAY_MS));
}
