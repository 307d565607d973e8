import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import type { AnalyticsOrderItem } from "./analytics-order";
import { asOf, buildStoreOrder, daysBefore } from "./analytics-order-fixtures";
import { categoryPairsOf, categorySharesBySegment, countBaskets } from "./category-affinity";

const line = (category: string | null, total = "10"): AnalyticsOrderItem => ({
  name: "item",
  category,
  quantity: new Decimal(1),
  total: new Decimal(total),
});
const basket = (...categories: Array<string | null>) =>
  buildStoreOrder("c1", { items: categories.map((c) => line(c)) });
const options = { asOf, countFullyRefundedOrders: false };

describe("countBaskets and categoryPairsOf", () => {
  it("does give support, both confidences and lift from the basket counts", () => {
    // 10 baskets (the uncategorised order is none): flower in 6, edibles in 4, both in 3.
    const orders = [
      ...Array.from({ length: 3 }, () => basket("Flower", "Edibles", "Edibles")),
      ...Array.from({ length: 2 }, () => basket("Flower", null)),
      basket("Edibles"),
      basket("Vapes"),
      basket("Vapes", " "),
      basket(null),
      basket("Pre-rolls"),
      basket("Pre-rolls", "Flower"),
    ];
    const counts = countBaskets(orders, options);
    expect(counts.orderCount).toBe(10);
    const [pair] = categoryPairsOf(counts, { minOrders: 2, limit: 10 });
    expect(pair).toEqual({
      a: "Edibles",
      b: "Flower",
      orderCount: 3,
      support: 3 / 10,
      confidenceAToB: 3 / 4,
      confidenceBToA: 3 / 6,
      lift: (3 * 10) / (4 * 6),
    });
    expect(categoryPairsOf(counts, { minOrders: 1, limit: 10 }).map((p) => [p.a, p.b])).toEqual([
      ["Edibles", "Flower"],
      ["Flower", "Pre-rolls"],
    ]);
    expect(categoryPairsOf(counts, { minOrders: 1, limit: 1 })).toHaveLength(1);
  });

  it("does leave out voided orders, orders before from and after asOf", () => {
    const orders = [
      buildStoreOrder("c1", { items: [line("A"), line("B")], countsInAnalytics: false }),
      buildStoreOrder("c1", { items: [line("A"), line("B")], placedAt: daysBefore(-1) }),
      buildStoreOrder("c1", { items: [line("A"), line("B")], placedAt: daysBefore(30) }),
    ];
    expect(countBaskets(orders, { ...options, from: daysBefore(20) }).orderCount).toBe(0);
    expect(countBaskets(orders, options).orderCount).toBe(1);
  });
});

describe("categorySharesBySegment", () => {
  it("does split each segment's line spend over categories, uncategorised included", () => {
    const orders = [
      buildStoreOrder("c1", { items: [line("Flower", "30"), line(null, "10")] }),
      buildStoreOrder("c2", { items: [line("Flower", "60")] }),
      buildStoreOrder("c3", { items: [line("Edibles", "5")] }),
      buildStoreOrder(null, { items: [line("Vapes", "99")] }),
    ];
    const segments = new Map([
      ["c1", "Champions"],
      ["c2", "Champions"],
      ["c3", "At Risk"],
    ]);
    const shares = categorySharesBySegment(orders, segments, options);
    expect(
      shares.map((s) => [
        s.segment,
        s.customerCount,
        s.spend.toString(),
        s.categories.map((c) => [c.category, c.orderCount, c.spend.toString(), c.share]),
      ]),
    ).toEqual([
      ["At Risk", 1, "5", [["Edibles", 1, "5", 1]]],
      [
        "Champions",
        2,
        "100",
        [
          ["Flower", 2, "90", 0.9],
          ["Uncategorised", 1, "10", 0.1],
        ],
      ],
    ]);
  });
});
