import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { defaultAnalyticsConfig } from "./analytics-config";
import { isFirstTimeBuyer, isHighValueCustomer, isVipCustomer } from "./customer-flags";

const customer = (lifetimeValue: string, orderCount = 5) => ({
  lifetimeValue: new Decimal(lifetimeValue),
  orderCount,
});

describe("isVipCustomer", () => {
  it("does make a customer VIP from exactly the lifetime-value minimum", () => {
    expect(isVipCustomer(customer("1000"), defaultAnalyticsConfig)).toBe(true);
    expect(isVipCustomer(customer("999.99"), defaultAnalyticsConfig)).toBe(false);
  });

  it("does add the order-count path only when configured", () => {
    const frequent = customer("300", 20);
    expect(isVipCustomer(frequent, defaultAnalyticsConfig)).toBe(false);
    const config = {
      ...defaultAnalyticsConfig,
      vip: { minLifetimeValue: new Decimal(1500), minOrderCount: 20 },
    };
    expect(isVipCustomer(frequent, config)).toBe(true);
    expect(isVipCustomer(customer("300", 19), config)).toBe(false);
  });
});

describe("isHighValueCustomer", () => {
  it.each([
    ["499.99", false],
    ["500", true],
    ["999.99", true],
    ["1000", false],
  ])("does flag a lifetime value of %s as high value: %s", (value, expected) => {
    expect(isHighValueCustomer(customer(value), defaultAnalyticsConfig)).toBe(expected);
  });

  it("does never flag a VIP as high value too", () => {
    for (const value of ["0", "500", "999.99", "1000", "5000"]) {
      const flags = [
        isVipCustomer(customer(value), defaultAnalyticsConfig),
        isHighValueCustomer(customer(value), defaultAnalyticsConfig),
      ];
      expect(flags).not.toEqual([true, true]);
    }
  });
});

describe("isFirstTimeBuyer", () => {
  it("does count a first order fewer than 30 days ago", () => {
    expect(
      isFirstTimeBuyer({ daysSinceFirstOrder: 0, orderCount: 1 }, defaultAnalyticsConfig),
    ).toBe(true);
    expect(
      isFirstTimeBuyer({ daysSinceFirstOrder: 29, orderCount: 3 }, defaultAnalyticsConfig),
    ).toBe(true);
    expect(
      isFirstTimeBuyer({ daysSinceFirstOrder: 30, orderCount: 1 }, defaultAnalyticsConfig),
    ).toBe(false);
    expect(
      isFirstTimeBuyer({ daysSinceFirstOrder: null, orderCount: 0 }, defaultAnalyticsConfig),
    ).toBe(false);
  });

  it("does cap the order count when configured", () => {
    const config = { firstTimeBuyer: { withinDays: 30, maxOrderCount: 1 } };
    expect(isFirstTimeBuyer({ daysSinceFirstOrder: 5, orderCount: 1 }, config)).toBe(true);
    expect(isFirstTimeBuyer({ daysSinceFirstOrder: 5, orderCount: 2 }, config)).toBe(false);
  });
});
