import { describe, expect, it } from "vitest";
import { storeDayNumber, storeDayStart } from "./store-day";
import { storePeriodStart } from "./store-period-start";

describe("storeDayNumber", () => {
  it("numbers the store's date, not the UTC one", () => {
    // 03:00 UTC on March 1st 2026 is February 28th, 9 PM in Chicago.
    const at = new Date("2026-03-01T03:00:00Z");
    expect(storeDayNumber(at, "UTC") - storeDayNumber(at, "America/Chicago")).toBe(1);
    expect(storeDayNumber(new Date("1970-01-01T23:59:59Z"), "UTC")).toBe(0);
  });

  it("counts one day across the 23-hour spring-forward day", () => {
    // March 8th 2026 in Chicago: 00:00 CST (06:00Z) to 00:00 CDT on the 9th (05:00Z).
    const before = storeDayNumber(new Date("2026-03-08T06:00:00Z"), "America/Chicago");
    expect(storeDayNumber(new Date("2026-03-09T04:59:59Z"), "America/Chicago")).toBe(before);
    expect(storeDayNumber(new Date("2026-03-09T05:00:00Z"), "America/Chicago")).toBe(before + 1);
  });
});

describe("storeDayStart", () => {
  it("round-trips with storeDayNumber and starts where storePeriodStart's days do", () => {
    for (const timeZone of ["America/Chicago", "Australia/Lord_Howe", "Asia/Kolkata", "UTC"]) {
      for (let day = 20_400; day < 20_800; day++) {
        const start = storeDayStart(day, timeZone);
        expect(storeDayNumber(start, timeZone)).toBe(day);
        expect(storeDayNumber(new Date(start.getTime() - 1), timeZone)).toBe(day - 1);
        expect(storePeriodStart(start, "day", 0, timeZone)).toEqual(start);
      }
    }
  });
});
