// The store owner's analytics: thin procedures over the store views (analytics/store-views*),
// which check their own inputs too; money leaves as Decimal (analytics-output.ts).
import { DomainError } from "@greenloop/order-sync/errors";
import { storePeriodStart } from "@greenloop/order-sync/store-time";
import { z } from "zod";
import {
  DEFAULT_HOLDOUT_WEEKS,
  latestHoldoutRun,
  MAX_HOLDOUT_WEEKS,
  runHoldout,
} from "../../analytics/holdout-run";
import { describeLabelDefinitions } from "../../analytics/label-definitions";
import { loadPredictionGateReport } from "../../analytics/prediction-gates";
import * as storeViews from "../../analytics/store-views";
import { type Granularity, MAX_AFFINITY_PAIRS, MAX_CLV_BUCKETS } from "../../analytics/store-views";
import { pageSizeSchema } from "../output-schemas";
import { createTRPCRouter, operatorProcedure, viewerProcedure } from "../trpc";
import {
  atRiskCustomersSchema,
  categoryAffinitySchema,
  categoryMixSchema,
  channelMixSummarySchema,
  clvDistributionSchema,
  cohortRetentionSchema,
  holdoutRunSchema,
  labelDefinitionsSchema,
  lifecycleSchema,
  predictionGatesSchema,
  segmentSizesSchema,
  storeSummarySchema,
  topCustomersSchema,
  toWireCategoryAffinity,
  toWireCategoryMix,
  toWireChannelMixSummary,
  toWireClvDistribution,
  toWireCustomer,
  toWireSegmentSizes,
  toWireStoreSummary,
} from "./analytics-output";

/** How far back a summary reaches, in periods: about five years of weeks, ten of months. */
export const MAX_SUMMARY_PERIODS: Record<Granularity, number> = { week: 260, month: 120 };
/** Without `from`: asOf's period and the eleven before it. */
export const DEFAULT_SUMMARY_PERIODS = 12;
/** The most recent cohorts (months) a retention matrix shows. */
export const MAX_API_COHORT_MONTHS = 120;

/** The end of a view: `asOf` (inclusive), default now. */
const asOfInput = z.date().optional();

/** A view per store week or month over a range: the summary's input (and its bounds). */
const periodRangeInput = z
  .object({
    period: z.enum(["week", "month"]).default("month"),
    /** Default: the start of the period eleven periods before asOf's. */
    from: z.date().optional(),
    asOf: asOfInput,
  })
  .prefault({});

/** [from, asOf] of a summary: a default of twelve periods, and never more than the maximum. */
function summaryRange(
  input: { period: Granularity; from?: Date | undefined; asOf?: Date | undefined },
  { now, timeZone }: { now: Date; timeZone: string },
): { asOf: Date; from: Date } {
  const asOf = input.asOf ?? now;
  const from =
    input.from ?? storePeriodStart(asOf, input.period, DEFAULT_SUMMARY_PERIODS - 1, timeZone);
  const max = MAX_SUMMARY_PERIODS[input.period];
  const earliest = storePeriodStart(asOf, input.period, max - 1, timeZone);
  if (from.getTime() < earliest.getTime()) {
    throw new DomainError(
      "BAD_INPUT",
      `A summary by ${input.period} covers at most ${max} periods: from must be ${earliest.toISOString()} or later.`,
      { details: { field: "from", earliest: earliest.toISOString() } },
    );
  }
  return { asOf, from };
}

