import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { isFullyRefunded, netSpendOf, selectCountedOrders } from "./analytics-order";
import { asOf, buildOrder, daysBefore } from "./analytics-order-fixtures";

const selection = { asOf, countFullyRefundedOrders: false };

describe("netSpendOf", () => {
  it("does subtract refunds from the total", () => {
    const order = buildOrder({ total: new Decimal("80.10"), refundedTotal: new Decimal("20.05") });
    expect(netSpendOf(order).toFixed(2)).toBe("60.05");
  });
});

describe("isFullyRefunded", () => {
  it("does flag an order refunded down to nothing", () => {
    expect(
      isFullyRefunded(buildOrder({ total: new Decimal(50), refundedTotal: new Decimal(50) })),
    ).toBe(true);
  });

  it("does not flag a partial refund or a free order", () => {
    expect(isFullyRefunded(buildOrder({ refundedTotal: new Decimal("99.99") }))).toBe(false);
    expect(isFullyRefunded(buildOrder({ total: new Decimal(0) }))).toBe(false);
  });
});

describe("selectCountedOrders", () => {
  it("does drop voided and cancelled orders", () => {
    const kept = buildOrder();
    expect(
      selectCountedOrders([kept, buildOrder({ countsInAnalytics: false })], selection),
    ).toEqual([kept]);
  });

  it("does drop fully refunded orders unless configured to count them", () => {
    const refunded = buildOrder({ refundedTotal: new Decimal("100.00") });
    const partial = buildOrder({ refundedTotal: new Decimal("10.00") });
    expect(selectCountedOrders([refunded, partial], selection)).toEqual([partial]);
    expect(
      selectCountedOrders([refunded, partial], { asOf, countFullyRefundedOrders: true }),
    ).toEqual([refunded, partial]);
  });

  it("does keep an order placed exactly at asOf and drop one a millisecond later", () => {
    const atAsOf = buildOrder({ placedAt: new Date(asOf) });
    const later = buildOrder({ placedAt: new Date(asOf.getTime() + 1) });
    expect(
      selectCountedOrders([atAsOf, later, buildOrder({ placedAt: daysBefore(-3) })], selection),
    ).toEqual([atAsOf]);
  });

  it("does reject an order without a valid date as BAD_INPUT", () => {
    expect(() =>
      selectCountedOrders([buildOrder({ placedAt: new Date("not a date") })], selection),
    ).toThrow(expect.objectContaining({ code: "BAD_INPUT" }));
  });
});
