import Decimal from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultAnalyticsConfig } from "./analytics-config";
import type { AnalyticsOrder } from "./analytics-order";
import { arbitraryOrder, asOf, buildOrder, daysBefore } from "./analytics-order-fixtures";
import { computeCustomerMetrics } from "./customer-metrics";

const config = defaultAnalyticsConfig;
const metricsOf = (orders: AnalyticsOrder[], at: Date = asOf) =>
  computeCustomerMetrics(orders, { asOf: at, config });

describe("computeCustomerMetrics", () => {
  it("does compute the app's metrics over eCom and in-store orders", () => {
    const first = buildOrder({
      placedAt: daysBefore(200),
      total: new Decimal("120.00"),
      items: [
        { name: "Gummies", category: "Edibles", quantity: new Decimal(2), total: new Decimal(30) },
        { name: "Pen", brand: "Lumen", quantity: new Decimal(1), total: new Decimal(10) },
      ],
    });
    const refunded = buildOrder({
      placedAt: daysBefore(60),
      channel: "ECOM",
      total: new Decimal("300.00"),
      refundedTotal: new Decimal("50.00"),
    });
    const last = buildOrder({ placedAt: daysBefore(20), total: new Decimal("80.50") });
    const voided = buildOrder({
      placedAt: daysBefore(5),
      channel: "ECOM",
      countsInAnalytics: false,
    });
    const returned = buildOrder({
      placedAt: daysBefore(3),
      total: new Decimal(60),
      refundedTotal: new Decimal(60),
    });

    const metrics = metricsOf([last, voided, first, returned, refunded]);

    expect(metrics).toMatchObject({
      orderCount: 3,
      ecomOrderCount: 1,
      retailOrderCount: 2,
      orders90d: 2,
      firstOrderAt: first.placedAt,
      lastOrderAt: last.placedAt,
      daysSinceLastOrder: 20,
      meanDaysBetweenOrders: 90,
      onlineShare: 1 / 3,
      inactivitySegment: "active",
      isVip: false,
      isHighValue: false,
      isFirstTimeBuyer: false,
      firstPurchaseAt: first.placedAt,
      tier: "Sprout",
      nextTier: "Bloom",
    });
    expect(metrics.totalSpend.toFixed(2)).toBe("450.50");
    expect(metrics.averageOrderValue?.toFixed(4)).toBe("150.1667");
    expect(metrics.spend90d.toFixed(2)).toBe("330.50");
    expect(metrics.amountToNextTier.toFixed(2)).toBe("419.50");
    expect(metrics.favouriteProducts.map((favourite) => favourite.name)).toEqual([
      "Gummies",
      "Pen",
    ]);
    // Shares of the whole line spend (40), the uncategorised pen included; the returned and
    // voided orders' lines never count.
    expect(metrics.favouriteCategories.map((f) => [f.name, f.share])).toEqual([["Edibles", 0.75]]);
    expect(metrics.favouriteBrands.map((f) => [f.name, f.share])).toEqual([["Lumen", 0.25]]);
  });

  it("does ignore voided and cancelled orders entirely", () => {
    const metrics = metricsOf([
      buildOrder({ total: new Decimal(2000), countsInAnalytics: false }),
      buildOrder({ placedAt: daysBefore(1), countsInAnalytics: false }),
      buildOrder({ placedAt: daysBefore(40), total: new Decimal(50) }),
    ]);
    expect(metrics.orderCount).toBe(1);
    expect(metrics.totalSpend.toFixed(2)).toBe("50.00");
    expect(metrics.daysSinceLastOrder).toBe(40);
    expect(metrics.isVip).toBe(false);
  });

  it("does net refunds out of lifetime and rolling spend", () => {
    const metrics = metricsOf([
      buildOrder({ total: new Decimal("500.00"), refundedTotal: new Decimal("120.25") }),
      buildOrder({
        placedAt: daysBefore(5),
        total: new Decimal(90),
        refundedTotal: new Decimal(90),
      }),
    ]);
    expect(metrics.orderCount).toBe(1);
    expect(metrics.totalSpend.toFixed(2)).toBe("379.75");
    expect(metrics.spend90d.toFixed(2)).toBe("379.75");
    expect(metrics.daysSinceLastOrder).toBe(10);
  });

  it("does count a fully refunded order when configured to", () => {
    const orders = [
      buildOrder({
        placedAt: daysBefore(5),
        total: new Decimal(90),
        refundedTotal: new Decimal(90),
      }),
    ];
    const metrics = computeCustomerMetrics(orders, {
      asOf,
      config: { ...config, countFullyRefundedOrders: true },
    });
    expect([metrics.orderCount, metrics.totalSpend.toNumber(), metrics.tier]).toEqual([
      1,
      0,
      "Seed",
    ]);
  });

  it("does ignore orders placed after asOf", () => {
    const metrics = metricsOf([
      buildOrder({ placedAt: daysBefore(10) }),
      buildOrder({ placedAt: new Date(asOf.getTime() + 60_000), total: new Decimal(5000) }),
    ]);
    expect([metrics.orderCount, metrics.totalSpend.toNumber(), metrics.isVip]).toEqual([
      1,
      100,
      false,
    ]);
  });

  it("does count days on the UTC calendar, not in 24-hour blocks, across a DST change", () => {
    // 25 hours apart, across the US spring-forward night, on three different UTC dates.
    const metrics = metricsOf(
      [buildOrder({ placedAt: new Date("2026-03-07T23:30:00Z") })],
      new Date("2026-03-09T00:30:00Z"),
    );
    expect(metrics.daysSinceLastOrder).toBe(2);
  });

  it("does keep an order from 89 days ago in the rolling window and drop one from 90", () => {
    const edge = buildOrder({
      placedAt: new Date("2025-12-16T00:00:00Z"),
      total: new Decimal(300),
    });
    const outside = buildOrder({
      placedAt: new Date("2025-12-15T23:59:59Z"),
      total: new Decimal(700),
    });
    const metrics = metricsOf([edge, outside]);
    expect([metrics.orders90d, metrics.spend90d.toNumber(), metrics.tier]).toEqual([
      1,
      300,
      "Sprout",
    ]);
    expect(metrics.daysSinceLastOrder).toBe(89);

    const lapsed = metricsOf([outside]);
    expect([lapsed.orders90d, lapsed.daysSinceLastOrder, lapsed.inactivitySegment]).toEqual([
      0,
      90,
      "90d+",
    ]);
  });

  it.each([
    ["249.99", "Seed", "0.01"],
    ["250.00", "Sprout", "500.00"],
    ["749.99", "Sprout", "0.01"],
    ["750.00", "Bloom", "750.00"],
    ["1499.99", "Bloom", "0.01"],
    ["1500.00", "Evergreen", "0.00"],
  ])("does put 90-day spend of exactly %s in %s", (spend, tier, toNext) => {
    // Split over two orders so the tier reads the window's sum, not one order.
    const half = new Decimal(spend).div(2).toDecimalPlaces(2, Decimal.ROUND_DOWN);
    const metrics = metricsOf([
      buildOrder({ placedAt: daysBefore(80), total: half }),
      buildOrder({ placedAt: daysBefore(1), total: new Decimal(spend).minus(half) }),
      buildOrder({ placedAt: daysBefore(120), total: new Decimal(5000) }),
    ]);
    expect([metrics.tier, metrics.amountToNextTier.toFixed(2)]).toEqual([tier, toNext]);
  });

  it("does flag a recent first purchase and remember when it was", () => {
    const firstAt = daysBefore(29);
    const metrics = metricsOf([
      buildOrder({ placedAt: firstAt }),
      buildOrder({ placedAt: daysBefore(2) }),
    ]);
    expect([metrics.isFirstTimeBuyer, metrics.firstPurchaseAt]).toEqual([true, firstAt]);
    expect(metricsOf([buildOrder({ placedAt: daysBefore(30) })]).isFirstTimeBuyer).toBe(false);
  });

  it("does report mean days between orders only from two orders on", () => {
    expect(metricsOf([buildOrder()]).meanDaysBetweenOrders).toBeNull();
    const metrics = metricsOf([
      buildOrder({ placedAt: daysBefore(31) }),
      buildOrder({ placedAt: daysBefore(21) }),
      buildOrder({ placedAt: daysBefore(1) }),
    ]);
    expect(metrics.meanDaysBetweenOrders).toBe(15);
  });

  it("does return empty metrics for a customer without counted orders", () => {
    const metrics = metricsOf([buildOrder({ countsInAnalytics: false })]);
    expect(metrics).toEqual({
      orderCount: 0,
      ecomOrderCount: 0,
      retailOrderCount: 0,
      totalSpend: new Decimal(0),
      averageOrderValue: null,
      spend90d: new Decimal(0),
      orders90d: 0,
      firstOrderAt: null,
      lastOrderAt: null,
      daysSinceLastOrder: null,
      meanDaysBetweenOrders: null,
      onlineShare: null,
      favouriteProducts: [],
      favouriteCategories: [],
      favouriteBrands: [],
      inactivitySegment: null,
      isVip: false,
      isHighValue: false,
      isFirstTimeBuyer: false,
      firstPurchaseAt: null,
      tier: null,
      nextTier: "Sprout",
      amountToNextTier: new Decimal(250),
    });
  });

  it("does match a brute-force reference computation over random histories", () => {
    fc.assert(
      fc.property(fc.array(arbitraryOrder, { maxLength: 25 }), (orders) => {
        const metrics = metricsOf(orders);
        const expected = referenceMetrics(orders);
        expect({
          orderCount: metrics.orderCount,
          ecomOrderCount: metrics.ecomOrderCount,
          retailOrderCount: metrics.retailOrderCount,
          totalCents: metrics.totalSpend.times(100).toNumber(),
          spend90dCents: metrics.spend90d.times(100).toNumber(),
          orders90d: metrics.orders90d,
          firstOrderAt: metrics.firstOrderAt,
          lastOrderAt: metrics.lastOrderAt,
          daysSinceLastOrder: metrics.daysSinceLastOrder,
          meanDaysBetweenOrders: metrics.meanDaysBetweenOrders,
          inactivitySegment: metrics.inactivitySegment,
          isVip: metrics.isVip,
          isHighValue: metrics.isHighValue,
          isFirstTimeBuyer: metrics.isFirstTimeBuyer,
          tier: metrics.tier,
          amountToNextTierCents: metrics.amountToNextTier.times(100).toNumber(),
        }).toEqual(expected);
        if (metrics.averageOrderValue !== null) {
          expect(metrics.averageOrderValue.times(metrics.orderCount).toNumber()).toBeCloseTo(
            expected.totalCents / 100,
            6,
          );
        }
      }),
    );
  });
});

