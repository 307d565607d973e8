import { describe, expect, it } from "vitest";
import { storePeriodStart } from "./store-period-start";

describe("storePeriodStart", () => {
  // 03:30 UTC on April 1st 2025 is still March 31st, 10:30 PM in Chicago (CDT, UTC−5).
  const lateMarchInChicago = new Date("2025-04-01T03:30:00Z");

  it("starts a month at the store's midnight on the 1st", () => {
    expect(storePeriodStart(lateMarchInChicago, "month", 0, "America/Chicago").toISOString()).toBe(
      "2025-03-01T06:00:00.000Z", // CST, before the spring change on March 9th
    );
    expect(storePeriodStart(lateMarchInChicago, "month", 0, "UTC").toISOString()).toBe(
      "2025-04-01T00:00:00.000Z",
    );
    expect(storePeriodStart(lateMarchInChicago, "month", 11, "America/Chicago").toISOString()).toBe(
      "2024-04-01T05:00:00.000Z",
    );
  });

  it("starts an ISO week on the store's Monday", () => {
    // Monday March 31st in Chicago; Tuesday April 1st in UTC.
    expect(storePeriodStart(lateMarchInChicago, "week", 0, "America/Chicago").toISOString()).toBe(
      "2025-03-31T05:00:00.000Z",
    );
    expect(storePeriodStart(lateMarchInChicago, "week", 2, "America/Chicago").toISOString()).toBe(
      "2025-03-17T05:00:00.000Z",
    );
    expect(storePeriodStart(lateMarchInChicago, "week", 0, "UTC").toISOString()).toBe(
      "2025-03-31T00:00:00.000Z",
    );
  });

  it("starts a day at the store's midnight, across a daylight-saving change", () => {
    expect(storePeriodStart(lateMarchInChicago, "day", 0, "America/Chicago").toISOString()).toBe(
      "2025-03-31T05:00:00.000Z",
    );
    // March 9th 2025, the spring-forward day, began at 00:00 CST.
    expect(
      storePeriodStart(new Date("2025-03-09T12:00:00Z"), "day", 0, "America/Chicago").toISOString(),
    ).toBe("2025-03-09T06:00:00.000Z");
  });

  it("is the same all store day long", () => {
    const morning = new Date("2025-03-13T05:00:01Z"); // 00:00:01 CDT
    const night = new Date("2025-03-14T04:59:59Z"); // 23:59:59 CDT
    for (const granularity of ["day", "week", "month"] as const) {
      expect(storePeriodStart(morning, granularity, 3, "America/Chicago")).toEqual(
        storePeriodStart(night, granularity, 3, "America/Chicago"),
      );
    }
  });
});
