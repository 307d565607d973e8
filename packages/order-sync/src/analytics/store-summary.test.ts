import Decimal from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultAnalyticsConfig } from "./analytics-config";
import { arbitraryOrder, asOf, buildStoreOrder } from "./analytics-order-fixtures";
import { computeCustomerMetrics } from "./customer-metrics";
import type { StoreOrder } from "./store-order";
import { summarizeStore } from "./store-summary";

const config = defaultAnalyticsConfig;
const at = (iso: string) => new Date(iso);

describe("summarizeStore", () => {
  const orders: StoreOrder[] = [
    buildStoreOrder("ann", { placedAt: at("2026-01-05T10:00:00Z"), total: new Decimal(100) }),
    buildStoreOrder("ann", {
      placedAt: at("2026-03-02T10:00:00Z"),
      total: new Decimal(60),
      refundedTotal: new Decimal(10),
      channel: "ECOM",
    }),
    buildStoreOrder("bob", { placedAt: at("2026-03-03T10:00:00Z"), total: new Decimal(40) }),
    buildStoreOrder("bob", { placedAt: at("2026-03-04T10:00:00Z"), countsInAnalytics: false }),
    buildStoreOrder("cat", {
      placedAt: at("2026-03-04T10:00:00Z"),
      total: new Decimal(80),
      refundedTotal: new Decimal(80),
    }),
    buildStoreOrder(null, { placedAt: at("2026-03-10T10:00:00Z"), total: new Decimal(30) }),
    buildStoreOrder("dan", { placedAt: at("2026-03-20T10:00:00Z"), total: new Decimal(999) }),
  ];
  const summary = summarizeStore({ orders, asOf, config });

  it("does total the counted orders, net of refunds, walk-ins included", () => {
    expect(summary.orderCount).toBe(4);
    expect(summary.totalSpend.toFixed(2)).toBe("220.00");
    expect(summary.attributedSpend.toFixed(2)).toBe("190.00");
    expect(summary.anonymousOrderCount).toBe(1);
    expect(summary.customerCount).toBe(2);
    expect(summary.averageOrderValue?.toFixed(2)).toBe("55.00");
  });

  it("does split orders and spend by channel", () => {
    expect(summary.channelMix.ECOM).toMatchObject({ orderCount: 1, orderShare: 0.25 });
    expect(summary.channelMix.ECOM.netSpend.toFixed(2)).toBe("50.00");
    expect(summary.channelMix.ECOM.spendShare).toBeCloseTo(50 / 220, 12);
    expect(summary.channelMix.RETAIL).toMatchObject({ orderCount: 3, orderShare: 0.75 });
  });

  it("does list every month up to asOf's, empty ones as zeros, with the change from the last", () => {
    expect(
      summary.byMonth.map((month) => [
        month.key,
        month.orderCount,
        month.netSpend.toFixed(2),
        month.netSpendChange?.toFixed(2) ?? null,
        month.newCustomers,
        month.returningCustomers,
      ]),
    ).toEqual([
      ["2026-01", 1, "100.00", null, 1, 0],
      ["2026-02", 0, "0.00", "-100.00", 0, 0],
      ["2026-03", 3, "120.00", "120.00", 1, 1],
    ]);
    expect(summary.byMonth[1]?.averageOrderValue).toBeNull();
  });

  it("does group by ISO week, up to asOf's week", () => {
    const weeks = summary.byWeek.map((week) => [week.key, week.orderCount]);
    expect(weeks[0]).toEqual(["2026-W02", 1]);
    expect(weeks.at(-1)).toEqual(["2026-W11", 1]);
    expect(weeks[1]).toEqual(["2026-W03", 0]);
    expect(weeks).toHaveLength(10);
    expect(weeks.find(([key]) => key === "2026-W10")).toEqual(["2026-W10", 2]);
  });

  it("does count a customer as returning when their first order predates the slice", () => {
    const slice = orders.filter((order) => order.placedAt >= at("2026-03-01T00:00:00Z"));
    const sliced = summarizeStore({
      orders: slice,
      customerFirstOrderAt: new Map([["ann", at("2026-01-05T10:00:00Z")]]),
      asOf,
      config,
    });
    expect(
      sliced.byMonth.map((month) => [month.key, month.newCustomers, month.returningCustomers]),
    ).toEqual([["2026-03", 1, 1]]);
  });

  it("does return empty trends for a store without orders", () => {
    const empty = summarizeStore({ orders: [], asOf, config });
    expect([empty.orderCount, empty.totalSpend.toNumber(), empty.byWeek, empty.byMonth]).toEqual([
      0,
      0,
      [],
      [],
    ]);
    expect(empty.channelMix.ECOM).toEqual({
      orderCount: 0,
      netSpend: new Decimal(0),
      orderShare: null,
      spendShare: null,
    });
  });

  const arbitraryStore = fc
    .array(
      fc.tuple(
        fc.option(fc.constantFrom("a", "b", "c", "d", "e", "f"), { nil: null, freq: 8 }),
        arbitraryOrder,
      ),
      { maxLength: 80 },
    )
    .map((draws) => draws.map(([customerId, order]): StoreOrder => ({ ...order, customerId })));

  it("does add up to the sum of the customers' lifetime values", () => {
    fc.assert(
      fc.property(arbitraryStore, (storeOrders) => {
        const summary = summarizeStore({ orders: storeOrders, asOf, config });
        const byCustomer = new Map<string, StoreOrder[]>();
        for (const order of storeOrders) {
          if (order.customerId === null) continue;
          byCustomer.set(order.customerId, [...(byCustomer.get(order.customerId) ?? []), order]);
        }
        let sum = new Decimal(0);
        let orderCount = 0;
        for (const customerOrders of byCustomer.values()) {
          const metrics = computeCustomerMetrics(customerOrders, { asOf, config });
          sum = sum.plus(metrics.totalSpend);
          orderCount += metrics.orderCount;
        }
        expect(summary.attributedSpend.eq(sum)).toBe(true);
        expect(summary.orderCount - summary.anonymousOrderCount).toBe(orderCount);
        const anonymousSpend = storeOrders
          .filter((order) => order.customerId === null)
          .reduce((total, order) => {
            const counts =
              order.countsInAnalytics &&
              order.placedAt <= asOf &&
              !(order.refundedTotal.gt(0) && order.refundedTotal.gte(order.total));
            return counts ? total.plus(order.total).minus(order.refundedTotal) : total;
          }, new Decimal(0));
        expect(summary.totalSpend.eq(sum.plus(anonymousSpend))).toBe(true);
        // The trends re-add the same orders.
        const monthly = summary.byMonth.reduce(
          (total, month) => total.plus(month.netSpend),
          new Decimal(0),
        );
        const weekly = summary.byWeek.reduce(
          (total, week) => total.plus(week.netSpend),
          new Decimal(0),
        );
        expect([monthly.eq(summary.totalSpend), weekly.eq(summary.totalSpend)]).toEqual([
          true,
          true,
        ]);
      }),
    );
  });

  it("does match a brute-force month-by-month reference", () => {
    fc.assert(
      fc.property(arbitraryStore, (storeOrders) => {
        const summary = summarizeStore({ orders: storeOrders, asOf, config });
        const counted = storeOrders.filter(
          (order) =>
            order.countsInAnalytics &&
            order.placedAt <= asOf &&
            !(order.refundedTotal.gt(0) && order.refundedTotal.gte(order.total)),
        );
        const month = (date: Date) => date.toISOString().slice(0, 7);
        const firstMonth = new Map<string, string>();
        for (const order of counted) {
          if (order.customerId === null) continue;
          const current = firstMonth.get(order.customerId);
          if (current === undefined || month(order.placedAt) < current) {
            firstMonth.set(order.customerId, month(order.placedAt));
          }
        }
        for (const period of summary.byMonth) {
          const inMonth = counted.filter((order) => month(order.placedAt) === period.key);
          const customers = new Set(inMonth.flatMap((order) => order.customerId ?? []));
          const fresh = [...customers].filter((id) => firstMonth.get(id) === period.key);
          expect({
            orderCount: period.orderCount,
            cents: period.netSpend.times(100).toNumber(),
            ecom: period.channelMix.ECOM.orderCount,
            active: period.activeCustomers,
            new: period.newCustomers,
          }).toEqual({
            orderCount: inMonth.length,
            cents: inMonth.reduce(
              (sum, order) => sum + order.total.minus(order.refundedTotal).times(100).toNumber(),
              0,
            ),
            ecom: inMonth.filter((order) => order.channel === "ECOM").length,
            active: customers.size,
            new: fresh.length,
          });
        }
        if (counted.length > 0) expect(summary.byMonth.at(-1)?.key).toBe(month(asOf));
      }),
    );
  });
});
