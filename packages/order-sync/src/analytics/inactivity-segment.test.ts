import { describe, expect, it } from "vitest";
import { defaultAnalyticsConfig } from "./analytics-config";
import { inactivitySegmentOf } from "./inactivity-segment";

describe("inactivitySegmentOf", () => {
  it.each([
    [0, "active"],
    [29, "active"],
    [30, "30d"],
    [59, "30d"],
    [60, "60d"],
    [89, "60d"],
    [90, "90d+"],
    [1000, "90d+"],
  ])("does put %i days since the last order in %s", (days, segment) => {
    expect(inactivitySegmentOf(days, defaultAnalyticsConfig)).toBe(segment);
  });

  it("does give no segment to a customer without orders", () => {
    expect(inactivitySegmentOf(null, defaultAnalyticsConfig)).toBeNull();
  });

  it("does follow configured boundaries", () => {
    const config = { inactivityFromDays: { "30d": 14, "60d": 45, "90d+": 120 } };
    expect([13, 14, 44, 45, 119, 120].map((days) => inactivitySegmentOf(days, config))).toEqual([
      "active",
      "30d",
      "30d",
      "60d",
      "60d",
      "90d+",
    ]);
  });
});
