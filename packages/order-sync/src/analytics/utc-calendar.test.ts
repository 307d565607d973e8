import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addPeriods,
  isoWeekOf,
  utcDaysBetween,
  utcMonthAt,
  utcMonthIndex,
  utcMonthOf,
} from "./utc-calendar";

const at = (iso: string) => new Date(iso);
const arbitraryDate = fc.date({
  min: new Date("1990-01-01T00:00:00Z"),
  max: new Date("2100-12-31T23:59:59Z"),
  noInvalidDate: true,
});

describe("utcDaysBetween", () => {
  it("does count calendar days, not elapsed 24-hour blocks", () => {
    expect(utcDaysBetween(at("2026-03-14T23:59:00Z"), at("2026-03-15T00:01:00Z"))).toBe(1);
    expect(utcDaysBetween(at("2026-03-15T00:01:00Z"), at("2026-03-15T23:59:00Z"))).toBe(0);
    expect(utcDaysBetween(at("2026-03-15T12:00:00Z"), at("2026-03-14T12:00:00Z"))).toBe(-1);
  });

  it("does not lose or gain a day across daylight-saving changes", () => {
    // US clocks spring forward on 2026-03-08, EU ones on 2026-03-29 and back on 2026-10-25.
    expect(utcDaysBetween(at("2026-03-07T23:30:00Z"), at("2026-03-09T00:30:00Z"))).toBe(2);
    expect(utcDaysBetween(at("2026-03-28T12:00:00Z"), at("2026-03-30T12:00:00Z"))).toBe(2);
    expect(utcDaysBetween(at("2026-10-24T00:00:00Z"), at("2026-10-26T00:00:00Z"))).toBe(2);
    expect(utcDaysBetween(at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z"))).toBe(365);
    expect(utcDaysBetween(at("2024-02-28T08:00:00Z"), at("2024-03-01T08:00:00Z"))).toBe(2);
  });

  it("does match the difference of the UTC calendar dates", () => {
    fc.assert(
      fc.property(arbitraryDate, arbitraryDate, (from, to) => {
        const dateOnly = (date: Date) =>
          Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
        expect(utcDaysBetween(from, to)).toBe((dateOnly(to) - dateOnly(from)) / 86_400_000);
      }),
    );
  });
});

describe("isoWeekOf", () => {
  it.each([
    ["2026-01-01T00:00:00Z", "2026-W01", "2025-12-29"],
    ["2026-01-04T23:59:59Z", "2026-W01", "2025-12-29"],
    ["2026-01-05T00:00:00Z", "2026-W02", "2026-01-05"],
    ["2021-01-03T12:00:00Z", "2020-W53", "2020-12-28"],
    ["2024-12-30T12:00:00Z", "2025-W01", "2024-12-30"],
    ["2026-12-31T12:00:00Z", "2026-W53", "2026-12-28"],
  ])("does put %s in %s starting %s", (date, key, start) => {
    expect(isoWeekOf(at(date))).toEqual({ key, start: at(`${start}T00:00:00Z`) });
  });

  it("does agree with the week-of-4-January rule", () => {
    fc.assert(
      fc.property(arbitraryDate, (date) => {
        const { key, start } = isoWeekOf(date);
        const [year, week] = key.split("-W").map(Number) as [number, number];
        // Week 1 is the week holding 4 January; its Monday is 4 January minus its ISO weekday - 1.
        const fourth = Date.UTC(year, 0, 4);
        const fourthWeekday = ((new Date(fourth).getUTCDay() + 6) % 7) + 1;
        const weekOneMonday = fourth - (fourthWeekday - 1) * 86_400_000;
        expect(start.getTime()).toBe(weekOneMonday + (week - 1) * 7 * 86_400_000);
        expect(start.getUTCDay()).toBe(1);
        expect(date.getTime() - start.getTime()).toBeGreaterThanOrEqual(0);
        expect(date.getTime() - start.getTime()).toBeLessThan(7 * 86_400_000);
      }),
    );
  });
});

describe("utcMonthOf", () => {
  it("does use the UTC month, whatever the local one", () => {
    expect(utcMonthOf(at("2026-01-31T23:30:00-05:00"))).toEqual({
      key: "2026-02",
      start: at("2026-02-01T00:00:00Z"),
    });
  });
});

describe("utcMonthAt", () => {
  it("does invert utcMonthIndex, early years included", () => {
    expect(utcMonthAt(utcMonthIndex(at("2026-12-09T00:00:00Z"))).key).toBe("2026-12");
    expect(utcMonthAt(50 * 12).key).toBe("0050-01");
    expect(utcMonthAt(50 * 12).start.getUTCFullYear()).toBe(50);
  });
});

describe("addPeriods", () => {
  it("does step months across a year end and weeks across an ISO year end", () => {
    expect(addPeriods(utcMonthOf(at("2025-11-15T00:00:00Z")), "month", 3).key).toBe("2026-02");
    expect(addPeriods(isoWeekOf(at("2020-12-28T00:00:00Z")), "week", 1).key).toBe("2021-W01");
  });
});
