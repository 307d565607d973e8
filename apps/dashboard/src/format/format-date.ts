// Dates arrive as Date. Every date and time is shown in the store's zone (STORE_TIMEZONE, from
// system.storeTime), whatever the browser's, and a time carries the zone's label ("CST"), so a
// reader elsewhere knows whose clock it is. Intl does all the zone arithmetic.

export interface ZoneFormatOptions {
  /** The store's zone (IANA name). */
  timeZone: string;
  locale?: string;
}

function isValid(date: Date | null | undefined): date is Date {
  return date instanceof Date && !Number.isNaN(date.getTime());
}

/** "Mar 4, 2025" in the store's zone; "—" for none. */
export function formatDate(
  date: Date | null | undefined,
  { timeZone, locale }: ZoneFormatOptions,
): string {
  if (!isValid(date)) return "—";
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone }).format(date);
}

/** "Mar 4, 2025, 2:05 PM CST": the store's time with its zone label; "—" for none. */
export function formatDateTime(
  date: Date | null | undefined,
  { timeZone, locale }: ZoneFormatOptions,
): string {
  if (!isValid(date)) return "—";
  return new Intl.DateTimeFormat(locale, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZone,
    timeZoneName: "short",
  }).format(date);
}

/** A store record's time (an order placed, reaching X-Series): `formatDateTime`. */
export const formatStoreTime = formatDateTime;

/** The zone's name for a range note: "Central Time" (or the IANA name where Intl has none). */
export function formatZoneName({ timeZone, locale }: ZoneFormatOptions): string {
  const part = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: "longGeneric" })
    .formatToParts(new Date())
    .find((p) => p.type === "timeZoneName");
  return part?.value ?? timeZone;
}

/** A period's start as its label: "Mar 2025" for months, "Mar 3, 2025" for ISO weeks. */
export function formatPeriod(
  start: Date,
  granularity: "week" | "month",
  { timeZone, locale }: ZoneFormatOptions,
): string {
  if (!isValid(start)) return "—";
  return new Intl.DateTimeFormat(
    locale,
    granularity === "month"
      ? { month: "short", year: "numeric", timeZone }
      : { month: "short", day: "numeric", year: "numeric", timeZone },
  ).format(start);
}

/** "5 minutes ago", "in 2 hours", relative to `now` (the API's clock); "never" for none. */
export function formatRelative(
  date: Date | null | undefined,
  { now, locale }: { now: Date; locale?: string },
): string {
  if (!isValid(date)) return "never";
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  const abs = Math.abs(seconds);
  if (abs < 60) return format.format(seconds, "second");
  if (abs < 3_600) return format.format(Math.round(seconds / 60), "minute");
  if (abs < 86_400) return format.format(Math.round(seconds / 3_600), "hour");
  return format.format(Math.round(seconds / 86_400), "day");
}

/** A calendar day key ("2026-01-05", already in the store's zone) as "Jan 5, 2026". */
export function formatDayKey(key: string, locale?: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (!match) return key;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(date);
}
