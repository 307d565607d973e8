// The store's product categories over counted orders: the category mix per store period and the
// categories bought together (with each RFM segment's split of spend). Set-based SQL over the
// order lines (products/order-lines-sql.ts); the definitions are summarizeCategoryMix,
// countBaskets/categoryPairsOf and categorySharesBySegment (@greenloop/order-sync/analytics),
// which the tests hold these views to.
import type { Database } from "@greenloop/db";
import {
  type CategoryPair,
  categoryPairsOf,
  compareCategories,
  defaultAnalyticsConfig,
  UNCATEGORISED,
} from "@greenloop/order-sync/analytics";
import Decimal from "decimal.js";
import { orderLinesCte } from "../products/order-lines-sql";
import type { Granularity, OrderRangeInput } from "./store-views";
import {
  assertOneOf,
  assertValidRange,
  assertWholeNumber,
  exactMoney,
  moneyShare,
  queryOrders,
} from "./store-views-input";

type Db = Pick<Database, "prisma">;

/** Money is exact decimal text; shares are 0..1 (null when the whole is zero). */
export interface CategoryFiguresView {
  category: string;
  orderCount: number;
  spend: string;
}

export interface CategoryMixView {
  asOf: Date;
  from: Date | null;
  granularity: Granularity;
  /** Over the range: largest spend first, "Uncategorised" last; share of all line spend. */
  categories: Array<CategoryFiguresView & { share: number | null }>;
  /** From the period of the first counted order in the range to asOf's, empty ones included. */
  periods: Array<{ key: string; start: Date; categories: CategoryFiguresView[] }>;
}

export interface CategoryAffinityView {
  asOf: Date;
  from: Date | null;
  /** Counted orders with at least one line of a known category. */
  orderCount: number;
  /** Known categories by baskets, most first; support: their share of the baskets. */
  categories: Array<{ category: string; orderCount: number; support: number }>;
  pairs: CategoryPair[];
  bySegment: Array<{
    segment: string;
    customerCount: number;
    spend: string;
    categories: Array<CategoryFiguresView & { share: number | null }>;
  }>;
}

export const MAX_AFFINITY_PAIRS = 100;

/**
 * The counted orders of [$3 or the first, $1], $2: count fully refunded orders (the selection of
 * countedOrdersSql, on the alias `o` orderLinesCte filters on).
 */
const countedInRange = `o."countsInAnalytics" AND o."placedAt" <= $1::timestamptz
  AND ($2::boolean OR NOT (o."refundedTotal" > 0 AND o."refundedTotal" >= o.total))
  AND ($3::timestamptz IS NULL OR o."placedAt" >= $3::timestamptz)`;

/** A line's category as the views name it: trimmed, $4 (Uncategorised) when unknown or blank. */
const categoryName = `coalesce(nullif(btrim(category), ''), $4::text)`;

interface MixRow {
  start: Date;
  key: string;
  category: string | null;
  orderCount: number | null;
  spend: string | null;
}

/** Spend and orders per category per store week or month over [from, asOf]. */
export async function getCategoryMix(
  db: Db,
  input: OrderRangeInput & { granularity: Granularity; timeZone?: string },
): Promise<CategoryMixView> {
  const { asOf, from, granularity } = input;
  const timeZone = input.timeZone ?? "UTC";
  assertValidRange(asOf, from);
  assertOneOf(granularity, "granularity", ["week", "month"] as const);
  const countRefunded = (input.config ?? defaultAnalyticsConfig).countFullyRefundedOrders;
  // An order falls in one period, so a category's orders over the range are the periods' sum.
  const rows = await queryOrders<MixRow>(
    db,
    `WITH ${orderLinesCte(countedInRange)},
     sums AS (
       SELECT date_trunc($5::text, "placedAt" AT TIME ZONE $6::text) AS bucket,
              ${categoryName} AS category,
              count(DISTINCT "orderId")::int AS "orderCount", sum(total) AS spend
         FROM order_lines GROUP BY 1, 2
     ),
     first_order AS (
       SELECT date_trunc($5::text, min(o."placedAt") AT TIME ZONE $6::text) AS bucket
         FROM "Order" o WHERE ${countedInRange}
     )
     SELECT s AT TIME ZONE $6::text AS start,
            to_char(s, CASE $5::text WHEN 'week' THEN 'IYYY-"W"IW' ELSE 'YYYY-MM' END) AS key,
            sums.category, sums."orderCount", sums.spend::text AS spend
       FROM generate_series((SELECT bucket FROM first_order),
                            date_trunc($5::text, $1::timestamptz AT TIME ZONE $6::text),
                            ('1 ' || $5::text)::interval) AS s
       LEFT JOIN sums ON sums.bucket = s
      ORDER BY s`,
    asOf,
    countRefunded,
    from ?? null,
    UNCATEGORISED,
    granularity,
    timeZone,
  );

  const totals = new Map<string, { category: string; orderCount: number; spend: Decimal }>();
  for (const row of rows) {
    if (row.category === null) continue;
    const current = totals.get(row.category);
    totals.set(row.category, {
      category: row.category,
      orderCount: (current?.orderCount ?? 0) + (row.orderCount ?? 0),
      spend: (current?.spend ?? new Decimal(0)).plus(row.spend ?? 0),
    });
  }
  const ordered = [...totals.values()].sort(compareCategories);
  const rank = new Map(ordered.map((c, index) => [c.category, index]));
  const whole = exactMoney(ordered.reduce((sum, c) => sum.plus(c.spend), new Decimal(0)));
  const periods = new Map<number, CategoryMixView["periods"][number]>();
  for (const row of rows) {
    const period = periods.get(row.start.getTime()) ?? {
      key: row.key,
      start: row.start,
      categories: [],
    };
    periods.set(row.start.getTime(), period);
    if (row.category !== null) {
      period.categories.push({
        category: row.category,
        orderCount: row.orderCount ?? 0,
        spend: exactMoney(row.spend),
      });
    }
  }
  for (const period of periods.values()) {
    period.categories.sort((a, b) => (rank.get(a.category) ?? 0) - (rank.get(b.category) ?? 0));
  }
  return {
    asOf,
    from: from ?? null,
    granularity,
    categories: ordered.map((c) => {
      const spend = exactMoney(c.spend);
      return {
        category: c.category,
        orderCount: c.orderCount,
        spend,
        share: moneyShare(spend, whole),
      };
    }),
    periods: [...periods.values()],
  };
}

