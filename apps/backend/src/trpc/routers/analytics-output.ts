// The analytics views on the wire: zod output schemas, and mappers from the store views' exact
// decimal text to Decimal (superjson sends it exactly). Everything else passes through as is.

import { z } from "zod";
import type {
  CategoryAffinityView,
  CategoryMixView,
  ChannelMixSummary,
  ChannelMixView,
  ClvDistribution,
  SegmentSizes,
  StoreSummaryView,
  TopCustomer,
} from "../../analytics/store-views";
import { decimalSchema, toDecimal } from "../output-schemas";

const share = z.number().nullable();

const channelFiguresSchema = z.object({
  orderCount: z.number().int(),
  netSpend: decimalSchema,
  orderShare: share,
  spendShare: share,
});

export const channelMixViewSchema = z.object({
  RETAIL: channelFiguresSchema,
  ECOM: channelFiguresSchema,
});

export const storeSummarySchema = z.object({
  asOf: z.date(),
  from: z.date().nullable(),
  granularity: z.enum(["week", "month"]),
  orderCount: z.number().int(),
  totalSpend: decimalSchema,
  averageOrderValue: decimalSchema.nullable(),
  attributedSpend: decimalSchema,
  anonymousOrderCount: z.number().int(),
  customerCount: z.number().int(),
  channelMix: channelMixViewSchema,
  periods: z.array(
    z.object({
      key: z.string(),
      start: z.date(),
      orderCount: z.number().int(),
      netSpend: decimalSchema,
      averageOrderValue: decimalSchema.nullable(),
      activeCustomers: z.number().int(),
      newCustomers: z.number().int(),
      returningCustomers: z.number().int(),
      channelMix: channelMixViewSchema,
      netSpendChange: decimalSchema.nullable(),
    }),
  ),
});

export const channelMixSummarySchema = z.object({
  orderCount: z.number().int(),
  netSpend: decimalSchema,
  channels: channelMixViewSchema,
});

export const cohortRetentionSchema = z.object({
  asOf: z.date(),
  cohorts: z.array(
    z.object({
      key: z.string(),
      start: z.date(),
      size: z.number().int(),
      activeCustomers: z.array(z.number().int()),
      retention: z.array(z.number()),
    }),
  ),
});

const dayCount = z.number().int().positive();

/** analytics.lifecycle: the counts per store period, and the thresholds they used. */
export const lifecycleSchema = z.object({
  asOf: z.date(),
  granularity: z.enum(["week", "month"]),
  thresholds: z.object({
    wonBackAfterDays: dayCount,
    lapsedAfterDays: dayCount,
    lostAfterDays: dayCount,
  }),
  periods: z.array(
    z.object({
      key: z.string(),
      start: z.date(),
      toDate: z.boolean(),
      newCustomers: z.number().int(),
      returningCustomers: z.number().int(),
      wonBackCustomers: z.number().int(),
      lapsedCustomers: z.number().int(),
      lostCustomers: z.number().int(),
    }),
  ),
});

const segmentFiguresSchema = z.object({
  customerCount: z.number().int(),
  revenue: decimalSchema,
  /** Customers the store may email: an email, and no denial of consent. */
  reachableByEmail: z.number().int(),
});

export const segmentSizesSchema = z.object({
  by: z.enum(["rfmSegment", "tier", "inactivitySegment"]),
  customerCount: z.number().int(),
  revenue: decimalSchema,
  reachableByEmail: z.number().int(),
  segments: z.array(
    segmentFiguresSchema.extend({
      segment: z.string(),
      customerShare: share,
      revenueShare: share,
    }),
  ),
  unsegmented: segmentFiguresSchema,
});

const topCustomerSchema = z.object({
  customerId: z.string(),
  displayName: z.string().nullable(),
  orderCount: z.number().int(),
  totalSpend: decimalSchema,
  spend90d: decimalSchema,
  predictedValue365d: decimalSchema.nullable(),
  lastOrderAt: z.date().nullable(),
  tier: z.string().nullable(),
  rfmSegment: z.string().nullable(),
});

export const topCustomersSchema = z.object({
  by: z.enum(["totalSpend", "predictedValue365d", "spend90d"]),
  customers: z.array(topCustomerSchema),
});

export const atRiskCustomersSchema = z.object({
  customers: z.array(
    topCustomerSchema.extend({
      churnRiskLabel: z.enum(["high", "medium"]),
      churnRisk: z.number().nullable(),
      probabilityAlive: z.number().nullable(),
      daysSinceLastOrder: z.number().int().nullable(),
    }),
  ),
});

export const clvDistributionSchema = z.object({
  customerCount: z.number().int(),
  withoutPrediction: z.number().int(),
  totalValue: decimalSchema,
  buckets: z.array(
    z.object({
      from: decimalSchema,
      to: decimalSchema,
      customerCount: z.number().int(),
      totalValue: decimalSchema,
    }),
  ),
});

const categoryFiguresSchema = z.object({
  category: z.string(),
  orderCount: z.number().int(),
  spend: decimalSchema,
});
const categoryShareSchema = categoryFiguresSchema.extend({ share });

export const categoryMixSchema = z.object({
  asOf: z.date(),
  from: z.date().nullable(),
  granularity: z.enum(["week", "month"]),
  categories: z.array(categoryShareSchema),
  periods: z.array(
    z.object({ key: z.string(), start: z.date(), categories: z.array(categoryFiguresSchema) }),
  ),
});

