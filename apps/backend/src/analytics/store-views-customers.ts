// Store views over the stored per-customer analytics (CustomerMetrics, live customers only):
// segment sizes and revenue, top customers, customers at risk, and the spread of predicted value.
// They show the figures of the last analytics run.
import type { Database } from "@greenloop/db";
import {
  type AnalyticsConfig,
  defaultAnalyticsConfig,
  inactivitySegments,
  rfmSegments,
} from "@greenloop/order-sync/analytics";
import Decimal from "decimal.js";
import { reachableByEmailSql } from "../consent/effective-consent";
import {
  assertOneOf,
  assertWholeNumber,
  exactMoney,
  MAX_LIST_LIMIT,
  moneyShare,
} from "./store-views-input";

type Db = Pick<Database, "prisma">;

export type SegmentKind = "rfmSegment" | "tier" | "inactivitySegment";
const segmentKinds: readonly SegmentKind[] = ["rfmSegment", "tier", "inactivitySegment"];

export type TopCustomersBy = "totalSpend" | "predictedValue365d" | "spend90d";
const topCustomersBy: readonly TopCustomersBy[] = ["totalSpend", "predictedValue365d", "spend90d"];

/** The most buckets a CLV histogram may have. */
export const MAX_CLV_BUCKETS = 100;

export interface SegmentSize {
  segment: string;
  customerCount: number;
  /** Sum of the members' totalSpend (lifetime value), exact. */
  revenue: string;
  /** Members the store may email: an email and no denial (consent/effective-consent.ts). */
  reachableByEmail: number;
  /** 0..1 of the segmented customers; null without any. */
  customerShare: number | null;
  /** 0..1 of the segmented revenue; null when it is zero. */
  revenueShare: number | null;
}

export interface SegmentSizes {
  by: SegmentKind;
  customerCount: number;
  revenue: string;
  /** Segmented customers the store may email. */
  reachableByEmail: number;
  /**
   * The known segments first, in their own order and even when empty (the eleven RFM segments
   * best first, tiers lowest first, inactivity from `active`), then any others by revenue.
   */
  segments: SegmentSize[];
  /** Customers without a label (no counted order yet): outside the shares. */
  unsegmented: SegmentFigures;
}

interface SegmentFigures {
  customerCount: number;
  revenue: string;
  reachableByEmail: number;
}

export interface TopCustomer {
  customerId: string;
  displayName: string | null;
  orderCount: number;
  totalSpend: string;
  spend90d: string;
  predictedValue365d: string | null;
  lastOrderAt: Date | null;
  tier: string | null;
  rfmSegment: string | null;
}

export interface AtRiskCustomer extends TopCustomer {
  churnRiskLabel: "high" | "medium";
  churnRisk: number | null;
  probabilityAlive: number | null;
  daysSinceLastOrder: number | null;
}

export interface ClvBucket {
  /** Inclusive lower bound. */
  from: string;
  /** Exclusive upper bound, except the last bucket's, which holds the maximum. */
  to: string;
  customerCount: number;
  totalValue: string;
}

export interface ClvDistribution {
  /** Customers with a predicted 365-day value. */
  customerCount: number;
  /** Customers with metrics but no prediction (no counted order, or no fitted model). */
  withoutPrediction: number;
  totalValue: string;
  /** Equal widths in whole cents, from 0 (or the lowest value if negative) to the highest. */
  buckets: ClvBucket[];
}

