// Store-local date formats (America/Chicago by default) for the eCom export and sale notes.
// Intl does the zone arithmetic, so DST switches come out right without a table.

type Parts = Record<
  "weekday" | "month" | "day" | "year" | "hour" | "minute" | "second" | "dayPeriod",
  string
>;

const formatters = new Map<string, Intl.DateTimeFormat>();

function localParts(ms: number, timeZone: string, hour12: boolean): Parts {
  const key = `${timeZone}|${hour12}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      weekday: "short",
      month: "short",
      day: "numeric",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hour12,
      ...(hour12 ? {} : { hourCycle: "h23" as const }),
    });
    formatters.set(key, formatter);
  }
  const parts: Parts = {
    weekday: "",
    month: "",
    day: "",
    year: "",
    hour: "",
    minute: "",
    second: "",
    dayPeriod: "",
  };
  for (const part of formatter.formatToParts(new Date(ms))) {
    if (part.type in parts) parts[part.type as keyof Parts] = part.value;
  }
  return parts;
}

/** The export's `timestamp` / `pickup_time`: `Jan 6, 2026 01:15 PM` (no offset). */
export function formatEcomTimestamp(ms: number, timeZone: string): string {
  const p = localParts(ms, timeZone, true);
  return `${p.month} ${p.day}, ${p.year} ${p.hour.padStart(2, "0")}:${p.minute} ${p.dayPeriod}`;
}

/** The custom `Pickup date and time` column: `2026-01-06 15:00:00`. */
export function formatLocalDateTime(ms: number, timeZone: string): string {
  const p = localParts(ms, timeZone, false);
  const month = String(monthIndex(p.month) + 1).padStart(2, "0");
  const hour = p.hour === "24" ? "00" : p.hour;
  return `${p.year}-${month}-${p.day.padStart(2, "0")} ${hour}:${p.minute}:${p.second}`;
}

/** The `Pickup time:` block of an eCom sale note: `Mon, Jan 05, 2026, 8:00 PM`. */
export function formatPickupNoteTime(ms: number, timeZone: string): string {
  const p = localParts(ms, timeZone, true);
  return `${p.weekday}, ${p.month} ${p.day.padStart(2, "0")}, ${p.year}, ${Number(p.hour)}:${p.minute} ${p.dayPeriod}`;
}

/** The store-local hour (0–23) at an instant, for opening hours. */
export function localHour(ms: number, timeZone: string): number {
  const hour = Number(localParts(ms, timeZone, false).hour);
  return hour === 24 ? 0 : hour;
}

const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function monthIndex(short: string): number {
  return months.indexOf(short);
}
