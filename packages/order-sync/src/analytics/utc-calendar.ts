// Day, ISO-week and month arithmetic on UTC calendar dates. Timestamps are stored in UTC, and
// counting on the UTC calendar keeps every day 24 hours long: no DST gaps, no host time zone.

const millisecondsPerDay = 86_400_000;

export interface CalendarPeriod {
  /** `2026-W03` for ISO weeks, `2026-01` for months. */
  key: string;
  /** 00:00 UTC on the period's first day. */
  start: Date;
}

/** Days since 1970-01-01 on the UTC calendar. */
export function utcDayNumber(date: Date): number {
  return Math.floor(date.getTime() / millisecondsPerDay);
}

/**
 * Whole UTC calendar days from `from` to `to`: 23:59 and 00:01 the next day are 1 day apart,
 * 00:01 and 23:59 the same day 0. Negative when `to` is earlier.
 */
export function utcDaysBetween(from: Date, to: Date): number {
  return utcDayNumber(to) - utcDayNumber(from);
}

/** The ISO-8601 week (Monday start; week 1 holds the year's first Thursday) of a UTC date. */
export function isoWeekOf(date: Date): CalendarPeriod {
  const day = utcDayNumber(date);
  // 1970-01-01 was a Thursday, ISO weekday 4.
  const isoWeekday = ((((day + 3) % 7) + 7) % 7) + 1;
  const monday = day - (isoWeekday - 1);
  const thursday = monday + 3;
  const isoYear = new Date(thursday * millisecondsPerDay).getUTCFullYear();
  const januaryFirst = utcDayNumber(utcDate(isoYear, 0, 1));
  const week = Math.floor((thursday - januaryFirst) / 7) + 1;
  return {
    key: `${yearText(isoYear)}-W${String(week).padStart(2, "0")}`,
    start: new Date(monday * millisecondsPerDay),
  };
}

/** The UTC calendar month of a date. */
export function utcMonthOf(date: Date): CalendarPeriod {
  return utcMonthAt(utcMonthIndex(date));
}

/** Months since year 0 on the UTC calendar, so that month differences are plain subtraction. */
export function utcMonthIndex(date: Date): number {
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
}

/** The period `count` weeks or months after `period` (which must be one this module made). */
export function addPeriods(
  period: CalendarPeriod,
  granularity: "week" | "month",
  count: number,
): CalendarPeriod {
  if (granularity === "week") {
    return isoWeekOf(new Date(period.start.getTime() + count * 7 * millisecondsPerDay));
  }
  return utcMonthAt(utcMonthIndex(period.start) + count);
}

/** The UTC month with the given utcMonthIndex. */
export function utcMonthAt(monthIndex: number): CalendarPeriod {
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12;
  return {
    key: `${yearText(year)}-${String(month + 1).padStart(2, "0")}`,
    start: utcDate(year, month, 1),
  };
}

// Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
function utcDate(year: number, month: number, day: number): Date {
  const date = new Date(0);
  date.setUTCFullYear(year, month, day);
  return date;
}

function yearText(year: number): string {
  return String(year).padStart(4, "0");
}
