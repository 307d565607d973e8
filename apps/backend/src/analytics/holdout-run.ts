// The evidence that the purchase predictions are right on this store: BG/NBD fitted on everything
// before the last N weeks of the store's orders, as the analytics fit it, and its prediction for
// each customer compared with what they bought in those weeks. Each run is kept (`HoldoutRun`) so
// the dashboard can show the latest.
import type { Database } from "@greenloop/db";
import {
  type AccuracyDecile,
  type AnalyticsConfig,
  type BgNbdFit,
  type CustomerTransaction,
  evaluateHoldout,
  netSpendOf,
  type PredictionAccuracy,
  selectCountedOrders,
} from "@greenloop/order-sync/analytics";
import { DomainError } from "@greenloop/order-sync/errors";
import { CLV_PERIOD_DAYS } from "./analytics-models";
import { loadAnalyticsOrders } from "./load-analytics-orders";
import { MODEL_PENALIZER } from "./recompute-analytics";

/** A quarter: long enough for most customers to have a chance to come back, short enough to wait for. */
export const DEFAULT_HOLDOUT_WEEKS = 13;
/** Five years: beyond that the calibration period of most stores would be empty. */
export const MAX_HOLDOUT_WEEKS = 260;

/** The figures (customers … deciles) are measurePredictionAccuracy's; the rest is the run. */
export interface HoldoutRunView extends PredictionAccuracy {
  id: string;
  ranAt: Date;
  trigger: string;
  holdoutWeeks: number;
  calibrationStart: Date;
  calibrationEnd: Date;
  observationEnd: Date;
  params: Pick<BgNbdFit, "r" | "alpha" | "a" | "b" | "logLikelihood" | "converged">;
  durationMs: number;
}

export interface RunHoldoutOptions {
  weeks?: number;
  config: AnalyticsConfig;
  trigger: string;
  /** Orders after this moment do not exist yet (default: now). */
  now?: Date;
}

const DAY_MS = 86_400_000;

const holdoutRunSelect = {
  id: true,
  ranAt: true,
  trigger: true,
  holdoutWeeks: true,
  calibrationStart: true,
  calibrationEnd: true,
  observationEnd: true,
  customers: true,
  mae: true,
  rmse: true,
  correlation: true,
  predictedTotal: true,
  actualTotal: true,
  deciles: true,
  params: true,
  durationMs: true,
} as const;
const CHUNK = 5_000;

export function assertValidHoldoutWeeks(weeks: number): void {
  if (!Number.isSafeInteger(weeks) || weeks < 1 || weeks > MAX_HOLDOUT_WEEKS) {
    throw new DomainError(
      "BAD_INPUT",
      `The holdout must be a whole number of weeks from 1 to ${MAX_HOLDOUT_WEEKS} (got ${weeks}).`,
      { details: { field: "weeks", weeks } },
    );
  }
}

/** Every counted order of every (unmerged) customer, as the analytics count them. */
async function loadStoreTransactions(
  db: Pick<Database, "prisma">,
  { config, now }: { config: AnalyticsConfig; now: Date },
): Promise<CustomerTransaction[]> {
  const ids = (
    await db.prisma.customer.findMany({
      where: { mergedIntoId: null },
      select: { id: true },
      orderBy: { id: "asc" },
    })
  ).map((customer) => customer.id);
  const transactions: CustomerTransaction[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const byCustomer = await loadAnalyticsOrders(db.prisma, ids.slice(i, i + CHUNK));
    for (const [customerId, orders] of byCustomer) {
      const counted = selectCountedOrders(orders, {
        asOf: now,
        countFullyRefundedOrders: config.countFullyRefundedOrders,
      });
      for (const order of counted) {
        transactions.push({ customerId, at: order.placedAt, amount: netSpendOf(order).toNumber() });
      }
    }
  }
  return transactions;
}

/**
 * Runs the test and stores it. The holdout is the last `weeks` weeks up to the UTC day of the
 * store's latest counted order (so a quiet spell at the end is not scored as everyone leaving).
 */
export async function runHoldout(
  db: Pick<Database, "prisma">,
  { weeks = DEFAULT_HOLDOUT_WEEKS, config, trigger, now = new Date() }: RunHoldoutOptions,
): Promise<HoldoutRunView> {
  assertValidHoldoutWeeks(weeks);
  const started = Date.now();
  const transactions = await loadStoreTransactions(db, { config, now });
  if (transactions.length === 0) {
    throw new DomainError(
      "BAD_INPUT",
      "Too little data for a holdout test: the store has no customer orders yet. Sync or import orders first.",
    );
  }
  const lastAt = transactions.reduce((max, t) => Math.max(max, t.at.getTime()), 0);
  const observationEnd = new Date(Math.floor(lastAt / DAY_MS) * DAY_MS);
  const calibrationEnd = new Date(observationEnd.getTime() - weeks * CLV_PERIOD_DAYS * DAY_MS);
  const evaluation = evaluateHoldout(transactions, {
    calibrationEnd,
    observationEnd,
    periodDays: CLV_PERIOD_DAYS,
    penalizer: MODEL_PENALIZER,
  });
  const { r, alpha, a, b, logLikelihood, converged } = evaluation.params;
  const row = await db.prisma.holdoutRun.create({
    data: {
      trigger,
      holdoutWeeks: weeks,
      calibrationStart: evaluation.calibrationStart,
      calibrationEnd,
      observationEnd,
      customers: evaluation.customers,
      mae: evaluation.mae,
      rmse: evaluation.rmse,
      correlation: evaluation.correlation,
      predictedTotal: evaluation.predictedTotal,
      actualTotal: evaluation.actualTotal,
      deciles: evaluation.deciles as unknown as object,
      params: { r, alpha, a, b, logLikelihood, converged },
      durationMs: Date.now() - started,
    },
    select: holdoutRunSelect,
  });
  return toView(row);
}

/** The most recent run, or null before the first one. */
export async function latestHoldoutRun(
  db: Pick<Database, "prisma">,
): Promise<HoldoutRunView | null> {
  const row = await db.prisma.holdoutRun.findFirst({
    orderBy: { ranAt: "desc" },
    select: holdoutRunSelect,
  });
  return row ? toView(row) : null;
}

function toView(
  row: Omit<HoldoutRunView, "deciles" | "params"> & { deciles: unknown; params: unknown },
): HoldoutRunView {
  return {
    ...row,
    deciles: row.deciles as unknown as AccuracyDecile[],
    params: row.params as unknown as HoldoutRunView["params"],
  };
}
