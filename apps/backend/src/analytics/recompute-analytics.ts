// The analytics runs. Incremental: the customers the merge marked dirty, scored against the stored
// models (fast enough to run after every webhook batch). Full: every customer, with the store-wide
// models refitted (RFM thresholds, BG/NBD, Gamma-Gamma) when asked or when they are missing; the
// time-dependent figures (recency, rolling 90 days, tier) move with the clock, so a full run also
// runs on a schedule. Each run is a JobRun saying what it processed.
import type { Database } from "@greenloop/db";
import {
  type AnalyticsConfig,
  fitBgNbd,
  fitGammaGamma,
  type RfmCustomer,
  rfmThresholdsOf,
  scoreRfm,
} from "@greenloop/order-sync/analytics";
import type { Logger } from "../logger";
import { type AnalyticsModels, loadAnalyticsModels, saveAnalyticsModels } from "./analytics-models";
import {
  type MeasuredCustomer,
  measureCustomer,
  rfmInputOf,
  scoreCustomer,
} from "./customer-analytics";
import { loadAnalyticsOrders } from "./load-analytics-orders";
import { writeCustomerMetrics } from "./write-customer-metrics";

export interface AnalyticsRunOptions {
  config: AnalyticsConfig;
  /** The moment the figures describe; default: now (the database's clock). */
  asOf?: Date;
  trigger?: string;
  logger?: Pick<Logger, "warn" | "info">;
  signal?: AbortSignal;
}

export interface AnalyticsRunResult {
  mode: "incremental" | "full";
  customers: number;
  orders: number;
  /** Whether this run refitted the store-wide models. */
  modelsFitted: boolean;
  models: {
    fittedAt: Date | null;
    bgNbd: { r: number; alpha: number; a: number; b: number } | null;
    gammaGamma: { p: number; q: number; v: number } | null;
  };
  asOf: Date;
  durationMs: number;
}

const CHUNK = 5_000;
/**
 * A light L2 penalty on the model parameters (lifetimes' `penalizer_coef`). Without it a young or
 * small store, where nobody seems to drop out yet, drives BG/NBD's a and b to millions and the
 * predictions' series stop converging; 0.001 barely moves a healthy fit.
 */
const MODEL_PENALIZER = 0.001;

/** Recomputes the customers the merge marked dirty (at most `limit`, oldest first). */
export async function recomputeDirtyCustomers(
  db: Pick<Database, "prisma">,
  options: AnalyticsRunOptions & { limit?: number },
): Promise<AnalyticsRunResult> {
  return recordRun(db, "incremental", options, async (startedAt, asOf) => {
    await forgetMergedCustomers(db);
    const ids = (
      await db.prisma.customer.findMany({
        where: { metricsDirtyAt: { not: null }, mergedIntoId: null },
        select: { id: true },
        orderBy: { metricsDirtyAt: "asc" },
        take: options.limit ?? CHUNK,
      })
    ).map((c) => c.id);
    const models = await loadAnalyticsModels(db);
    const orders = await scoreAndWrite(db, ids, { ...options, asOf, models }, startedAt);
    return { customers: ids.length, orders, modelsFitted: false, models };
  });
}

/** Recomputes every customer; refits the models when `refit` or when there are none yet. */
export async function recomputeAllCustomers(
  db: Pick<Database, "prisma">,
  options: AnalyticsRunOptions & { refit?: boolean },
): Promise<AnalyticsRunResult> {
  return recordRun(db, "full", options, async (startedAt, asOf) => {
    await forgetMergedCustomers(db);
    const ids = (
      await db.prisma.customer.findMany({
        where: { mergedIntoId: null },
        select: { id: true },
        orderBy: { id: "asc" },
      })
    ).map((c) => c.id);
    let models = await loadAnalyticsModels(db);
    const refit = options.refit === true || models.bgNbd === null || models.rfm === null;
    let orders = 0;
    if (refit) {
      const measured: MeasuredCustomer[] = [];
      for (const chunk of chunks(ids)) {
        if (options.signal?.aborted) break;
        const byCustomer = await loadAnalyticsOrders(db.prisma, chunk);
        for (const id of chunk) {
          const list = byCustomer.get(id) ?? [];
          orders += list.length;
          measured.push(measureCustomer(id, list, { asOf, config: options.config }));
        }
      }
      models = { ...fitModels(measured, options.logger), fittedAt: new Date() };
      await saveAnalyticsModels(db, models, measured.length);
      for (let i = 0; i < measured.length; i += CHUNK) {
        const rows = measured
          .slice(i, i + CHUNK)
          .map((m) => scoreCustomer(m, { asOf, config: options.config, models }));
        await db.prisma.$transaction((tx) => writeCustomerMetrics(tx, rows, startedAt));
      }
    } else {
      for (const chunk of chunks(ids)) {
        if (options.signal?.aborted) break;
        orders += await scoreAndWrite(db, chunk, { ...options, asOf, models }, startedAt);
      }
    }
    return { customers: ids.length, orders, modelsFitted: refit, models };
  });
}

