// The store owner's views over canonical orders: totals and trends by ISO week or UTC month, new
// versus returning customers, channel mix. Aggregated in SQL (a million orders); the definitions
// are summarizeStore's (@greenloop/order-sync/analytics), which the tests hold these views to.
// Cohort retention, the lifecycle and the views over stored customer metrics live in the sibling
// store-views-* files and are re-exported here.
import type { Database } from "@greenloop/db";
import {
  defaultAnalyticsConfig,
  formatMoney,
  type OrderChannel,
} from "@greenloop/order-sync/analytics";
import Decimal from "decimal.js";
import {
  assertOneOf,
  assertValidRange,
  type CountedOrderConfig,
  countedOrdersSql,
  exactMoney,
  moneyShare,
  queryOrders,
} from "./store-views-input";

export {
  type CategoryAffinityView,
  type CategoryMixView,
  getCategoryAffinity,
  getCategoryMix,
  MAX_AFFINITY_PAIRS,
} from "./store-views-categories";
export {
  type CohortRetentionView,
  getCohortRetention,
  MAX_COHORT_MONTHS,
} from "./store-views-cohorts";
export {
  type AtRiskCustomer,
  type ClvBucket,
  type ClvDistribution,
  getAtRiskCustomers,
  getClvDistribution,
  getSegmentSizes,
  getTopCustomers,
  MAX_CLV_BUCKETS,
  type SegmentKind,
  type SegmentSize,
  type SegmentSizes,
  type TopCustomer,
  type TopCustomersBy,
} from "./store-views-customers";
export { MAX_LIST_LIMIT } from "./store-views-input";
export {
  getLifecycle,
  type LifecyclePeriodView,
  type LifecycleThresholds,
  type LifecycleView,
} from "./store-views-lifecycle";

type Db = Pick<Database, "prisma">;

export type Granularity = "week" | "month";
const granularities: readonly Granularity[] = ["week", "month"];

export interface OrderRangeInput {
  /** The end of the view (inclusive): later orders are ignored. */
  asOf: Date;
  /** The start (inclusive); default: the first order. */
  from?: Date;
  config?: CountedOrderConfig;
}

/** Money is exact decimal text (`"1234.50"`); shares are 0..1. */
export interface ChannelFigures {
  orderCount: number;
  netSpend: string;
  /** Share of the orders; null without orders. */
  orderShare: number | null;
  /** Share of net spend; null when net spend is zero. */
  spendShare: number | null;
}

export type ChannelMixView = Record<OrderChannel, ChannelFigures>;

export interface ChannelMixSummary {
  orderCount: number;
  netSpend: string;
  channels: ChannelMixView;
}

export interface StorePeriod {
  /** `2026-W03` (ISO week) or `2026-01` (month), in the summary's time zone. */
  key: string;
  /** 00:00 in the summary's time zone (the store's) on the period's first day. */
  start: Date;
  orderCount: number;
  netSpend: string;
  /** Rounded to cents; null without orders. */
  averageOrderValue: string | null;
  /** Distinct customers who ordered in the period (walk-ins not included). */
  activeCustomers: number;
  /** Active customers whose first counted order ever falls in the period. */
  newCustomers: number;
  returningCustomers: number;
  channelMix: ChannelMixView;
  /** netSpend minus the previous period's; null for the first period. */
  netSpendChange: string | null;
}

export interface StoreSummaryView {
  asOf: Date;
  from: Date | null;
  granularity: Granularity;
  orderCount: number;
  /** Net spend of every counted order, walk-ins included. */
  totalSpend: string;
  /** Rounded to cents; null without orders. */
  averageOrderValue: string | null;
  /** Net spend of orders with a customer: what the customers' totalSpend adds up to. */
  attributedSpend: string;
  anonymousOrderCount: number;
  /** Distinct customers with a counted order in the range. */
  customerCount: number;
  channelMix: ChannelMixView;
  /**
   * Oldest first, from the period of the first counted order in the range to asOf's period,
   * empty periods included as zeros; empty when the range has no orders.
   */
  periods: StorePeriod[];
}

interface SalesRow {
  orderCount: number;
  netSpend: string;
  retailOrders: number;
  retailSpend: string;
  ecomOrders: number;
  ecomSpend: string;
}

