import { describe, expect, it } from "vitest";
import {
  formatDate,
  formatDateTime,
  formatDayKey,
  formatPeriod,
  formatRelative,
  formatStoreTime,
  formatZoneName,
} from "./format-date";

// 23:30 UTC on March 31st: already April 1st in Berlin, still March 31st in Chicago.
const lateMarch = new Date("2025-03-31T23:30:00Z");
const chicago = { locale: "en-US", timeZone: "America/Chicago" };

describe("formatDateTime", () => {
  it("shows the store's time with its zone label, whatever the browser's zone", () => {
    expect(formatDateTime(lateMarch, chicago)).toBe("Mar 31, 2025, 6:30 PM CDT");
    expect(formatDateTime(new Date("2025-01-15T15:58:00Z"), chicago)).toBe(
      "Jan 15, 2025, 9:58 AM CST",
    );
    expect(formatStoreTime(lateMarch, { locale: "en-US", timeZone: "UTC" })).toBe(
      "Mar 31, 2025, 11:30 PM UTC",
    );
  });

  it("shows a dash for no time", () => {
    expect(formatDateTime(null, chicago)).toBe("—");
    expect(formatDateTime(new Date(Number.NaN), chicago)).toBe("—");
  });
});

describe("formatDate", () => {
  it("uses the store's zone", () => {
    expect(formatDate(lateMarch, { locale: "en-US", timeZone: "UTC" })).toBe("Mar 31, 2025");
    expect(formatDate(lateMarch, { locale: "en-US", timeZone: "Europe/Berlin" })).toBe(
      "Apr 1, 2025",
    );
    expect(formatDate(new Date("2025-04-01T03:00:00Z"), chicago)).toBe("Mar 31, 2025");
  });
});

describe("formatZoneName", () => {
  it("names the zone for range notes", () => {
    expect(formatZoneName(chicago)).toBe("Central Time");
  });
});

describe("formatPeriod", () => {
  it("names months and ISO weeks by their start in the store's zone", () => {
    // The store's April starts at 05:00 UTC; its week of March 3rd at 06:00 UTC.
    expect(formatPeriod(new Date("2025-04-01T05:00:00Z"), "month", chicago)).toBe("Apr 2025");
    expect(formatPeriod(new Date("2025-03-03T06:00:00Z"), "week", chicago)).toBe("Mar 3, 2025");
    expect(formatPeriod(new Date("2025-03-01T00:00:00Z"), "month", { timeZone: "UTC" })).toMatch(
      /2025/,
    );
  });
});

describe("formatDayKey", () => {
  it("reads a calendar day without shifting it to the browser's zone", () => {
    expect(formatDayKey("2026-01-05", "en-US")).toBe("Jan 5, 2026");
    expect(formatDayKey("not a day")).toBe("not a day");
  });
});

describe("formatRelative", () => {
  const now = new Date("2025-06-01T12:00:00Z");
  it("says how long ago, in the largest fitting unit", () => {
    expect(formatRelative(new Date("2025-06-01T11:55:00Z"), { now, locale: "en-US" })).toBe(
      "5 minutes ago",
    );
    expect(formatRelative(new Date("2025-06-01T09:00:00Z"), { now, locale: "en-US" })).toBe(
      "3 hours ago",
    );
    expect(formatRelative(new Date("2025-05-30T12:00:00Z"), { now, locale: "en-US" })).toBe(
      "2 days ago",
    );
    expect(formatRelative(new Date("2025-06-01T14:00:00Z"), { now, locale: "en-US" })).toBe(
      "in 2 hours",
    );
  });

  it("says never for no time", () => {
    expect(formatRelative(null, { now })).toBe("never");
  });
});