/** Customers and revenue (sum of totalSpend) per RFM segment, loyalty tier or inactivity segment. */
export async function getSegmentSizes(
  db: Db,
  input: { by: SegmentKind; config?: Pick<AnalyticsConfig, "loyaltyTiers"> },
): Promise<SegmentSizes> {
  assertOneOf(input.by, "by", segmentKinds);
  const reachable = reachableByEmailSql("c");
  const rows = await db.prisma.$queryRawUnsafe<
    Array<{ segment: string | null; customerCount: number; revenue: string; reachable: number }>
  >(
    `SELECT m."${input.by}" AS segment, count(*)::int AS "customerCount",
            sum(m."totalSpend")::text AS revenue,
            (count(*) FILTER (WHERE ${reachable.isReachable}))::int AS reachable
       FROM "CustomerMetrics" m JOIN "Customer" c ON c.id = m."customerId"
       ${reachable.joins}
      WHERE c."mergedIntoId" IS NULL
      GROUP BY 1`,
  );

  const known = knownSegments(input.by, input.config ?? defaultAnalyticsConfig);
  const none = (): SegmentFigures => ({ customerCount: 0, revenue: "0.00", reachableByEmail: 0 });
  const totals = new Map<string, SegmentFigures>(known.map((segment) => [segment, none()]));
  let unsegmented = none();
  let customerCount = 0;
  let reachableByEmail = 0;
  let revenue = new Decimal(0);
  for (const row of rows) {
    const figures = {
      customerCount: row.customerCount,
      revenue: exactMoney(row.revenue),
      reachableByEmail: row.reachable,
    };
    if (row.segment === null) {
      unsegmented = figures;
      continue;
    }
    totals.set(row.segment, figures);
    customerCount += row.customerCount;
    reachableByEmail += row.reachable;
    revenue = revenue.plus(row.revenue);
  }
  const totalRevenue = exactMoney(revenue.toString());

  const rank = (segment: string) => {
    const index = known.indexOf(segment);
    return index === -1 ? known.length : index;
  };
  const segments = [...totals.entries()]
    .map(([segment, figures]) => ({
      segment,
      customerCount: figures.customerCount,
      revenue: figures.revenue,
      reachableByEmail: figures.reachableByEmail,
      customerShare: customerCount === 0 ? null : figures.customerCount / customerCount,
      revenueShare: moneyShare(figures.revenue, totalRevenue),
    }))
    .sort(
      (a, b) =>
        rank(a.segment) - rank(b.segment) ||
        new Decimal(b.revenue).cmp(a.revenue) ||
        (a.segment < b.segment ? -1 : a.segment > b.segment ? 1 : 0),
    );
  return {
    by: input.by,
    customerCount,
    revenue: totalRevenue,
    reachableByEmail,
    segments,
    unsegmented,
  };
}

/** The `limit` customers with the highest positive value of `by`; ties by customer id. */
export async function getTopCustomers(
  db: Db,
  input: { by: TopCustomersBy; limit: number },
): Promise<{ by: TopCustomersBy; customers: TopCustomer[] }> {
  assertOneOf(input.by, "by", topCustomersBy);
  assertWholeNumber(input.limit, "limit", { min: 1, max: MAX_LIST_LIMIT });
  const rows = await db.prisma.$queryRawUnsafe<TopCustomer[]>(
    `SELECT ${customerColumns}
       FROM "CustomerMetrics" m JOIN "Customer" c ON c.id = m."customerId"
      WHERE c."mergedIntoId" IS NULL AND m."${input.by}" > 0
      ORDER BY m."${input.by}" DESC, m."customerId"
      LIMIT $1::int`,
    input.limit,
  );
  return { by: input.by, customers: rows.map(topCustomerOf) };
}

/**
 * Customers whose churn risk is labelled high or medium, the most valuable first: the value at
 * stake is what they have spent with the store (totalSpend), because predicted value already
 * discounts the churn the list is about. Ties by higher risk, then customer id.
 */
export async function getAtRiskCustomers(
  db: Db,
  input: { limit: number },
): Promise<{ customers: AtRiskCustomer[] }> {
  assertWholeNumber(input.limit, "limit", { min: 1, max: MAX_LIST_LIMIT });
  const rows = await db.prisma.$queryRawUnsafe<AtRiskCustomer[]>(
    `SELECT ${customerColumns}, m."churnRiskLabel", m."churnRisk", m."probabilityAlive",
            m."daysSinceLastOrder"
       FROM "CustomerMetrics" m JOIN "Customer" c ON c.id = m."customerId"
      WHERE c."mergedIntoId" IS NULL AND m."churnRiskLabel" IN ('high', 'medium')
      ORDER BY m."totalSpend" DESC, m."churnRisk" DESC NULLS LAST, m."customerId"
      LIMIT $1::int`,
    input.limit,
  );
  return {
    customers: rows.map((row) => ({
      ...topCustomerOf(row),
      churnRiskLabel: row.churnRiskLabel,
      churnRisk: row.churnRisk,
      probabilityAlive: row.probabilityAlive,
      daysSinceLastOrder: row.daysSinceLastOrder,
    })),
  };
}

