// The analytics runs. Incremental: the customers the merge marked dirty, scored against the stored
// models (fast enough to run after every webhook batch). Full: every customer, with the store-wide
// models refitted (RFM thresholds, BG/NBD, Gamma-Gamma) when asked or when they are missing; the
// time-dependent figures (recency, rolling 90 days, tier) move with the clock, so a full run also
// runs on a schedule. Each run is a JobRun saying what it processed.
import type { Database } from "@greenloop/db";
import {
  type AnalyticsConfig,
  type CustomerOrderSummary,
  emptyCustomerOrderSummary,
  fitBgNbd,
  fitGammaGamma,
  type RfmCustomer,
  rfmThresholdsOf,
  scoreRfm,
} from "@greenloop/order-sync/analytics";
import type { Logger } from "../logger";
import { reportAnalyticsFinished } from "../telemetry/pipeline-events";
import { type AnalyticsModels, loadAnalyticsModels, saveAnalyticsModels } from "./analytics-models";
import {
  type ClvCache,
  type CustomerAnalytics,
  type MeasuredCustomer,
  measureCustomerSummary,
  rfmInputOf,
  scoreCustomer,
} from "./customer-analytics";
import {
  catalogFingerprint,
  findStaleFavourites,
  staleFavouritesAmong,
  storedFavouritesFingerprints,
} from "./favourites-fingerprint";
import { type CustomerFavourites, loadCustomerFavourites } from "./load-customer-favourites";
import {
  type LoadedSummaries,
  loadCustomerSummaries,
  loadEveryCustomerSummary,
} from "./load-customer-summaries";
import { measureStorePredictionFacts, saveStorePredictionFacts } from "./prediction-gates";
import { writeCustomerMetrics } from "./write-customer-metrics";

export interface AnalyticsRunOptions {
  config: AnalyticsConfig;
  /** The moment the figures describe; default: now (the database's clock). */
  asOf?: Date;
  trigger?: string;
  logger?: Pick<Logger, "warn" | "info">;
  signal?: AbortSignal;
  /**
   * The clock the run's `JobRun` is stamped with: the server's (`startBackend`'s `now`), which the
   * Sync health page measures "last run … ago" on. Default: the database's.
   */
  now?: () => Date;
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

/** What the runs use: Prisma, and bulk sessions for writing the metrics. */
export type AnalyticsDatabase = Pick<Database, "prisma" | "bulkTransaction">;

const CHUNK = 5_000;
/**
 * A light L2 penalty on the model parameters (lifetimes' `penalizer_coef`). Without it a young or
 * small store, where nobody seems to drop out yet, drives BG/NBD's a and b to millions and the
 * predictions' series stop converging; 0.001 barely moves a healthy fit.
 */
export const MODEL_PENALIZER = 0.001;
const FIT_SAMPLE = 10_000;
/**
 * A full run's passes over the orders, run at once on as many connections: a pass is one backend
 * process, and the database server has more than one core (two here; more would leave Node's own
 * work, which follows, no core).
 */
const SUMMARY_PASSES = 2;
/** Customers scored between two turns of the event loop (a few milliseconds' work). */
const SCORE_SLICE = 250;

/** Recomputes the customers the merge marked dirty (at most `limit`, oldest first). */
export async function recomputeDirtyCustomers(
  db: AnalyticsDatabase,
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
  db: AnalyticsDatabase,
  options: AnalyticsRunOptions & {
    refit?: boolean;
    /** Customers per batch (default 5,000); small in tests, so they cover several batches. */
    chunkSize?: number;
  },
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
    const cache: ClvCache = new Map();
    const writer = pipelinedWriter(db, startedAt, options.config.loyaltyTiers);
    const measureOptions = { asOf, config: options.config };
    const chunkSize = options.chunkSize ?? CHUNK;
    const catalog = await catalogFingerprint(db);
    // Every customer's summary in SUMMARY_PASSES passes over the orders, at once; the same passes
    // tell whose favourites to sum again.
    const everyone = loadEveryCustomerSummary(db.prisma, ids, {
      ...measureOptions,
      parts: SUMMARY_PASSES,
    });
    everyone.catch(() => {});
    const staleFavourites = Promise.all([everyone, storedFavouritesFingerprints(db)]).then(
      ([{ countedOrderLines }, stored]) =>
        staleFavouritesAmong(ids, countedOrderLines, stored, {
          ...favouritesSelection(options.config, asOf),
          catalog,
        }),
    );
    staleFavourites.catch(() => {});
    // A scheduled run finds few stale customers (those whose orders changed): their favourites in
    // one query, not one per chunk that each chunk would wait for. Many (a catalog rename, the
    // first run) are summed chunk by chunk, so their sums are never all held at once.
    const favourites = staleFavourites.then((stale) =>
      stale.size <= chunkSize
        ? loadCustomerFavourites(db, [...stale.keys()], favouritesSelection(options.config, asOf))
        : undefined,
    );
    favourites.catch(() => {});
    const loadOptions = {
      ...measureOptions,
      staleFavourites,
      summaries: everyone,
      favourites,
      chunkSize,
    };
    if (refit) {
      const measured: MeasuredCustomer[] = [];
      const refreshed = new Map<string, string>();
      await eachChunkLoaded(db, ids, loadOptions, options.signal, (chunk, loaded) => {
        for (const [id, fingerprint] of loaded.refreshed) refreshed.set(id, fingerprint);
        for (const id of chunk) measured.push(measureLoaded(id, loaded, measureOptions));
      });
      if (options.signal?.aborted) {
        return {
          customers: measured.length,
          orders: (await everyone).orders,
          modelsFitted: false,
          models,
        };
      }
      models = { ...fitModels(measured, options.logger), fittedAt: new Date() };
      await saveAnalyticsModels(db, models, measured.length);
      const scoreOptions = { asOf, config: options.config, models, cache };
      for (let i = 0; i < measured.length; i += chunkSize) {
        const scored = await scoreInSlices(measured.slice(i, i + chunkSize), scoreOptions);
        await writer.write(scored, refreshed);
      }
    } else {
      await eachChunkLoaded(db, ids, loadOptions, options.signal, async (chunk, loaded) => {
        const measured = chunk.map((id) => measureLoaded(id, loaded, measureOptions));
        const scored = await scoreInSlices(measured, {
          asOf,
          config: options.config,
          models,
          cache,
        });
        await writer.write(scored, loaded.refreshed);
      });
    }
    await writer.flush();
    const { orders } = await everyone;
    if (!options.signal?.aborted) {
      // The prediction gates' figures, from the metrics just written (every customer's).
      await saveStorePredictionFacts(
        db,
        await measureStorePredictionFacts(db, { asOf, config: options.config }),
      );
    }
    return { customers: ids.length, orders, modelsFitted: refit, models };
  });
}

