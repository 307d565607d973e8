import { describe, expect, it } from "vitest";
import { periodEnd, rangeStart } from "./range-start";

const chicago = "America/Chicago";

describe("rangeStart", () => {
  const now = new Date("2025-03-13T15:20:00Z"); // a Thursday

  it("starts N months back at the store's midnight on the 1st", () => {
    expect(rangeStart(now, "month", 1, "UTC").toISOString()).toBe("2025-03-01T00:00:00.000Z");
    expect(rangeStart(now, "month", 1, chicago).toISOString()).toBe("2025-03-01T06:00:00.000Z");
    expect(rangeStart(now, "month", 12, chicago).toISOString()).toBe("2024-04-01T05:00:00.000Z");
  });

  it("starts N ISO weeks back on the store's Monday", () => {
    expect(rangeStart(now, "week", 1, "UTC").toISOString()).toBe("2025-03-10T00:00:00.000Z");
    // March 10th: the first Monday of daylight time in Chicago (CDT, UTC−5).
    expect(rangeStart(now, "week", 1, chicago).toISOString()).toBe("2025-03-10T05:00:00.000Z");
    expect(rangeStart(now, "week", 3, chicago).toISOString()).toBe("2025-02-24T06:00:00.000Z");
  });

  it("follows the store's day, not UTC's: Sunday evening in Chicago is Monday in UTC", () => {
    const sundayEvening = new Date("2025-03-17T02:00:00Z"); // Sun Mar 16th, 9 PM CDT
    expect(rangeStart(sundayEvening, "week", 1, "UTC").toISOString()).toBe(
      "2025-03-17T00:00:00.000Z",
    );
    expect(rangeStart(sundayEvening, "week", 1, chicago).toISOString()).toBe(
      "2025-03-10T05:00:00.000Z",
    );
  });

  it("is the same all store day long, so query keys stay put", () => {
    const morning = new Date("2025-03-13T05:00:01Z");
    const night = new Date("2025-03-14T04:59:59Z");
    expect(rangeStart(morning, "week", 12, chicago)).toEqual(
      rangeStart(night, "week", 12, chicago),
    );
    expect(rangeStart(morning, "month", 12, chicago)).toEqual(
      rangeStart(night, "month", 12, chicago),
    );
  });
});

describe("periodEnd", () => {
  it("is the next period's start", () => {
    expect(periodEnd(new Date("2025-02-01T06:00:00Z"), "month", chicago).toISOString()).toBe(
      "2025-03-01T06:00:00.000Z",
    );
    expect(periodEnd(new Date("2025-03-03T06:00:00Z"), "week", chicago).toISOString()).toBe(
      "2025-03-10T05:00:00.000Z",
    );
  });
});