/** A histogram of predictedValue365d in `buckets` equal widths of whole cents. */
export async function getClvDistribution(
  db: Db,
  input: { buckets: number },
): Promise<ClvDistribution> {
  assertWholeNumber(input.buckets, "buckets", { min: 1, max: MAX_CLV_BUCKETS });
  const bucketCount = input.buckets;
  const [rows, counts] = await Promise.all([
    db.prisma.$queryRawUnsafe<
      Array<{
        bucket: number;
        customerCount: number;
        totalValue: string;
        lo: string;
        width: string;
      }>
    >(
      `WITH v AS (
         SELECT m."predictedValue365d" AS value
           FROM "CustomerMetrics" m JOIN "Customer" c ON c.id = m."customerId"
          WHERE c."mergedIntoId" IS NULL AND m."predictedValue365d" IS NOT NULL
       ),
       bounds AS (
         SELECT least(floor(min(value) * 100) / 100, 0) AS lo, max(value) AS hi FROM v
       ),
       scale AS (
         SELECT lo, greatest(ceil((hi - lo) * 100 / $1::int) / 100, 0.01) AS width FROM bounds
       )
       SELECT least(div(v.value - s.lo, s.width), $1::int - 1)::int AS bucket,
              count(*)::int AS "customerCount", sum(v.value)::text AS "totalValue",
              s.lo::text AS lo, s.width::text AS width
         FROM v CROSS JOIN scale s
        GROUP BY 1, s.lo, s.width
        ORDER BY 1`,
      bucketCount,
    ),
    db.prisma.$queryRawUnsafe<Array<{ withoutPrediction: number }>>(
      `SELECT count(*)::int AS "withoutPrediction"
         FROM "CustomerMetrics" m JOIN "Customer" c ON c.id = m."customerId"
        WHERE c."mergedIntoId" IS NULL AND m."predictedValue365d" IS NULL`,
    ),
  ]);
  const withoutPrediction = counts[0]?.withoutPrediction ?? 0;
  const [first] = rows;
  if (first === undefined) {
    return { customerCount: 0, withoutPrediction, totalValue: "0.00", buckets: [] };
  }

  const lo = new Decimal(first.lo);
  const width = new Decimal(first.width);
  const byBucket = new Map(rows.map((row) => [row.bucket, row]));
  let totalValue = new Decimal(0);
  let customerCount = 0;
  const buckets = Array.from({ length: bucketCount }, (_, i): ClvBucket => {
    const row = byBucket.get(i);
    customerCount += row?.customerCount ?? 0;
    totalValue = totalValue.plus(row?.totalValue ?? 0);
    return {
      from: exactMoney(lo.plus(width.times(i)).toString()),
      to: exactMoney(lo.plus(width.times(i + 1)).toString()),
      customerCount: row?.customerCount ?? 0,
      totalValue: exactMoney(row?.totalValue ?? null),
    };
  });
  return {
    customerCount,
    withoutPrediction,
    totalValue: exactMoney(totalValue.toString()),
    buckets,
  };
}

const customerColumns = `
  m."customerId"::text AS "customerId", c."displayName", m."orderCount",
  m."totalSpend"::text AS "totalSpend", m."spend90d"::text AS "spend90d",
  m."predictedValue365d"::text AS "predictedValue365d", m."lastOrderAt", m.tier, m."rfmSegment"`;

/** The row as the database answers it (money as text), with its money exact. */
function topCustomerOf(row: TopCustomer): TopCustomer {
  return {
    customerId: row.customerId,
    displayName: row.displayName,
    orderCount: row.orderCount,
    totalSpend: exactMoney(row.totalSpend),
    spend90d: exactMoney(row.spend90d),
    predictedValue365d: row.predictedValue365d === null ? null : exactMoney(row.predictedValue365d),
    lastOrderAt: row.lastOrderAt,
    tier: row.tier,
    rfmSegment: row.rfmSegment,
  };
}

function knownSegments(by: SegmentKind, config: Pick<AnalyticsConfig, "loyaltyTiers">): string[] {
  if (by === "rfmSegment") return [...rfmSegments];
  if (by === "inactivitySegment") return [...inactivitySegments];
  return [...config.loyaltyTiers]
    .sort((a, b) => a.minRollingSpend.cmp(b.minRollingSpend))
    .map((tier) => tier.name);
}