async function scoreAndWrite(
  db: AnalyticsDatabase,
  ids: string[],
  options: AnalyticsRunOptions & { asOf: Date; models: AnalyticsModels },
  startedAt: Date,
): Promise<number> {
  if (ids.length === 0) return 0;
  const measureOptions = { asOf: options.asOf, config: options.config };
  const selection = {
    ...favouritesSelection(options.config, options.asOf),
    catalog: await catalogFingerprint(db),
  };
  const summaries = loadCustomerSummaries(db.prisma, ids, measureOptions);
  const loaded = await loadChunk(db, ids, {
    ...measureOptions,
    staleFavourites: findStaleFavourites(db, ids, selection),
    summaries,
  });
  const rows = ids.map((id) => scoreCustomer(measureLoaded(id, loaded, measureOptions), options));
  await db.bulkTransaction((session) =>
    writeCustomerMetrics(session, rows, startedAt, options.config.loyaltyTiers, loaded.refreshed),
  );
  return (await summaries).orders;
}

/** RFM thresholds from the population's ranks, BG/NBD on everyone, Gamma-Gamma on repeat buyers. */
export function fitModels(
  measured: readonly MeasuredCustomer[],
  logger?: Pick<Logger, "warn">,
): Omit<AnalyticsModels, "fittedAt"> {
  const population = measured.map(rfmInputOf).filter((c): c is RfmCustomer => c !== null);
  const rfm = population.length > 0 ? rfmThresholdsOf(population, scoreRfm(population)) : null;
  // The models are store-wide parameters: a systematic sample of up to FIT_SAMPLE customers (in id
  // order, so the same store gives the same sample) fits them as well as everyone, much faster.
  const all = measured.flatMap((m) => (m.clv ? [m.clv] : []));
  const step = Math.max(1, Math.ceil(all.length / FIT_SAMPLE));
  const summaries = all.filter((_, index) => index % step === 0);
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

/**
 * A customer merged into another has no metrics of its own any more: the merge marks it dirty,
 * and this drops its row (one statement, through the dirty index: no scan of all metrics).
 */
async function forgetMergedCustomers(db: Pick<Database, "prisma">): Promise<void> {
  await db.prisma.$executeRawUnsafe(
    `WITH gone AS (
       UPDATE "Customer" SET "metricsDirtyAt" = NULL
        WHERE "metricsDirtyAt" IS NOT NULL AND "mergedIntoId" IS NOT NULL
       RETURNING id)
     DELETE FROM "CustomerMetrics" WHERE "customerId" IN (SELECT id FROM gone)`,
  );
}

interface LoadedChunk {
  /** The summaries of the customers' counted orders (absent: none counted), or more customers'. */
  summaries: Map<string, CustomerOrderSummary>;
  /** The favourites summed again: the customers in `refreshed` that have counted lines. */
  favourites: Map<string, CustomerFavourites>;
  /**
   * The customers whose favourites were out of date and were summed again, with the fingerprint
   * of what they were summed from; the others keep their stored favourites.
   */
  refreshed: Map<string, string>;
}

interface LoadOptions {
  asOf: Date;
  config: AnalyticsConfig;
  /** findStaleFavourites over (at least) the customers loaded. */
  staleFavourites: Promise<Map<string, string>>;
  /** loadCustomerSummaries over (at least) the customers loaded. */
  summaries: Promise<LoadedSummaries>;
  /** Customers per chunk (default CHUNK). */
  chunkSize?: number;
  /** The stale customers' favourites when loaded at once; otherwise each chunk loads its own. */
  favourites?: Promise<Map<string, CustomerFavourites> | undefined>;
}

function favouritesSelection(config: AnalyticsConfig, asOf: Date) {
  return {
    asOf,
    countFullyRefundedOrders: config.countFullyRefundedOrders,
    limit: config.favouritesLimit,
  };
}

/**
 * The customers' summaries (loaded before) and, on a second connection, the favourites of those
 * whose favourites are out of date (favourites-fingerprint.ts).
 */
async function loadChunk(
  db: Pick<Database, "prisma">,
  ids: string[],
  { asOf, config, staleFavourites, summaries, favourites: preloaded }: LoadOptions,
): Promise<LoadedChunk> {
  const selection = favouritesSelection(config, asOf);
  const [loaded, favourites] = await Promise.all([
    summaries,
    staleFavourites.then(async (stale) => {
      const refreshed = new Map<string, string>();
      for (const id of ids) {
        const fingerprint = stale.get(id);
        if (fingerprint !== undefined) refreshed.set(id, fingerprint);
      }
      const byCustomer =
        (await preloaded) ?? (await loadCustomerFavourites(db, [...refreshed.keys()], selection));
      return { refreshed, byCustomer };
    }),
  ]);
  return {
    summaries: loaded.summaries,
    favourites: favourites.byCustomer,
    refreshed: favourites.refreshed,
  };
}

/** One loaded customer's metrics and CLV summary. */
function measureLoaded(
  id: string,
  loaded: LoadedChunk,
  options: { asOf: Date; config: AnalyticsConfig },
): MeasuredCustomer {
  return measureCustomerSummary(id, loaded.summaries.get(id) ?? emptyCustomerOrderSummary, {
    ...options,
    favourites: loaded.favourites.get(id),
  });
}

/**
 * Loads chunk i+1's orders while chunk i is computed: on two cores the database and Node work at
 * the same time instead of taking turns.
 */
async function eachChunkLoaded(
  db: Pick<Database, "prisma">,
  ids: string[],
  options: LoadOptions,
  signal: AbortSignal | undefined,
  handle: (chunk: string[], loaded: LoadedChunk) => unknown,
): Promise<void> {
  const chunks: string[][] = [];
  const size = options.chunkSize ?? CHUNK;
  for (let i = 0; i < ids.length; i += size) chunks.push(ids.slice(i, i + size));
  let next = chunks[0] ? loadChunk(db, chunks[0], options) : null;
  for (let i = 0; i < chunks.length && next; i++) {
    const loaded = await next;
    const following = chunks[i + 1];
    next = following && !signal?.aborted ? loadChunk(db, following, options) : null;
    await handle(chunks[i] as string[], loaded);
  }
}

/**
 * Scores customers a slice at a time, giving the event loop a turn between slices. The previous
 * batch's write is a chain of statements, each waiting on the database: a 5,000-customer loop
 * without a turn (≈ 130 ms at 100,000 customers) held each of them up, and the writes, not the
 * scoring, set the pace (5.2 s against 6.7 s for scoring and writing 100,000 customers;
 * BENCHMARKS.md, issue 19).
 */
async function scoreInSlices(
  measured: readonly MeasuredCustomer[],
  options: Parameters<typeof scoreCustomer>[1],
): Promise<CustomerAnalytics[]> {
  const scored: CustomerAnalytics[] = [];
  for (let start = 0; start < measured.length; start += SCORE_SLICE) {
    if (start > 0) await new Promise((resolve) => setImmediate(resolve));
    for (const customer of measured.slice(start, start + SCORE_SLICE)) {
      scored.push(scoreCustomer(customer, options));
    }
  }
  return scored;
}

/** Writes batch i while batch i+1 is being computed; at most one write in flight. */
function pipelinedWriter(
  db: AnalyticsDatabase,
  startedAt: Date,
  tiers: AnalyticsConfig["loyaltyTiers"],
) {
  let inFlight: Promise<unknown> = Promise.resolve();
  return {
    async write(
      rows: CustomerAnalytics[],
      refreshedFavourites: ReadonlyMap<string, string>,
    ): Promise<void> {
      await inFlight;
      inFlight = db.bulkTransaction((session) =>
        writeCustomerMetrics(session, rows, startedAt, tiers, refreshedFavourites),
      );
      // Surface a failure at the next write or flush, not as an unhandled rejection.
      inFlight.catch(() => {});
    },
    flush: () => inFlight,
  };
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
  // The database's clock marks what this run covers (customers dirtied before it, in the same
  // clock as `metricsDirtyAt`); the run's own stamps are the server's clock when it has one.
  const [{ now }] = (await db.prisma.$queryRawUnsafe<Array<{ now: Date }>>(
    "SELECT now() AS now",
  )) as [{ now: Date }];
  const asOf = options.asOf ?? now;
  const trigger = options.trigger ?? "manual";
  const runStartedAt = options.now?.() ?? now;
  // A full run is visible as RUNNING while it works; incremental runs (after every webhook batch)
  // are recorded once, when they did something, so the table does not fill with empty runs.
  const running =
    mode === "full"
      ? await db.prisma.jobRun.create({
          data: { job: "analytics", trigger, startedAt: runStartedAt },
          select: { id: true },
        })
      : null;
  try {
    const outcome = await work(now, asOf);
    const result = summarize(mode, outcome, asOf, started);
    if (running || result.customers > 0) {
      await db.prisma.$queryRawUnsafe(
        `INSERT INTO "JobRun" (id, job, trigger, status, "startedAt", "finishedAt", records, details)
         VALUES (coalesce($1::uuid, gen_random_uuid()), 'analytics', $2, 'SUCCEEDED', $3,
                 coalesce($6::timestamptz, now()), $4,
                 $5::jsonb || jsonb_build_object('sincePreviousRun',
                   (SELECT max("startedAt") FROM "JobRun" WHERE job = 'analytics'
                       AND status = 'SUCCEEDED' AND "startedAt" < $3)))
         ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, "finishedAt" = EXCLUDED."finishedAt",
           records = EXCLUDED.records, details = EXCLUDED.details`,
        running?.id ?? null,
        trigger,
        runStartedAt,
        result.customers,
        JSON.stringify({
          mode,
          customers: result.customers,
          orders: result.orders,
          modelsFitted: result.modelsFitted,
          asOf: asOf.toISOString(),
        }),
        options.now?.() ?? null,
      );
      // Only runs that did something: every incremental catch-up ends with an empty one.
      reportAnalyticsFinished({ mode, seconds: result.durationMs / 1000 });
    }
    return result;
  } catch (error) {
    await db.prisma.jobRun.upsert({
      where: { id: running?.id ?? "00000000-0000-0000-0000-000000000000" },
      create: {
        job: "analytics",
        trigger,
        startedAt: runStartedAt,
        status: "FAILED",
        finishedAt: options.now?.() ?? new Date(),
        error: String(error).slice(0, 2_000),
      },
      update: {
        status: "FAILED",
        finishedAt: options.now?.() ?? new Date(),
        error: String(error).slice(0, 2_000),
      },
    });
    throw error;
  }
}

function summarize(
  mode: AnalyticsRunResult["mode"],
  outcome: Pick<AnalyticsRunResult, "customers" | "orders" | "modelsFitted"> & {
    models: AnalyticsModels;
  },
  asOf: Date,
  started: number,
): AnalyticsRunResult {
  const { bgNbd, gammaGamma, fittedAt } = outcome.models;
  return {
    mode,
    customers: outcome.customers,
    orders: outcome.orders,
    modelsFitted: outcome.modelsFitted,
    models: {
      fittedAt,
      bgNbd: bgNbd ? { r: bgNbd.r, alpha: bgNbd.alpha, a: bgNbd.a, b: bgNbd.b } : null,
      gammaGamma: gammaGamma ? { p: gammaGamma.p, q: gammaGamma.q, v: gammaGamma.v } : null,
    },
    asOf,
    durationMs: Math.round(performance.now() - started),
  };
}