/** Totals, trend per period, new vs returning customers and channel mix over [from, asOf]. */
export async function getStoreSummary(
  db: Db,
  input: OrderRangeInput & {
    granularity: Granularity;
    /** Periods are the store's weeks and months in this zone (STORE_TIMEZONE); default UTC. */
    timeZone?: string;
  },
): Promise<StoreSummaryView> {
  const { asOf, from, granularity } = input;
  const timeZone = input.timeZone ?? "UTC";
  assertValidRange(asOf, from);
  assertOneOf(granularity, "granularity", granularities);
  const countRefunded = (input.config ?? defaultAnalyticsConfig).countFullyRefundedOrders;

  // One statement: each customer's first and last counted order over all history (new vs
  // returning, customers in range), and sales per period with the distinct customers (a sort
  // per period, cheaper than hashing a million (period, customer) pairs). A customer is new in
  // the period of their first order; one whose first order falls in from's period but before
  // `from` is new there only if they ordered again in the range that period. Totals are the
  // periods' sums.
  const rows = await queryOrders<PeriodRow>(
    db,
    `WITH counted AS NOT MATERIALIZED (${countedOrdersSql}),
     customers AS (
       SELECT "customerId", min("placedAt") AS "firstAt", max("placedAt") AS "lastAt"
         FROM counted WHERE "customerId" IS NOT NULL GROUP BY "customerId"
     ),
     sales AS (
       SELECT date_trunc($4::text, "placedAt" AT TIME ZONE $5::text) AS bucket,
              count(*) AS orders, sum(net) AS net,
              count(*) FILTER (WHERE "customerId" IS NULL) AS anonymous,
              sum(net) FILTER (WHERE "customerId" IS NOT NULL) AS attributed,
              count(*) FILTER (WHERE channel = 'RETAIL') AS retail_orders,
              sum(net) FILTER (WHERE channel = 'RETAIL') AS retail_net,
              count(*) FILTER (WHERE channel = 'ECOM') AS ecom_orders,
              sum(net) FILTER (WHERE channel = 'ECOM') AS ecom_net,
              count(DISTINCT "customerId") AS active
         FROM counted
        WHERE $3::timestamptz IS NULL OR "placedAt" >= $3::timestamptz
        GROUP BY 1
     ),
     first_period AS (
       SELECT date_trunc($4::text, $3::timestamptz AT TIME ZONE $5::text) AT TIME ZONE $5::text AS start,
              (date_trunc($4::text, $3::timestamptz AT TIME ZONE $5::text) + ('1 ' || $4::text)::interval)
                AT TIME ZONE $5::text AS "end"
     ),
     newcomers AS (
       SELECT date_trunc($4::text, c."firstAt" AT TIME ZONE $5::text) AS bucket, count(*) AS n
         FROM customers c CROSS JOIN first_period f
        WHERE $3::timestamptz IS NULL OR c."firstAt" >= $3::timestamptz
           OR (c."firstAt" >= f.start AND c."lastAt" >= $3::timestamptz
               AND EXISTS (SELECT 1 FROM counted o
                            WHERE o."customerId" = c."customerId"
                              AND o."placedAt" >= $3::timestamptz AND o."placedAt" < f."end"))
        GROUP BY 1
     )
     SELECT s AT TIME ZONE $5::text AS start,
            to_char(s, CASE $4::text WHEN 'week' THEN 'IYYY-"W"IW' ELSE 'YYYY-MM' END) AS key,
            coalesce(sales.orders, 0)::int AS "orderCount",
            coalesce(sales.net, 0)::text AS "netSpend",
            coalesce(sales.anonymous, 0)::int AS "anonymousOrderCount",
            coalesce(sales.attributed, 0)::text AS "attributedSpend",
            coalesce(sales.retail_orders, 0)::int AS "retailOrders",
            coalesce(sales.retail_net, 0)::text AS "retailSpend",
            coalesce(sales.ecom_orders, 0)::int AS "ecomOrders",
            coalesce(sales.ecom_net, 0)::text AS "ecomSpend",
            coalesce(sales.active, 0)::int AS "activeCustomers",
            coalesce(newcomers.n, 0)::int AS "newCustomers",
            (SELECT count(*) FROM customers
              WHERE $3::timestamptz IS NULL OR "lastAt" >= $3::timestamptz)::int AS "customerCount"
       FROM generate_series((SELECT min(bucket) FROM sales),
                            date_trunc($4::text, $1::timestamptz AT TIME ZONE $5::text),
                            ('1 ' || $4::text)::interval) AS s
       LEFT JOIN sales ON sales.bucket = s
       LEFT JOIN newcomers ON newcomers.bucket = s
      ORDER BY s`,
    asOf,
    countRefunded,
    from ?? null,
    granularity,
    timeZone,
  );

  const totals = new SalesTotals();
  let previous: string | null = null;
  const periods = rows.map((row): StorePeriod => {
    totals.add(row);
    const netSpend = exactMoney(row.netSpend);
    const period: StorePeriod = {
      key: row.key,
      start: row.start,
      orderCount: row.orderCount,
      netSpend,
      averageOrderValue: averageOf(netSpend, row.orderCount),
      activeCustomers: row.activeCustomers,
      newCustomers: row.newCustomers,
      returningCustomers: row.activeCustomers - row.newCustomers,
      channelMix: channelMixOf(row),
      netSpendChange: previous === null ? null : exactMoney(new Decimal(netSpend).minus(previous)),
    };
    previous = netSpend;
    return period;
  });

  const sales = totals.row();
  return {
    asOf,
    from: from ?? null,
    granularity,
    orderCount: sales.orderCount,
    totalSpend: exactMoney(sales.netSpend),
    averageOrderValue: averageOf(sales.netSpend, sales.orderCount),
    attributedSpend: exactMoney(totals.attributedSpend),
    anonymousOrderCount: totals.anonymousOrderCount,
    customerCount: rows[0]?.customerCount ?? 0,
    channelMix: channelMixOf(sales),
    periods,
  };
}