async function scoreAndWrite(
  db: Pick<Database, "prisma">,
  ids: string[],
  options: AnalyticsRunOptions & { asOf: Date; models: AnalyticsModels },
  startedAt: Date,
): Promise<number> {
  if (ids.length === 0) return 0;
  const byCustomer = await loadAnalyticsOrders(db.prisma, ids);
  let orders = 0;
  const rows = ids.map((id) => {
    const list = byCustomer.get(id) ?? [];
    orders += list.length;
    const measured = measureCustomer(id, list, { asOf: options.asOf, config: options.config });
    return scoreCustomer(measured, options);
  });
  await db.prisma.$transaction((tx) => writeCustomerMetrics(tx, rows, startedAt));
  return orders;
}

/** RFM thresholds from the population's ranks, BG/NBD on everyone, Gamma-Gamma on repeat buyers. */
export function fitModels(
  measured: readonly MeasuredCustomer[],
  logger?: Pick<Logger, "warn">,
): Omit<AnalyticsModels, "fittedAt"> {
  const population = measured.map(rfmInputOf).filter((c): c is RfmCustomer => c !== null);
  const rfm = population.length > 0 ? rfmThresholdsOf(population, scoreRfm(population)) : null;
  const summaries = measured.flatMap((m) => (m.clv ? [m.clv] : []));
  let bgNbd: AnalyticsModels["bgNbd"] = null;
  let gammaGamma: AnalyticsModels["gammaGamma"] = null;
  try {
    const fit = fitBgNbd(summaries, { penalizer: MODEL_PENALIZER });
    bgNbd = {
      r: fit.r,
      alpha: fit.alpha,
      a: fit.a,
      b: fit.b,
      logLikelihood: fit.logLikelihood,
      converged: fit.converged,
    };
  } catch (error) {
    logger?.warn({ err: error, customers: summaries.length }, "BG/NBD not fitted");
  }
  try {
    const repeat = summaries.filter((s) => s.frequency > 0 && s.monetaryValue > 0);
    const fit = fitGammaGamma(repeat, { penalizer: MODEL_PENALIZER });
    gammaGamma = {
      p: fit.p,
      q: fit.q,
      v: fit.v,
      logLikelihood: fit.logLikelihood,
      converged: fit.converged,
    };
  } catch (error) {
    logger?.warn({ err: error }, "Gamma-Gamma not fitted");
  }
  return { rfm, bgNbd, gammaGamma };
}

/** A customer merged into another has no metrics of its own any more. */
async function forgetMergedCustomers(db: Pick<Database, "prisma">): Promise<void> {
  await db.prisma.$executeRawUnsafe(
    `DELETE FROM "CustomerMetrics" m USING "Customer" c
      WHERE c.id = m."customerId" AND c."mergedIntoId" IS NOT NULL`,
  );
  await db.prisma.$executeRawUnsafe(
    `UPDATE "Customer" SET "metricsDirtyAt" = NULL
      WHERE "mergedIntoId" IS NOT NULL AND "metricsDirtyAt" IS NOT NULL`,
  );
}

function* chunks(ids: string[]): Generator<string[]> {
  for (let i = 0; i < ids.length; i += CHUNK) yield ids.slice(i, i + CHUNK);
}

async function recordRun(
  db: Pick<Database, "prisma">,
  mode: AnalyticsRunResult["mode"],
  options: AnalyticsRunOptions,
  work: (
    startedAt: Date,
    asOf: Date,
  ) => Promise<
    Pick<AnalyticsRunResult, "customers" | "orders" | "modelsFitted"> & { models: AnalyticsModels }
  >,
): Promise<AnalyticsRunResult> {
  const started = performance.now();
  const [{ now }] = (await db.prisma.$queryRawUnsafe<Array<{ now: Date }>>(
    "SELECT now() AS now",
  )) as [{ now: Date }];
  const asOf = options.asOf ?? now;
  const previous = await db.prisma.jobRun.findFirst({
    where: { job: "analytics", status: "SUCCEEDED" },
    orderBy: { startedAt: "desc" },
    select: { startedAt: true },
  });
  const run = await db.prisma.jobRun.create({
    data: { job: "analytics", trigger: options.trigger ?? "manual" },
    select: { id: true },
  });
  try {
    const outcome = await work(now, asOf);
    const result: AnalyticsRunResult = {
      mode,
      customers: outcome.customers,
      orders: outcome.orders,
      modelsFitted: outcome.modelsFitted,
      models: {
        fittedAt: outcome.models.fittedAt,
        bgNbd: outcome.models.bgNbd
          ? {
              r: outcome.models.bgNbd.r,
              alpha: outcome.models.bgNbd.alpha,
              a: outcome.models.bgNbd.a,
              b: outcome.models.bgNbd.b,
            }
          : null,
        gammaGamma: outcome.models.gammaGamma
          ? {
              p: outcome.models.gammaGamma.p,
              q: outcome.models.gammaGamma.q,
              v: outcome.models.gammaGamma.v,
            }
          : null,
      },
      asOf,
      durationMs: Math.round(performance.now() - started),
    };
    await db.prisma.jobRun.update({
      where: { id: run.id },
      data: {
        status: "SUCCEEDED",
        finishedAt: new Date(),
        records: result.customers,
        details: {
          mode,
          customers: result.customers,
          orders: result.orders,
          modelsFitted: result.modelsFitted,
          asOf: asOf.toISOString(),
          sincePreviousRun: previous?.startedAt.toISOString() ?? null,
        },
      },
    });
    return result;
  } catch (error) {
    await db.prisma.jobRun.update({
      where: { id: run.id },
      data: { status: "FAILED", finishedAt: new Date(), error: String(error).slice(0, 2_000) },
    });
    throw error;
  }
}