interface BasketRow {
  counts: string;
}

interface SegmentRow {
  segment: string;
  category: string | null;
  orderCount: number;
  customerCount: number;
  spend: string;
}

/**
 * Pairs of categories bought in one order (support, confidence both ways, lift; in at least
 * `minOrders` orders, top `limit` by lift) and each RFM segment's spend per category, over the
 * counted orders of [from, asOf]. Segments are the last analytics run's.
 */
export async function getCategoryAffinity(
  db: Db,
  input: OrderRangeInput & { minOrders?: number; limit?: number },
): Promise<CategoryAffinityView> {
  const { asOf, from } = input;
  const minOrders = input.minOrders ?? 1;
  const limit = input.limit ?? 20;
  assertValidRange(asOf, from);
  assertWholeNumber(minOrders, "minOrders", { min: 1, max: 1_000_000 });
  assertWholeNumber(limit, "limit", { min: 1, max: MAX_AFFINITY_PAIRS });
  const countRefunded = (input.config ?? defaultAnalyticsConfig).countFullyRefundedOrders;
  const params = [asOf, countRefunded, from ?? null, UNCATEGORISED] as const;

  const [basketRow] = await queryOrders<BasketRow>(
    db,
    `WITH ${orderLinesCte(countedInRange)},
     baskets AS (
       SELECT DISTINCT "orderId", ${categoryName} AS category FROM order_lines
     ),
     known AS (SELECT * FROM baskets WHERE category <> $4::text),
     singles AS (SELECT category, count(*)::int AS n FROM known GROUP BY 1),
     pairs AS (
       SELECT x.category AS a, y.category AS b, count(*)::int AS n
         FROM known x JOIN known y
           ON y."orderId" = x."orderId" AND x.category COLLATE "C" < y.category COLLATE "C"
        GROUP BY 1, 2
     )
     SELECT json_build_object(
              'orderCount', (SELECT count(DISTINCT "orderId") FROM known),
              'categories', (SELECT coalesce(json_agg(json_build_array(category, n)), '[]') FROM singles),
              'pairs', (SELECT coalesce(json_agg(json_build_array(a, b, n)), '[]') FROM pairs)
            )::text AS counts`,
    ...params,
  );
  const counted = JSON.parse(basketRow?.counts ?? "{}") as {
    orderCount: number;
    categories: Array<[string, number]>;
    pairs: Array<[string, string, number]>;
  };
  const counts = {
    orderCount: counted.orderCount,
    categories: new Map(counted.categories),
    pairs: new Map(counted.pairs.map(([a, b, n]) => [`${a}\u0000${b}`, n] as const)),
  };

  const segmentRows = await queryOrders<SegmentRow>(
    db,
    `WITH ${orderLinesCte(`${countedInRange} AND o."customerId" IS NOT NULL`)}
     SELECT m."rfmSegment" AS segment,
            CASE WHEN GROUPING(${categoryName}) = 0 THEN ${categoryName} END AS category,
            count(DISTINCT l."orderId")::int AS "orderCount",
            count(DISTINCT l."customerId")::int AS "customerCount",
            sum(l.total)::text AS spend
       FROM order_lines l
       JOIN "CustomerMetrics" m ON m."customerId" = l."customerId"
      WHERE m."rfmSegment" IS NOT NULL
      GROUP BY GROUPING SETS ((m."rfmSegment", ${categoryName}), (m."rfmSegment"))`,
    ...params,
  );

  return {
    asOf,
    from: from ?? null,
    orderCount: counts.orderCount,
    categories: [...counts.categories]
      .map(([category, orderCount]) => ({
        category,
        orderCount,
        support: orderCount / counts.orderCount,
      }))
      .sort((a, b) => b.orderCount - a.orderCount || codeUnitOrder(a.category, b.category)),
    pairs: categoryPairsOf(counts, { minOrders, limit }),
    bySegment: segmentsOf(segmentRows),
  };
}

function segmentsOf(rows: readonly SegmentRow[]): CategoryAffinityView["bySegment"] {
  const segments = new Map<string, CategoryAffinityView["bySegment"][number]>();
  for (const row of rows.filter((r) => r.category === null)) {
    segments.set(row.segment, {
      segment: row.segment,
      customerCount: row.customerCount,
      spend: exactMoney(row.spend),
      categories: [],
    });
  }
  for (const row of rows) {
    const segment = segments.get(row.segment);
    if (row.category === null || !segment) continue;
    const spend = exactMoney(row.spend);
    segment.categories.push({
      category: row.category,
      orderCount: row.orderCount,
      spend,
      share: moneyShare(spend, segment.spend),
    });
  }
  return [...segments.values()]
    .sort((a, b) => codeUnitOrder(a.segment, b.segment))
    .map((segment) => ({
      ...segment,
      categories: segment.categories.sort((a, b) =>
        compareCategories(
          { ...a, spend: new Decimal(a.spend) },
          { ...b, spend: new Decimal(b.spend) },
        ),
      ),
    }));
}

function codeUnitOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