/** The definitions written out the long way, in integer cents and calendar dates. */
function referenceMetrics(orders: AnalyticsOrder[]) {
  const cents = (amount: Decimal) => Math.round(amount.toNumber() * 100);
  const calendarDay = (date: Date) =>
    Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()) / 86_400_000;
  const today = calendarDay(asOf);

  const counted = orders
    .filter((order) => order.countsInAnalytics && order.placedAt.getTime() <= asOf.getTime())
    .filter(
      (order) =>
        !(cents(order.refundedTotal) > 0 && cents(order.refundedTotal) >= cents(order.total)),
    )
    .sort((a, b) => a.placedAt.getTime() - b.placedAt.getTime());
  const net = (order: AnalyticsOrder) => cents(order.total) - cents(order.refundedTotal);
  const inWindow = counted.filter((order) => today - calendarDay(order.placedAt) <= 89);

  const totalCents = counted.reduce((sum, order) => sum + net(order), 0);
  const spend90dCents = inWindow.reduce((sum, order) => sum + net(order), 0);
  const first = counted[0];
  const last = counted.at(-1);
  const daysSinceLastOrder = last === undefined ? null : today - calendarDay(last.placedAt);

  let meanDaysBetweenOrders: number | null = null;
  if (counted.length >= 2) {
    let gaps = 0;
    for (let index = 1; index < counted.length; index += 1) {
      const previous = counted[index - 1];
      const current = counted[index];
      if (previous && current)
        gaps += calendarDay(current.placedAt) - calendarDay(previous.placedAt);
    }
    meanDaysBetweenOrders = gaps / (counted.length - 1);
  }

  let inactivitySegment: string | null = null;
  if (daysSinceLastOrder !== null) {
    if (daysSinceLastOrder >= 90) inactivitySegment = "90d+";
    else if (daysSinceLastOrder >= 60) inactivitySegment = "60d";
    else if (daysSinceLastOrder >= 30) inactivitySegment = "30d";
    else inactivitySegment = "active";
  }

  let tier: string | null = null;
  let nextThreshold: number | null = 25_000;
  if (spend90dCents >= 150_000) [tier, nextThreshold] = ["Evergreen", null];
  else if (spend90dCents >= 75_000) [tier, nextThreshold] = ["Bloom", 150_000];
  else if (spend90dCents >= 25_000) [tier, nextThreshold] = ["Sprout", 75_000];
  else tier = "Seed";
  if (counted.length === 0) tier = null;

  const ecomOrderCount = counted.filter((order) => order.channel === "ECOM").length;
  return {
    orderCount: counted.length,
    ecomOrderCount,
    retailOrderCount: counted.length - ecomOrderCount,
    totalCents,
    spend90dCents,
    orders90d: inWindow.length,
    firstOrderAt: first?.placedAt ?? null,
    lastOrderAt: last?.placedAt ?? null,
    daysSinceLastOrder,
    meanDaysBetweenOrders,
    inactivitySegment,
    isVip: totalCents >= 100_000,
    isHighValue: totalCents >= 50_000 && totalCents < 100_000,
    isFirstTimeBuyer: first !== undefined && today - calendarDay(first.placedAt) < 30,
    tier,
    amountToNextTierCents: nextThreshold === null ? 0 : nextThreshold - spend90dCents,
  };
}
