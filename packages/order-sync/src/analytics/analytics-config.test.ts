import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import {
  type AnalyticsConfig,
  assertValidAnalyticsConfig,
  defaultAnalyticsConfig,
} from "./analytics-config";

function configWith(overrides: Partial<AnalyticsConfig>): AnalyticsConfig {
  return { ...defaultAnalyticsConfig, ...overrides };
}

describe("defaultAnalyticsConfig", () => {
  it("does hold the GreenLoop tiers on a 90-day window", () => {
    expect(defaultAnalyticsConfig.rollingWindowDays).toBe(90);
    expect(
      defaultAnalyticsConfig.loyaltyTiers.map((tier) => [
        tier.name,
        tier.minRollingSpend.toNumber(),
      ]),
    ).toEqual([
      ["Seed", 0],
      ["Sprout", 250],
      ["Bloom", 750],
      ["Evergreen", 1500],
    ]);
  });

  it("does pass its own validation", () => {
    expect(() => assertValidAnalyticsConfig(defaultAnalyticsConfig)).not.toThrow();
  });
});

describe("assertValidAnalyticsConfig", () => {
  it.each([
    ["a zero window", configWith({ rollingWindowDays: 0 })],
    ["no tiers", configWith({ loyaltyTiers: [] })],
    [
      "a tier named twice",
      configWith({
        loyaltyTiers: [
          { name: "Seed", minRollingSpend: new Decimal(0) },
          { name: "Seed", minRollingSpend: new Decimal(10) },
        ],
      }),
    ],
    [
      "two tiers on one minimum",
      configWith({
        loyaltyTiers: [
          { name: "Seed", minRollingSpend: new Decimal(0) },
          { name: "Sprout", minRollingSpend: new Decimal("0.00") },
        ],
      }),
    ],
    [
      "inactivity boundaries out of order",
      configWith({ inactivityFromDays: { "30d": 30, "60d": 90, "90d+": 60 } }),
    ],
    [
      "a fractional boundary",
      configWith({ inactivityFromDays: { "30d": 30.5, "60d": 60, "90d+": 90 } }),
    ],
    [
      "a high-value minimum above VIP",
      configWith({ highValue: { minLifetimeValue: new Decimal(2000) } }),
    ],
    [
      "churn thresholds out of order",
      configWith({ churnRisk: { mediumFrom: 0.8, highFrom: 0.5, gapDaysWithoutHistory: 60 } }),
    ],
    [
      "a zero gap without history",
      configWith({ churnRisk: { mediumFrom: 0.4, highFrom: 0.7, gapDaysWithoutHistory: 0 } }),
    ],
    ["a negative favourites limit", configWith({ favouritesLimit: -1 })],
    [
      "a fractional customers gate",
      configWith({
        predictions: {
          ...defaultAnalyticsConfig.predictions,
          gates: { ...defaultAnalyticsConfig.predictions.gates, minCustomersWithOrders: 2.5 },
        },
      }),
    ],
    [
      "a zero-day recent-order window",
      configWith({
        predictions: {
          ...defaultAnalyticsConfig.predictions,
          gates: { ...defaultAnalyticsConfig.predictions.gates, recentOrderWithinDays: 0 },
        },
      }),
    ],
    [
      "a probability alive above 1",
      configWith({
        predictions: { ...defaultAnalyticsConfig.predictions, minProbabilityAliveForNextOrder: 2 },
      }),
    ],
    [
      "a lost threshold no longer than the lapse threshold",
      configWith({ lifecycle: { wonBackAfterDays: 90, lapsedAfterDays: 90, lostAfterDays: 90 } }),
    ],
    [
      "a zero won-back threshold",
      configWith({ lifecycle: { wonBackAfterDays: 0, lapsedAfterDays: 90, lostAfterDays: 180 } }),
    ],
  ])("does reject %s as a CONFIG error", (_name, config) => {
    expect(() => assertValidAnalyticsConfig(config)).toThrow(
      expect.objectContaining({ code: "CONFIG" }),
    );
  });
});
