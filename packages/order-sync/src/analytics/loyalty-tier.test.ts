import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { defaultAnalyticsConfig } from "./analytics-config";
import { resolveLoyaltyTier } from "./loyalty-tier";

function standingAt(spend: string, hasOrders = true) {
  const standing = resolveLoyaltyTier({
    rollingSpend: new Decimal(spend),
    hasOrders,
    config: defaultAnalyticsConfig,
  });
  return [standing.tier, standing.nextTier, standing.amountToNextTier.toFixed(2)];
}

describe("resolveLoyaltyTier", () => {
  it.each([
    ["0", "Seed", "Sprout", "250.00"],
    ["249.99", "Seed", "Sprout", "0.01"],
    ["250", "Sprout", "Bloom", "500.00"],
    ["250.00", "Sprout", "Bloom", "500.00"],
    ["749.99", "Sprout", "Bloom", "0.01"],
    ["750", "Bloom", "Evergreen", "750.00"],
    ["1499.999", "Bloom", "Evergreen", "0.00"],
    ["1500", "Evergreen", null, "0.00"],
    ["9000", "Evergreen", null, "0.00"],
  ])("does put a rolling spend of %s in %s", (spend, tier, nextTier, amount) => {
    expect(standingAt(spend)).toEqual([tier, nextTier, amount]);
  });

  it("does keep the amount to the next tier exact, not rounded", () => {
    const standing = resolveLoyaltyTier({
      rollingSpend: new Decimal("1499.999"),
      hasOrders: true,
      config: defaultAnalyticsConfig,
    });
    expect(standing.amountToNextTier.toString()).toBe("0.001");
  });

  it("does keep the lowest tier when refunds push the window below zero", () => {
    expect(standingAt("-20")).toEqual(["Seed", "Sprout", "270.00"]);
  });

  it("does give no tier to a customer without orders, but still the way to the next", () => {
    expect(standingAt("0", false)).toEqual([null, "Sprout", "250.00"]);
    const standing = resolveLoyaltyTier({
      rollingSpend: new Decimal(0),
      hasOrders: false,
      config: { ...defaultAnalyticsConfig, tierRequiresOrder: false },
    });
    expect(standing.tier).toBe("Seed");
  });

  it("does not depend on the order the tiers are configured in", () => {
    const config = {
      ...defaultAnalyticsConfig,
      loyaltyTiers: [...defaultAnalyticsConfig.loyaltyTiers].reverse(),
    };
    const standing = resolveLoyaltyTier({
      rollingSpend: new Decimal(800),
      hasOrders: true,
      config,
    });
    expect([standing.tier, standing.nextTier, standing.amountToNextTier.toFixed(2)]).toEqual([
      "Bloom",
      "Evergreen",
      "700.00",
    ]);
  });
});
