// The category views (SQL) on random stores with lines equal the TypeScript definitions over the
// same orders: summarizeCategoryMix, countBaskets + categoryPairsOf, categorySharesBySegment.
import { openTestDatabase, type TestDatabase, testDatabaseKind } from "@greenloop/db/testing";
import {
  categoryPairsOf,
  categorySharesBySegment,
  countBaskets,
  type StoreOrder,
  summarizeCategoryMix,
} from "@greenloop/order-sync/analytics";
import { DomainError } from "@greenloop/order-sync/errors";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getCategoryAffinity, getCategoryMix } from "./store-views-categories";
import { exactMoney } from "./store-views-input";
import { insertRandomProductOrders } from "./testing/random-product-orders";
import { seedCustomerMetrics } from "./testing/seed-customer-metrics";

const asOf = new Date("2026-06-30T12:00:00Z");
const DAY = 86_400_000;
const segments = ["Champions", "At Risk", "Loyal"];

let db: TestDatabase;
let orders: StoreOrder[];
const segmentOf = new Map<string, string>();

beforeAll(async () => {
  db = await openTestDatabase();
  orders = [];
  for (const seed of [11, 12]) {
    const store = await insertRandomProductOrders(db, { seed, asOf, customers: 10, orders: 80 });
    orders.push(...store.orders);
    // Every customer but the last of each store gets a segment: those without stay out.
    for (const [n, customerId] of store.customerIds.slice(0, -1).entries()) {
      const segment = segments[n % segments.length] as string;
      segmentOf.set(customerId, segment);
      await seedCustomerMetrics(db, customerId, { rfmSegment: segment });
    }
  }
});
afterAll(() => db?.close());

const money = (value: { toString(): string }) => exactMoney(value.toString());

describe(`getCategoryMix (${testDatabaseKind})`, () => {
  it.each([
    ["month", "America/Los_Angeles", undefined],
    ["week", "America/Los_Angeles", new Date(asOf.getTime() - 60 * DAY)],
    ["week", "UTC", undefined],
  ] as const)(
    "does equal summarizeCategoryMix by %s in %s from %s",
    async (granularity, timeZone, from) => {
      const view = await getCategoryMix(db, { asOf, from, granularity, timeZone });
      const expected = summarizeCategoryMix(orders, {
        asOf,
        from,
        granularity,
        timeZone,
        countFullyRefundedOrders: false,
      });
      const figures = (
        list: ReadonlyArray<{
          category: string;
          orderCount: number;
          spend: { toString(): string };
        }>,
      ) => list.map((c) => [c.category, c.orderCount, money(c.spend)]);
      expect(figures(view.categories)).toEqual(figures(expected.categories));
      expect(view.periods.map((p) => [p.start.toISOString(), figures(p.categories)])).toEqual(
        expected.periods.map((p) => [p.start.toISOString(), figures(p.categories)]),
      );
      expect(view.categories.length).toBeGreaterThan(3);
      expect(view.categories.at(-1)?.category).toBe("Uncategorised");
      const shares = view.categories.reduce((sum, c) => sum + (c.share ?? 0), 0);
      expect(shares).toBeCloseTo(1, 9);
    },
  );

  it("does say what is wrong with a bad range", async () => {
    await expect(
      getCategoryMix(db, { asOf, from: new Date(asOf.getTime() + DAY), granularity: "week" }),
    ).rejects.toBeInstanceOf(DomainError);
  });
});

describe(`getCategoryAffinity (${testDatabaseKind})`, () => {
  it.each([
    [1, 100, undefined],
    [2, 3, new Date(asOf.getTime() - 90 * DAY)],
  ] as const)(
    "does equal the basket counts' pairs (min %s, top %s, from %s) and the segments' shares",
    async (minOrders, limit, from) => {
      const view = await getCategoryAffinity(db, { asOf, from, minOrders, limit });
      const options = { asOf, from, countFullyRefundedOrders: false };
      const counts = countBaskets(orders, options);
      expect(view.orderCount).toBe(counts.orderCount);
      expect(view.pairs).toEqual(categoryPairsOf(counts, { minOrders, limit }));
      expect(view.pairs.length).toBeGreaterThan(0);
      expect(Object.fromEntries(view.categories.map((c) => [c.category, c.orderCount]))).toEqual(
        Object.fromEntries(counts.categories),
      );
      const bySegment = categorySharesBySegment(orders, segmentOf, options);
      expect(
        view.bySegment.map((s) => [
          s.segment,
          s.customerCount,
          s.spend,
          s.categories.map((c) => [c.category, c.orderCount, c.spend, c.share]),
        ]),
      ).toEqual(
        bySegment.map((s) => [
          s.segment,
          s.customerCount,
          money(s.spend),
          s.categories.map((c) => [c.category, c.orderCount, money(c.spend), c.share]),
        ]),
      );
    },
  );

  it("does refuse a limit beyond the maximum", async () => {
    await expect(getCategoryAffinity(db, { asOf, limit: 101 })).rejects.toBeInstanceOf(DomainError);
  });
});