/** Orders and net spend per channel (RETAIL, ECOM) over [from, asOf], with shares. */
export async function getChannelMix(db: Db, input: OrderRangeInput): Promise<ChannelMixSummary> {
  const { asOf, from } = input;
  assertValidRange(asOf, from);
  const countRefunded = (input.config ?? defaultAnalyticsConfig).countFullyRefundedOrders;
  const [row] = await queryOrders<SalesRow>(
    db,
    `WITH counted AS (${countedOrdersSql})
     SELECT count(*)::int AS "orderCount",
            coalesce(sum(net), 0)::text AS "netSpend",
            count(*) FILTER (WHERE channel = 'RETAIL')::int AS "retailOrders",
            coalesce(sum(net) FILTER (WHERE channel = 'RETAIL'), 0)::text AS "retailSpend",
            count(*) FILTER (WHERE channel = 'ECOM')::int AS "ecomOrders",
            coalesce(sum(net) FILTER (WHERE channel = 'ECOM'), 0)::text AS "ecomSpend"
       FROM counted
      WHERE $3::timestamptz IS NULL OR "placedAt" >= $3::timestamptz`,
    asOf,
    countRefunded,
    from ?? null,
  );
  if (row === undefined) throw new Error("an aggregate without GROUP BY returns one row");
  return {
    orderCount: row.orderCount,
    netSpend: exactMoney(row.netSpend),
    channels: channelMixOf(row),
  };
}

interface PeriodRow extends SalesRow {
  start: Date;
  key: string;
  anonymousOrderCount: number;
  attributedSpend: string;
  activeCustomers: number;
  newCustomers: number;
  customerCount: number;
}

/** The summary's totals as the exact sums of its periods. */
class SalesTotals {
  orderCount = 0;
  anonymousOrderCount = 0;
  netSpend = new Decimal(0);
  attributedSpend = new Decimal(0);
  private retailOrders = 0;
  private retailSpend = new Decimal(0);
  private ecomOrders = 0;
  private ecomSpend = new Decimal(0);

  add(row: PeriodRow): void {
    this.orderCount += row.orderCount;
    this.anonymousOrderCount += row.anonymousOrderCount;
    this.netSpend = this.netSpend.plus(row.netSpend);
    this.attributedSpend = this.attributedSpend.plus(row.attributedSpend);
    this.retailOrders += row.retailOrders;
    this.retailSpend = this.retailSpend.plus(row.retailSpend);
    this.ecomOrders += row.ecomOrders;
    this.ecomSpend = this.ecomSpend.plus(row.ecomSpend);
  }

  row(): SalesRow {
    return {
      orderCount: this.orderCount,
      netSpend: this.netSpend.toString(),
      retailOrders: this.retailOrders,
      retailSpend: this.retailSpend.toString(),
      ecomOrders: this.ecomOrders,
      ecomSpend: this.ecomSpend.toString(),
    };
  }
}

function channelMixOf(row: SalesRow): ChannelMixView {
  const total = exactMoney(row.netSpend);
  const figures = (orderCount: number, spend: string): ChannelFigures => {
    const netSpend = exactMoney(spend);
    return {
      orderCount,
      netSpend,
      orderShare: row.orderCount === 0 ? null : orderCount / row.orderCount,
      spendShare: moneyShare(netSpend, total),
    };
  };
  return {
    RETAIL: figures(row.retailOrders, row.retailSpend),
    ECOM: figures(row.ecomOrders, row.ecomSpend),
  };
}

function averageOf(netSpend: string, orderCount: number): string | null {
  return orderCount === 0 ? null : formatMoney(new Decimal(netSpend).div(orderCount));
}
