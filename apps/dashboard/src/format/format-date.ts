// Dates arrive as Date. Store data (orders, periods, cohorts) is shown in UTC, as the store's
// records keep it; the server's own events (last poll, alerts) in the browser's time zone.

export interface DateFormatOptions {
  locale?: string;
  /** Default: the browser's zone. Store data passes "UTC". */
  timeZone?: string;
}

function isValid(date: Date | null | undefined): date is Date {
  return date instanceof Date && !Number.isNaN(date.getTime());
}

/** "Mar 4, 2025"; "—" for none. */
export function formatDate(date: Date | null | undefined, options: DateFormatOptions = {}): string {
  if (!isValid(date)) return "—";
  return new Intl.DateTimeFormat(options.locale, {
    dateStyle: "medium",
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
  }).format(date);
}

/** "Mar 4, 2025, 14:05 UTC" for store data, the local time otherwise; "—" for none. */
export function formatDateTime(
  date: Date | null | undefined,
  options: DateFormatOptions = {},
): string {
  if (!isValid(date)) return "—";
  const text = new Intl.DateTimeFormat(options.locale, {
    dateStyle: "medium",
    timeStyle: "short",
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
  }).format(date);
  return options.timeZone === "UTC" ? `${text} UTC` : text;
}

/** A store record's time: always UTC. */
export function formatStoreTime(date: Date | null | undefined, locale?: string): string {
  return formatDateTime(date, { timeZone: "UTC", ...(locale ? { locale } : {}) });
}

/** A period's start as its label: "Mar 2025" for months, "Mar 3, 2025" for ISO weeks (UTC). */
export function formatPeriod(start: Date, granularity: "week" | "month", locale?: string): string {
  if (!isValid(start)) return "—";
  return new Intl.DateTimeFormat(
    locale,
    granularity === "month"
      ? { month: "short", year: "numeric", timeZone: "UTC" }
      : { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" },
  ).format(start);
}

/** "5 minutes ago", "in 2 hours", relative to `now`; "never" for none. */
export function formatRelative(
  date: Date | null | undefined,
  { now = new Date(), locale }: { now?: Date; locale?: string } = {},
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