export const categoryAffinitySchema = z.object({
  asOf: z.date(),
  from: z.date().nullable(),
  orderCount: z.number().int(),
  categories: z.array(
    z.object({ category: z.string(), orderCount: z.number().int(), support: z.number() }),
  ),
  pairs: z.array(
    z.object({
      a: z.string(),
      b: z.string(),
      orderCount: z.number().int(),
      support: z.number(),
      confidenceAToB: z.number(),
      confidenceBToA: z.number(),
      lift: z.number(),
    }),
  ),
  bySegment: z.array(
    z.object({
      segment: z.string(),
      customerCount: z.number().int(),
      spend: decimalSchema,
      categories: z.array(categoryShareSchema),
    }),
  ),
});

const money = toDecimal;
const moneyOrNull = (value: string | null) => (value === null ? null : toDecimal(value));

export function toWireChannelMix(view: ChannelMixView) {
  const figures = (channel: keyof ChannelMixView) => ({
    ...view[channel],
    netSpend: money(view[channel].netSpend),
  });
  return { RETAIL: figures("RETAIL"), ECOM: figures("ECOM") };
}

export function toWireChannelMixSummary(view: ChannelMixSummary) {
  return { ...view, netSpend: money(view.netSpend), channels: toWireChannelMix(view.channels) };
}

export function toWireStoreSummary(view: StoreSummaryView) {
  return {
    ...view,
    totalSpend: money(view.totalSpend),
    averageOrderValue: moneyOrNull(view.averageOrderValue),
    attributedSpend: money(view.attributedSpend),
    channelMix: toWireChannelMix(view.channelMix),
    periods: view.periods.map((period) => ({
      ...period,
      netSpend: money(period.netSpend),
      averageOrderValue: moneyOrNull(period.averageOrderValue),
      channelMix: toWireChannelMix(period.channelMix),
      netSpendChange: moneyOrNull(period.netSpendChange),
    })),
  };
}

const wireFigures = <T extends { spend: string }>(figures: T) => ({
  ...figures,
  spend: money(figures.spend),
});

export function toWireCategoryMix(view: CategoryMixView) {
  return {
    ...view,
    categories: view.categories.map(wireFigures),
    periods: view.periods.map((period) => ({
      ...period,
      categories: period.categories.map(wireFigures),
    })),
  };
}

export function toWireCategoryAffinity(view: CategoryAffinityView) {
  return {
    ...view,
    bySegment: view.bySegment.map((segment) => ({
      ...segment,
      spend: money(segment.spend),
      categories: segment.categories.map(wireFigures),
    })),
  };
}

export function toWireSegmentSizes(view: SegmentSizes) {
  return {
    ...view,
    revenue: money(view.revenue),
    segments: view.segments.map((segment) => ({ ...segment, revenue: money(segment.revenue) })),
    unsegmented: { ...view.unsegmented, revenue: money(view.unsegmented.revenue) },
  };
}

export function toWireCustomer<T extends TopCustomer>(customer: T) {
  return {
    ...customer,
    totalSpend: money(customer.totalSpend),
    spend90d: money(customer.spend90d),
    predictedValue365d: moneyOrNull(customer.predictedValue365d),
  };
}

export function toWireClvDistribution(view: ClvDistribution) {
  return {
    ...view,
    totalValue: money(view.totalValue),
    buckets: view.buckets.map((bucket) => ({
      ...bucket,
      from: money(bucket.from),
      to: money(bucket.to),
      totalValue: money(bucket.totalValue),
    })),
  };
}

/** analytics.definitions: the rules behind a customer's labels, as configured. */
export const labelDefinitionsSchema = z.object({
  rollingWindowDays: z.number().int().positive(),
  tiers: z.array(z.object({ name: z.string(), minRollingSpend: decimalSchema })),
  tierRequiresOrder: z.boolean(),
  vip: z.object({
    minLifetimeValue: decimalSchema,
    minOrderCount: z.number().int().nullable(),
  }),
  inactivityFromDays: z.object({
    "30d": z.number().int(),
    "60d": z.number().int(),
    "90d+": z.number().int(),
  }),
  churnRisk: z.object({ mediumFrom: z.number(), highFrom: z.number() }),
});

/** The prediction gates judged on the last full run's figures; null before any full run. */
export const predictionGatesSchema = z
  .object({
    eligible: z.boolean(),
    asOf: z.date(),
    gates: z.array(
      z.object({
        id: z.enum(["customersWithOrders", "historyDays", "recentOrder", "repeatCustomers"]),
        description: z.string(),
        threshold: z.number(),
        value: z.number().nullable(),
        passed: z.boolean(),
      }),
    ),
  })
  .nullable();
/** The latest calibration/holdout test (analytics/holdout-run.ts); expected counts are floats. */
export const holdoutRunSchema = z.object({
  id: z.string(),
  ranAt: z.date(),
  trigger: z.string(),
  holdoutWeeks: z.number().int(),
  calibrationStart: z.date(),
  calibrationEnd: z.date(),
  observationEnd: z.date(),
  customers: z.number().int(),
  mae: z.number(),
  rmse: z.number(),
  correlation: z.number().nullable(),
  predictedTotal: z.number(),
  actualTotal: z.number(),
  deciles: z.array(
    z.object({
      decile: z.number().int(),
      customers: z.number().int(),
      predictedSum: z.number(),
      actualSum: z.number(),
      predictedMean: z.number(),
      actualMean: z.number(),
    }),
  ),
  params: z.object({
    r: z.number(),
    alpha: z.number(),
    a: z.number(),
    b: z.number(),
    logLikelihood: z.number(),
    converged: z.boolean(),
  }),
  durationMs: z.number().int(),
});
