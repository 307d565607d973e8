import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import type { AnalyticsOrderItem } from "./analytics-order";
import { buildStoreOrder } from "./analytics-order-fixtures";
import { summarizeCategoryMix } from "./category-mix";

const line = (category: string | null, total: string): AnalyticsOrderItem => ({
  name: "item",
  category,
  quantity: new Decimal(1),
  total: new Decimal(total),
});

describe("summarizeCategoryMix", () => {
  it("does sum spend and orders per category per store month, empty months included", () => {
    const at = (iso: string) => new Date(iso);
    const orders = [
      // 23:30 on 31 January in Los Angeles is already February in UTC: a January order there.
      buildStoreOrder("c1", {
        placedAt: at("2026-02-01T07:30:00Z"),
        items: [line("Flower", "30"), line("Flower", "5"), line(" ", "4")],
      }),
      buildStoreOrder(null, {
        placedAt: at("2026-03-10T12:00:00Z"),
        items: [line("Edibles", "50")],
      }),
      buildStoreOrder("c2", {
        placedAt: at("2026-03-11T12:00:00Z"),
        items: [line("Flower", "20")],
        countsInAnalytics: false,
      }),
    ];
    const mix = summarizeCategoryMix(orders, {
      asOf: at("2026-04-02T12:00:00Z"),
      granularity: "month",
      timeZone: "America/Los_Angeles",
      countFullyRefundedOrders: false,
    });
    const figures = (list: typeof mix.categories) =>
      list.map((c) => [c.category, c.orderCount, c.spend.toString()]);
    expect(figures(mix.categories)).toEqual([
      ["Edibles", 1, "50"],
      ["Flower", 1, "35"],
      ["Uncategorised", 1, "4"],
    ]);
    expect(mix.periods.map((p) => [p.start.toISOString(), figures(p.categories)])).toEqual([
      [
        "2026-01-01T08:00:00.000Z",
        [
          ["Flower", 1, "35"],
          ["Uncategorised", 1, "4"],
        ],
      ],
      ["2026-02-01T08:00:00.000Z", []],
      ["2026-03-01T08:00:00.000Z", [["Edibles", 1, "50"]]],
      ["2026-04-01T07:00:00.000Z", []],
    ]);
  });

  it("does return no periods without orders in the range", () => {
    const mix = summarizeCategoryMix([buildStoreOrder("c1", { items: [line("A", "1")] })], {
      asOf: new Date("2026-03-15T12:00:00Z"),
      from: new Date("2026-03-15T00:00:00Z"),
      granularity: "week",
      timeZone: "UTC",
      countFullyRefundedOrders: false,
    });
    expect(mix).toEqual({ categories: [], periods: [] });
  });
});
