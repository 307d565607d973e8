// One customer's analytics, in two steps so a full run can fit the store-wide models in between:
// `measureCustomer` (metrics and the CLV summary from their orders alone) and `scoreCustomer`
// (RFM, probability alive, churn risk, predicted value and next order date against the store's
// models).
import {
  type AnalyticsConfig,
  type AnalyticsOrder,
  assessChurnRisk,
  type CustomerMetricsResult,
  type CustomerOrderSummary,
  clvSummaryOf,
  conditionalExpectedAverageSpend,
  conditionalExpectedPurchases,
  customerMetricsFromSummary,
  type PredictionWithheldCode,
  predictNextOrder,
  probabilityAlive,
  type RfmCustomer,
  type RfmScores,
  rfmSegment,
  scoreWithThresholds,
  summarizeCustomerOrders,
} from "@greenloop/order-sync/analytics";
import Decimal from "decimal.js";
import { type AnalyticsModels, CLV_PERIOD_DAYS } from "./analytics-models";
import type { CustomerFavourites } from "./load-customer-favourites";

export interface MeasuredCustomer {
  customerId: string;
  metrics: CustomerMetricsResult;
  /** Frequency/recency/T in weeks and mean repeat spend; null without counted orders. */
  clv: { frequency: number; recency: number; T: number; monetaryValue: number } | null;
}

export interface CustomerAnalytics extends MeasuredCustomer {
  asOf: Date;
  rfm: RfmScores | null;
  rfmSegment: string | null;
  probabilityAlive: number | null;
  churnRisk: number | null;
  churnRiskLabel: string | null;
  predictedPurchases90d: number | null;
  predictedPurchases365d: number | null;
  expectedAverageSpend: Decimal | null;
  predictedValue90d: Decimal | null;
  predictedValue365d: Decimal | null;
  expectedNextOrderAt: Date | null;
  /** The customer's own reason some predictions are withheld (the store's gates apply on read). */
  predictionWithheldReason: PredictionWithheldCode | null;
}

/**
 * From the summary of the customer's counted orders (loadCustomerSummaries, in the database).
 * `favourites`: the customer's, summed in SQL over their counted orders' lines
 * (loadCustomerFavourites); none when not given.
 */
export function measureCustomerSummary(
  customerId: string,
  summary: CustomerOrderSummary,
  {
    asOf,
    config,
    favourites,
  }: { asOf: Date; config: AnalyticsConfig; favourites?: CustomerFavourites | undefined },
): MeasuredCustomer {
  return {
    customerId,
    metrics: customerMetricsFromSummary(summary, { asOf, config, favourites }),
    // The models work in floating point; money stays Decimal everywhere else.
    clv: clvSummaryOf(summary, { asOf, periodDays: CLV_PERIOD_DAYS }),
  };
}

/** The same from the customer's orders in memory (the naive path the bench compares with). */
export function measureCustomer(
  customerId: string,
  orders: readonly AnalyticsOrder[],
  options: { asOf: Date; config: AnalyticsConfig; favourites?: CustomerFavourites | undefined },
): MeasuredCustomer {
  return measureCustomerSummary(customerId, summarizeCustomerOrders(orders, options), options);
}

/** What RFM ranks the customer on; null without counted orders (nothing to rank). */
export function rfmInputOf(measured: MeasuredCustomer): RfmCustomer | null {
  const { metrics } = measured;
  if (metrics.orderCount === 0 || metrics.daysSinceLastOrder === null) return null;
  return {
    id: measured.customerId,
    recencyDays: metrics.daysSinceLastOrder,
    frequency: metrics.orderCount,
    monetary: metrics.totalSpend,
  };
}

/** Predictions shared by customers with the same history shape (a full run meets each often). */
export type ClvCache = Map<
  string,
  { alive: number | null; p90: number | null; p365: number | null }
>;

export function scoreCustomer(
  measured: MeasuredCustomer,
  {
    asOf,
    config,
    models,
    cache,
  }: { asOf: Date; config: AnalyticsConfig; models: AnalyticsModels; cache?: ClvCache },
): CustomerAnalytics {
  const rfmInput = rfmInputOf(measured);
  const rfm = rfmInput && models.rfm ? scoreWithThresholds(rfmInput, models.rfm) : null;
  const { clv, metrics } = measured;
  let alive: number | null = null;
  let purchases90: number | null = null;
  let purchases365: number | null = null;
  if (clv && models.bgNbd) {
    const bg = models.bgNbd;
    const key = `${clv.frequency}|${clv.recency}|${clv.T}`;
    const known = cache?.get(key);
    const predicted = known ?? {
      alive: numeric(() => probabilityAlive(bg, clv)),
      p90: numeric(() => conditionalExpectedPurchases(bg, 90 / CLV_PERIOD_DAYS, clv)),
      p365: numeric(() => conditionalExpectedPurchases(bg, 365 / CLV_PERIOD_DAYS, clv)),
    };
    if (!known) cache?.set(key, predicted);
    alive = predicted.alive;
    purchases90 = predicted.p90;
    purchases365 = predicted.p365;
  }
  const spend = clv ? expectedSpend(clv, models) : null;
  const value = (purchases: number | null) =>
    purchases === null || spend === null ? null : spend.times(purchases).toDecimalPlaces(5);
  const churn = assessChurnRisk(
    {
      probabilityAlive: alive,
      daysSinceLastOrder: metrics.daysSinceLastOrder,
      meanDaysBetweenOrders: metrics.meanDaysBetweenOrders,
    },
    config,
  );
  const nextOrder = predictNextOrder({
    asOf,
    clv,
    probabilityAlive: alive,
    bgNbd: models.bgNbd,
    periodDays: CLV_PERIOD_DAYS,
    config,
  });
  // A literal of one fixed shape, not a spread: V8 builds it far faster (a full run makes 100,000).
  return {
    customerId: measured.customerId,
    metrics,
    clv,
    asOf,
    rfm,
    rfmSegment: rfm ? rfmSegment(rfm) : null,
    probabilityAlive: alive,
    churnRisk: churn?.risk ?? null,
    churnRiskLabel: churn?.label ?? null,
    predictedPurchases90d: purchases90,
    predictedPurchases365d: purchases365,
    expectedAverageSpend: spend,
    predictedValue90d: value(purchases90),
    predictedValue365d: value(purchases365),
    expectedNextOrderAt: nextOrder.nextOrderAt,
    predictionWithheldReason: nextOrder.withheld,
  };
}

/**
 * A model figure, or null when the numerics give up for this customer (an extreme history): one
 * customer's missing prediction must not stop everyone else's analytics.
 */
function numeric(compute: () => number): number | null {
  try {
    const value = compute();
    return Number.isFinite(value) ? value : null;
  } catch {
    return null;
  }
}

/** Gamma-Gamma's expected spend per order; a one-order customer gets the population mean. */
function expectedSpend(
  clv: NonNullable<MeasuredCustomer["clv"]>,
  models: AnalyticsModels,
): Decimal | null {
  const gg = models.gammaGamma;
  if (!gg) return null;
  const amount =
    clv.frequency > 0 && clv.monetaryValue > 0
      ? conditionalExpectedAverageSpend(gg, clv)
      : gg.q > 1
        ? (gg.p * gg.v) / (gg.q - 1)
        : null;
  return amount === null || !Number.isFinite(amount)
    ? null
    : new Decimal(amount).toDecimalPlaces(5);
}
