import Decimal from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultAnalyticsConfig } from "./analytics-config";
import { netSpendOf, selectCountedOrders } from "./analytics-order";
import { arbitraryOrder, asOf, buildOrder, daysBefore } from "./analytics-order-fixtures";
import { summarizeTransactions } from "./clv/rfm-summary";
import { clvSummaryOf, summarizeCustomerOrders } from "./customer-order-summary";

const config = defaultAnalyticsConfig;
const options = { asOf, config };

describe("summarizeCustomerOrders", () => {
  it("counts purchase days once and sums the repeat days' spend, leaving out voids and later orders", () => {
    const firstDay = daysBefore(30);
    const summary = summarizeCustomerOrders(
      [
        buildOrder({ placedAt: firstDay, total: new Decimal("10.00") }),
        buildOrder({ placedAt: new Date(firstDay.getTime() + 3_600_000), total: new Decimal(5) }),
        buildOrder({ placedAt: daysBefore(20), total: new Decimal("7.50") }),
        buildOrder({ placedAt: daysBefore(20), total: new Decimal(2), channel: "ECOM" }),
        buildOrder({ placedAt: daysBefore(5), total: new Decimal(99), countsInAnalytics: false }),
        buildOrder({ placedAt: daysBefore(-1), total: new Decimal(99) }),
      ],
      options,
    );
    expect(summary).toMatchObject({
      orderCount: 4,
      ecomOrderCount: 1,
      purchaseDays: 2,
      firstOrderAt: firstDay,
      lastOrderAt: daysBefore(20),
      orders90d: 4,
    });
    expect(summary.totalSpend.toString()).toBe("24.5");
    expect(summary.repeatDaySpend.toString()).toBe("9.5");
    expect(clvSummaryOf(summary, { asOf, periodDays: 7 })).toEqual({
      frequency: 1,
      recency: 10 / 7,
      T: 30 / 7,
      monetaryValue: 9.5,
    });
  });

  it("has no CLV summary without counted orders", () => {
    const summary = summarizeCustomerOrders([buildOrder({ countsInAnalytics: false })], options);
    expect(summary).toMatchObject({ orderCount: 0, purchaseDays: 0, firstOrderAt: null });
    expect(clvSummaryOf(summary, { asOf, periodDays: 7 })).toBeNull();
  });

  it("gives the CLV summary summarizeTransactions gives over the counted orders (property)", () => {
    fc.assert(
      fc.property(
        fc.array(arbitraryOrder, { maxLength: 30 }),
        fc.constantFrom(1, 7),
        (orders, periodDays) => {
          const counted = selectCountedOrders(orders, {
            asOf,
            countFullyRefundedOrders: config.countFullyRefundedOrders,
          });
          const expected = summarizeTransactions(
            counted.map((order) => ({ at: order.placedAt, amount: netSpendOf(order).toNumber() })),
            { observationEnd: asOf, periodDays },
          );
          const actual = clvSummaryOf(summarizeCustomerOrders(orders, options), {
            asOf,
            periodDays,
          });
          if (expected === null) {
            expect(actual).toBeNull();
            return;
          }
          expect(actual).toMatchObject({
            frequency: expected.frequency,
            recency: expected.recency,
            T: expected.T,
          });
          // Summed exactly here, as floats there: equal to the float sums' rounding.
          expect(actual?.monetaryValue).toBeCloseTo(expected.monetaryValue, 6);
        },
      ),
    );
  });
});
