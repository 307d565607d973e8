import { describe, expect, it } from "vitest";
import {
  formatDate,
  formatDateTime,
  formatDayKey,
  formatPeriod,
  formatRelative,
  formatStoreTime,
} from "./format-date";

// 23:30 UTC on March 31st: already April 1st in Berlin, still March 31st in Chicago.
const lateMarch = new Date("2025-03-31T23:30:00Z");

describe("formatStoreTime", () => {
  it("shows store data in UTC and says so", () => {
    expect(formatStoreTime(lateMarch, "en-US")).toBe("Mar 31, 2025, 11:30 PM UTC");
  });

  it("shows a dash for no time", () => {
    expect(formatStoreTime(null)).toBe("—");
    expect(formatStoreTime(new Date(Number.NaN))).toBe("—");
  });
});

describe("formatDate", () => {
  it("uses the given zone", () => {
    expect(formatDate(lateMarch, { locale: "en-US", timeZone: "UTC" })).toBe("Mar 31, 2025");
    expect(formatDate(lateMarch, { locale: "en-US", timeZone: "Europe/Berlin" })).toBe(
      "Apr 1, 2025",
    );
  });
});

describe("formatDateTime", () => {
  it("labels only UTC times with the zone", () => {
    expect(formatDateTime(lateMarch, { locale: "en-US", timeZone: "America/Chicago" })).toBe(
      "Mar 31, 2025, 6:30 PM",
    );
  });
});

describe("formatPeriod", () => {
  it("names months and ISO weeks by their UTC start", () => {
    const start = new Date("2025-03-01T00:00:00Z");
    expect(formatPeriod(start, "month", "en-US")).toBe("Mar 2025");
    expect(formatPeriod(new Date("2025-03-03T00:00:00Z"), "week", "en-US")).toBe("Mar 3, 2025");
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