export const analyticsRouter = createTRPCRouter({
  /** The rules behind a customer's labels (tiers, VIP, inactivity, churn risk), as configured. */
  definitions: viewerProcedure
    .output(labelDefinitionsSchema)
    .query(({ ctx }) => describeLabelDefinitions(ctx.config.analytics.config)),

  /**
   * Whether the store's data supports per-customer predictions (Klaviyo's gates): each gate, its
   * threshold, the store's figure at the last full run, and whether it passed.
   */
  predictionGates: viewerProcedure
    .output(predictionGatesSchema)
    .query(({ ctx }) => loadPredictionGateReport(ctx.db, ctx.config.analytics.config)),

  /**
   * Totals and the trend per ISO week or month of the store (STORE_TIMEZONE, as the dashboard's
   * ranges): spend, orders, new vs returning, channels.
   */
  summary: viewerProcedure
    .input(periodRangeInput)
    .output(storeSummarySchema)
    .query(async ({ ctx, input }) => {
      const timeZone = ctx.config.storeTimeZone;
      const range = summaryRange(input, { now: ctx.now(), timeZone });
      const view = await storeViews.getStoreSummary(ctx.db, {
        ...range,
        granularity: input.period,
        timeZone,
        config: ctx.config.analytics.config,
      });
      return toWireStoreSummary(view);
    }),

  /**
   * The lifecycle per store week or month over the summary's range (whole periods): new,
   * returning, won back, lapsed and lost customers, as buildLifecycle defines them, with the
   * thresholds (LIFECYCLE_*_DAYS) and whether each period is "to date".
   */
  lifecycle: viewerProcedure
    .input(periodRangeInput)
    .output(lifecycleSchema)
    .query(({ ctx, input }) => {
      const timeZone = ctx.config.storeTimeZone;
      return storeViews.getLifecycle(ctx.db, {
        ...summaryRange(input, { now: ctx.now(), timeZone }),
        granularity: input.period,
        timeZone,
        config: ctx.config.analytics.config,
      });
    }),

  /**
   * Spend and orders per product category per store week or month, over the same range as
   * `summary` (its defaults and limits); lines of unknown category as "Uncategorised".
   */
  categoryMix: viewerProcedure
    .input(periodRangeInput)
    .output(categoryMixSchema)
    .query(async ({ ctx, input }) => {
      const timeZone = ctx.config.storeTimeZone;
      const range = summaryRange(input, { now: ctx.now(), timeZone });
      const view = await storeViews.getCategoryMix(ctx.db, {
        ...range,
        granularity: input.period,
        timeZone,
        config: ctx.config.analytics.config,
      });
      return toWireCategoryMix(view);
    }),

  /**
   * Categories bought together in one order (support, confidence both ways, lift; pairs in at
   * least `minOrders` orders, the top `limit` by lift) and each RFM segment's spend per category,
   * over [from, asOf]; from: the first order.
   */
  categoryAffinity: viewerProcedure
    .input(
      z
        .object({
          from: z.date().optional(),
          asOf: asOfInput,
          minOrders: z.number().int().min(1).default(1),
          limit: z.number().int().min(1).max(MAX_AFFINITY_PAIRS).default(10),
        })
        .prefault({}),
    )
    .output(categoryAffinitySchema)
    .query(async ({ ctx, input }) =>
      toWireCategoryAffinity(
        await storeViews.getCategoryAffinity(ctx.db, {
          asOf: input.asOf ?? ctx.now(),
          ...(input.from ? { from: input.from } : {}),
          minOrders: input.minOrders,
          limit: input.limit,
          config: ctx.config.analytics.config,
        }),
      ),
    ),

  /** Orders and net spend per channel (RETAIL, ECOM) over [from, asOf]; from: the first order. */
  channelMix: viewerProcedure
    .input(z.object({ from: z.date().optional(), asOf: asOfInput }).prefault({}))
    .output(channelMixSummarySchema)
    .query(async ({ ctx, input }) => {
      const view = await storeViews.getChannelMix(ctx.db, {
        asOf: input.asOf ?? ctx.now(),
        ...(input.from ? { from: input.from } : {}),
        config: ctx.config.analytics.config,
      });
      return toWireChannelMixSummary(view);
    }),

  /**
   * Monthly cohorts (the store's month of first order, STORE_TIMEZONE) and the share still
   * ordering in each later month.
   */
  cohorts: viewerProcedure
    .input(
      z
        .object({
          months: z.number().int().min(1).max(MAX_API_COHORT_MONTHS).default(12),
          asOf: asOfInput,
        })
        .prefault({}),
    )
    .output(cohortRetentionSchema)
    .query(({ ctx, input }) =>
      storeViews.getCohortRetention(ctx.db, {
        asOf: input.asOf ?? ctx.now(),
        months: input.months,
        timeZone: ctx.config.storeTimeZone,
        config: ctx.config.analytics.config,
      }),
    ),

  /** Customers and revenue per RFM segment, loyalty tier or inactivity segment (last analytics run). */
  segments: viewerProcedure
    .input(
      z
        .object({ by: z.enum(["rfmSegment", "tier", "inactivitySegment"]).default("rfmSegment") })
        .prefault({}),
    )
    .output(segmentSizesSchema)
    .query(async ({ ctx, input }) =>
      toWireSegmentSizes(
        await storeViews.getSegmentSizes(ctx.db, {
          by: input.by,
          config: ctx.config.analytics.config,
        }),
      ),
    ),

  /** The customers with the highest lifetime spend, predicted value or 90-day spend. */
  topCustomers: viewerProcedure
    .input(
      z
        .object({
          by: z.enum(["totalSpend", "predictedValue365d", "spend90d"]).default("totalSpend"),
          limit: pageSizeSchema,
        })
        .prefault({}),
    )
    .output(topCustomersSchema)
    .query(async ({ ctx, input }) => {
      const view = await storeViews.getTopCustomers(ctx.db, input);
      return { by: view.by, customers: view.customers.map(toWireCustomer) };
    }),

  /** Customers at high or medium churn risk, the most valuable (lifetime spend) first. */
  atRisk: viewerProcedure
    .input(z.object({ limit: pageSizeSchema }).prefault({}))
    .output(atRiskCustomersSchema)
    .query(async ({ ctx, input }) => {
      const view = await storeViews.getAtRiskCustomers(ctx.db, input);
      return { customers: view.customers.map(toWireCustomer) };
    }),

  /** A histogram of predicted 365-day customer value, in equal widths of whole cents. */
  clvDistribution: viewerProcedure
    .input(
      z.object({ buckets: z.number().int().min(1).max(MAX_CLV_BUCKETS).default(20) }).prefault({}),
    )
    .output(clvDistributionSchema)
    .query(async ({ ctx, input }) =>
      toWireClvDistribution(await storeViews.getClvDistribution(ctx.db, input)),
    ),

  /** The latest calibration/holdout test of the purchase predictions, or null before the first. */
  holdout: viewerProcedure
    .output(holdoutRunSchema.nullable())
    .query(({ ctx }) => latestHoldoutRun(ctx.db)),

  /** Runs the holdout test now (as `pnpm cli analytics holdout`) and returns the stored run. */
  runHoldout: operatorProcedure
    .input(
      z
        .object({
          weeks: z.number().int().min(1).max(MAX_HOLDOUT_WEEKS).default(DEFAULT_HOLDOUT_WEEKS),
        })
        .prefault({}),
    )
    .output(holdoutRunSchema)
    .mutation(({ ctx, input }) =>
      runHoldout(ctx.db, {
        weeks: input.weeks,
        config: ctx.config.analytics.config,
        trigger: "api",
        now: ctx.now(),
      }),
    ),
});
