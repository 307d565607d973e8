import { describe, expect, it } from "vitest";
import { storeMonthAt, storeMonthIndex } from "./store-month";
import { storePeriodStart } from "./store-period-start";

describe("storeMonthIndex", () => {
  it("numbers the store's month, not the UTC one", () => {
    // 03:00 UTC on March 1st 2026 is still February 28th, 9 PM in Chicago (CST).
    const lateFebruaryInChicago = new Date("2026-03-01T03:00:00Z");
    expect(storeMonthIndex(lateFebruaryInChicago, "America/Chicago")).toBe(2026 * 12 + 1);
    expect(storeMonthIndex(lateFebruaryInChicago, "UTC")).toBe(2026 * 12 + 2);
    // Ahead of UTC: 23:00 UTC on January 31st is already February 1st in Tokyo.
    expect(storeMonthIndex(new Date("2026-01-31T23:00:00Z"), "Asia/Tokyo")).toBe(2026 * 12 + 1);
  });
});

describe("storeMonthAt", () => {
  it("gives the month's key and the store's midnight on its 1st, across daylight saving", () => {
    expect(storeMonthAt(2026 * 12 + 1, "America/Chicago")).toEqual({
      key: "2026-02",
      start: new Date("2026-02-01T06:00:00Z"), // CST
    });
    expect(storeMonthAt(2026 * 12 + 3, "America/Chicago")).toEqual({
      key: "2026-04",
      start: new Date("2026-04-01T05:00:00Z"), // CDT
    });
    expect(storeMonthAt(2026 * 12 + 3, "UTC").start).toEqual(new Date("2026-04-01T00:00:00Z"));
    expect(storeMonthAt(50 * 12, "UTC").key).toBe("0050-01");
  });

  it("round-trips with storeMonthIndex and starts where storePeriodStart does", () => {
    for (const timeZone of ["America/Chicago", "Europe/London", "Australia/Lord_Howe", "UTC"]) {
      for (let month = 2024 * 12; month < 2027 * 12; month++) {
        const { start } = storeMonthAt(month, timeZone);
        expect(storeMonthIndex(start, timeZone)).toBe(month);
        expect(storeMonthIndex(new Date(start.getTime() - 1), timeZone)).toBe(month - 1);
        expect(storePeriodStart(start, "month", 0, timeZone)).toEqual(start);
      }
    }
  });
});
