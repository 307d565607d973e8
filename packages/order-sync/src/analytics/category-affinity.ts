// Which product categories are bought together (market-basket measures over orders) and how each
// RFM segment's spend splits over categories: the definitions the SQL views are held to. An order
// is a basket of the known categories of its lines; lines of unknown category take no part in
// pairs (a pair with "Uncategorised" says nothing a store can act on).
import Decimal from "decimal.js";
import { selectCountedOrders } from "./analytics-order";
import {
  type CategoryFigures,
  categoryNameOf,
  compareCategories,
  UNCATEGORISED,
} from "./category-mix";
import type { StoreOrder } from "./store-order";

/** What the measures are computed from: counts of baskets. */
export interface BasketCounts {
  /** Counted orders with at least one known category. */
  orderCount: number;
  /** Baskets per category. */
  categories: ReadonlyMap<string, number>;
  /** Baskets with both, keyed `a\u0000b` with a < b (code units). */
  pairs: ReadonlyMap<string, number>;
}

export interface CategoryPair {
  /** In code-unit order. */
  a: string;
  b: string;
  /** Orders with both. */
  orderCount: number;
  /** orderCount / all baskets. */
  support: number;
  /** P(b | a): of the orders with a, the share that also has b. */
  confidenceAToB: number;
  /** P(a | b). */
  confidenceBToA: number;
  /** support / (P(a) P(b)): above 1, bought together more often than chance. */
  lift: number;
}

export interface AffinityOptions {
  asOf: Date;
  from?: Date | undefined;
  countFullyRefundedOrders: boolean;
}

/** Counts baskets over the counted orders in [from, asOf]. */
export function countBaskets(
  orders: readonly StoreOrder[],
  options: AffinityOptions,
): BasketCounts {
  const categories = new Map<string, number>();
  const pairs = new Map<string, number>();
  let orderCount = 0;
  for (const order of selectCountedOrders(orders, options)) {
    if (options.from !== undefined && order.placedAt.getTime() < options.from.getTime()) continue;
    const basket = [
      ...new Set((order.items ?? []).map(categoryNameOf).filter((c) => c !== UNCATEGORISED)),
    ].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    if (basket.length === 0) continue;
    orderCount += 1;
    for (const [i, a] of basket.entries()) {
      categories.set(a, (categories.get(a) ?? 0) + 1);
      for (const b of basket.slice(i + 1)) {
        const key = `${a}\u0000${b}`;
        pairs.set(key, (pairs.get(key) ?? 0) + 1);
      }
    }
  }
  return { orderCount, categories, pairs };
}

/**
 * The pairs bought together in at least `minOrders` orders, highest lift first (then more orders,
 * then by name), at most `limit`.
 */
export function categoryPairsOf(
  counts: BasketCounts,
  { minOrders, limit }: { minOrders: number; limit: number },
): CategoryPair[] {
  const n = counts.orderCount;
  const pairs: CategoryPair[] = [];
  for (const [key, both] of counts.pairs) {
    if (both < minOrders) continue;
    const [a = "", b = ""] = key.split("\u0000");
    const withA = counts.categories.get(a) ?? 0;
    const withB = counts.categories.get(b) ?? 0;
    pairs.push({
      a,
      b,
      orderCount: both,
      support: both / n,
      confidenceAToB: both / withA,
      confidenceBToA: both / withB,
      lift: (both * n) / (withA * withB),
    });
  }
  return pairs
    .sort(
      (x, y) =>
        y.lift - x.lift ||
        y.orderCount - x.orderCount ||
        (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : x.b > y.b ? 1 : 0),
    )
    .slice(0, limit);
}

export interface SegmentCategoryShare {
  segment: string;
  /** Customers in the segment with counted lines in the range. */
  customerCount: number;
  spend: Decimal;
  /** Shares of the segment's line spend, "Uncategorised" included (so they add up to 1). */
  categories: Array<CategoryFigures & { share: number | null }>;
}

/**
 * Spend per category of each RFM segment's customers (segment per customer id from the last
 * analytics run; customers without one and walk-ins are left out), segments by name.
 */
export function categorySharesBySegment(
  orders: readonly StoreOrder[],
  segmentOf: ReadonlyMap<string, string>,
  options: AffinityOptions,
): SegmentCategoryShare[] {
  const segments = new Map<
    string,
    { customers: Set<string>; categories: Map<string, CategoryFigures> }
  >();
  for (const order of selectCountedOrders(orders, options)) {
    if (options.from !== undefined && order.placedAt.getTime() < options.from.getTime()) continue;
    const segment = order.customerId === null ? undefined : segmentOf.get(order.customerId);
    if (segment === undefined || order.customerId === null || !order.items?.length) continue;
    const entry = segments.get(segment) ?? { customers: new Set(), categories: new Map() };
    segments.set(segment, entry);
    entry.customers.add(order.customerId);
    const seen = new Set<string>();
    for (const item of order.items) {
      const category = categoryNameOf(item);
      const current = entry.categories.get(category) ?? {
        category,
        orderCount: 0,
        spend: new Decimal(0),
      };
      entry.categories.set(category, {
        category,
        orderCount: current.orderCount + (seen.has(category) ? 0 : 1),
        spend: current.spend.plus(item.total),
      });
      seen.add(category);
    }
  }
  return [...segments]
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
    .map(([segment, entry]) => {
      const categories = [...entry.categories.values()].sort(compareCategories);
      const spend = categories.reduce((sum, c) => sum.plus(c.spend), new Decimal(0));
      return {
        segment,
        customerCount: entry.customers.size,
        spend,
        categories: categories.map((c) => ({
          ...c,
          share: spend.isZero() ? null : c.spend.div(spend).toNumber(),
        })),
      };
    });
}
