// Durations and dates as people read them in a notification: "10 days 2 hours", "Mar 2, 2026,
// 2:05 PM America/Chicago" (the store's zone named: whoever reads it may be elsewhere).
// The same words in SQL too, for alerts written set-based (format-duration.test.ts holds them equal).
import { Prisma } from "@greenloop/db";

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

/** A store time with the zone it is in: "Mar 2, 2026, 2:05 PM America/Chicago". */
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
  return `${format.format(at)} ${timeZone}`;
}

const plural = (n: Prisma.Sql, unit: string) =>
  Prisma.sql`(${n} || ${` ${unit}`} || CASE WHEN ${n} = 1 THEN '' ELSE 's' END)`;

/** `formatDuration` of an integer number of seconds, as a SQL expression. */
export function durationWordsSql(seconds: Prisma.Sql): Prisma.Sql {
  const s = Prisma.sql`GREATEST(0, (${seconds})::bigint)`;
  const minutes = Prisma.sql`(${s} / 60)`;
  const hours = Prisma.sql`(${s} / 3600)`;
  const days = Prisma.sql`(${s} / 86400)`;
  return Prisma.sql`CASE
    WHEN ${days} > 0 THEN ${plural(days, "day")}
      || CASE WHEN ${hours} % 24 > 0 THEN ' ' || ${plural(Prisma.sql`(${hours} % 24)`, "hour")} ELSE '' END
    WHEN ${hours} > 0 THEN ${plural(hours, "hour")}
      || CASE WHEN ${minutes} % 60 > 0 THEN ' ' || ${plural(Prisma.sql`(${minutes} % 60)`, "minute")} ELSE '' END
    WHEN ${minutes} > 0 THEN ${plural(minutes, "minute")}
    ELSE ${plural(s, "second")}
  END`;
}

/** `formatStoreTime` as a SQL expression ("Mar 2, 2026, 2:05 PM America/Chicago"; a plain space before PM). */
export function storeTimeSql(at: Prisma.Sql, timeZone: string): Prisma.Sql {
  return Prisma.sql`(to_char(${at} AT TIME ZONE ${timeZone}, 'Mon FMDD, YYYY, FMHH12:MI AM') || ' ' || ${timeZone})`;
}
