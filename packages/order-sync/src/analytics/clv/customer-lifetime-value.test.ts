import { describe, expect, it } from "vitest";
import { conditionalExpectedPurchases } from "./bg-nbd";
import { customerLifetimeValue } from "./customer-lifetime-value";

// The published CDNOW fits (anchors.md §4.3); times in weeks, money in US dollars.
const purchaseModel = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const spendModel = { p: 6.25, q: 3.74, v: 15.44 };
const customerOne = { frequency: 2, recency: 30.43, T: 38.86, monetaryValue: 22.35 };

describe("customerLifetimeValue", () => {
  it("multiplies expected purchases by expected spend over the horizon, undiscounted", () => {
    const value = customerLifetimeValue({
      purchaseModel,
      spendModel,
      customer: customerOne,
      horizon: 39,
    });
    // 1.22603 purchases × 6.25 (15.44 + 2 × 22.35) / (6.25 × 2 + 3.74 − 1) dollars
    const spend = (6.25 * (15.44 + 2 * 22.35)) / (6.25 * 2 + 3.74 - 1);
    expect(value).toBeCloseTo(
      conditionalExpectedPurchases(purchaseModel, 39, customerOne) * spend,
      12,
    );
    expect(value).toBeCloseTo(1.22603 * spend, 3);
  });

  it("is 0 over no time and values a customer without repeats at the population spend", () => {
    expect(
      customerLifetimeValue({ purchaseModel, spendModel, customer: customerOne, horizon: 0 }),
    ).toBe(0);
    const newcomer = { frequency: 0, recency: 0, T: 38.86, monetaryValue: 0 };
    const value = customerLifetimeValue({
      purchaseModel,
      spendModel,
      customer: newcomer,
      horizon: 52,
    });
    const populationSpend = (6.25 * 15.44) / (3.74 - 1);
    expect(value).toBeCloseTo(
      conditionalExpectedPurchases(purchaseModel, 52, newcomer) * populationSpend,
      12,
    );
  });
});
