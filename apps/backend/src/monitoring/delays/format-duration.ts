// Durations and dates as people read them in a notification: "10 days 2 hours", "Mar 2, 2:05 PM".

export function formatDuration(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  const hours = Math.floor(minutes / 60);
  const days = Math.floor(hours / 24);
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;
  if (days > 0)
    return hours % 24
      ? `${plural(days, "day")} ${plural(hours % 24, "hour")}`
      : plural(days, "day");
  if (hours > 0)
    return minutes % 60
      ? `${plural(hours, "hour")} ${plural(minutes % 60, "minute")}`
      : plural(hours, "hour");
  if (minutes > 0) return plural(minutes, "minute");
  return plural(Math.max(0, Math.floor(seconds)), "second");
}

// Building a formatter costs far more than using one: one per time zone, kept.
const storeTimeFormats = new Map<string, Intl.DateTimeFormat>();

export function formatStoreTime(at: Date, timeZone: string): string {
  let format = storeTimeFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "short",
      day: "numeric",
      hour: "numeric",
      minute: "2-digit",
    });
    storeTimeFormats.set(timeZone, format);
  }
  return format.format(at);
}
