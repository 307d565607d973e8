// The analytics at store scale: a full recompute (metrics for every customer, RFM thresholds,
// BG/NBD and Gamma-Gamma refitted) over 100,000 customers and 1,000,000 orders, and the
// incremental recompute of one dirty customer, against the naive way (per customer: a Prisma
// findMany of their orders, compute, a Prisma upsert) in the same run. The figures go to stdout as
// `analytics-bench {…}` lines (BENCHMARKS.md keeps them); each measurement runs once and is cached
// because tinybench calls a task more than once. PostgreSQL when DATABASE_URL is set, else PGlite.
// ANALYTICS_BENCH_CUSTOMERS / ANALYTICS_BENCH_ORDERS shrink it for a quick look. The cost of
// products (issue 22: at most 20% more): the full recompute runs first on orders without lines
// (a store without a catalog), then again after every order got its lines and the catalog its
// products, categories and brands (every customer's favourites summed: the first run after an
// upgrade or a catalog rename), then once more after the sales of `changedShare` of the customers
// changed (a scheduled run: favourites summed again only for them, favourites-fingerprint.ts);
// `overheadPercent` compares each with the run without lines. The floor (issue 19): what
// PostgreSQL itself needs for the part of the work SQL can do, one statement that aggregates every
// customer's counted orders and upserts the metrics that are plain aggregates (counts, spend,
// first and last order, 90-day figures, days since the last order, online share) into
// CustomerMetrics; no RFM, no model fit, no predictions (those have no SQL equivalent). Run
// before each of the runs without lines, on the same tables in the same state (it reads no lines).
import type { Database } from "@greenloop/db";
import { openTestDatabase, testDatabaseKind } from "@greenloop/db/testing";
import { defaultAnalyticsConfig } from "@greenloop/order-sync/analytics";
import Decimal from "decimal.js";
import { bench, describe } from "vitest";
import { loadAnalyticsModels } from "./analytics-models";
import { measureCustomer, scoreCustomer } from "./customer-analytics";
import { recomputeAllCustomers, recomputeDirtyCustomers } from "./recompute-analytics";
import { seedBenchOrderLines } from "./testing/seed-bench-order-lines";

const customers = Number(process.env.ANALYTICS_BENCH_CUSTOMERS ?? 100_000);
const orders = Number(process.env.ANALYTICS_BENCH_ORDERS ?? 1_000_000);
const naiveSample = 1_000;
const incrementalRuns = 50;
/** The customers whose orders change between two scheduled full runs (a busy day's share). */
const changedShare = 0.02;
/** Runs per compared figure (the median is reported). */
const repeats = Number(process.env.ANALYTICS_BENCH_REPEATS ?? 3);
const config = defaultAnalyticsConfig;
const asOf = new Date("2026-11-01T00:00:00Z");

/** Customers and orders straight in SQL (seeded random): two years of history, a few hot buyers. */
async function seed(db: Database): Promise<void> {
  await db.prisma.$executeRawUnsafe(`SELECT setseed(0.42)`);
  await db.prisma.$executeRawUnsafe(
    `INSERT INTO "Customer" (id, "displayName")
     SELECT gen_random_uuid(), 'Customer ' || n FROM generate_series(1, $1::int) AS n`,
    customers,
  );
  await db.prisma.$executeRawUnsafe(
    `WITH c AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM "Customer"),
          o AS (SELECT g, 1 + floor(power(random(), 1.6) * $1::int)::int AS n,
                       random() < 0.25 AS online, random() * 730 AS age_days,
                       round((10 + random() * 140)::numeric, 2) AS total, random() > 0.02 AS counts
                  FROM generate_series(1, $2::int) AS g)
     INSERT INTO "Order" (key, "customerId", source, channel, status, "placedAt", total,
                          "refundedTotal", "countsInAnalytics")
     SELECT 'bench:' || o.g, c.id, CASE WHEN o.online THEN 'ecom_synced' ELSE 'retail' END,
            (CASE WHEN o.online THEN 'ECOM' ELSE 'RETAIL' END)::"OrderChannel",
            'COMPLETED'::"OrderStatus", $3::timestamptz - make_interval(days => 0) - (o.age_days * interval '1 day'),
            o.total, 0, o.counts
       FROM o JOIN c ON c.n = o.n`,
    customers,
    orders,
    asOf,
  );
  // A live database has planner statistics (autovacuum); a freshly bulk-loaded one does not yet.
  await db.prisma.$executeRawUnsafe(`ANALYZE "Customer", "Order"`);
}

interface Figures {
  database: string;
  approach: string;
  customers: number;
  orders: number;
  ms: number;
  customersPerSecond?: number;
  medianMs?: number;
  /** Each run's time when the figure is a median of several. */
  runsMs?: number[];
  lines?: number;
  /** Customers whose favourites the run summed again. */
  favouritesSummed?: number;
  overheadPercent?: number;
  /** This run's time over the floor's (the same store, the same run). */
  vsFloor?: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** The floor: one INSERT … SELECT … GROUP BY … ON CONFLICT of the plain aggregate metrics. */
async function floorStatement(db: Database): Promise<number> {
  const started = performance.now();
  await db.prisma.$executeRawUnsafe(
    `INSERT INTO "CustomerMetrics" ("customerId", "orderCount", "ecomOrderCount", "retailOrderCount",
       "totalSpend", "averageOrderValue", "spend90d", "orders90d", "firstOrderAt", "lastOrderAt",
       "meanDaysBetweenOrders", "daysSinceLastOrder", "onlineShare", "favouriteProducts",
       "favouriteCategories", "asOf", "computedAt")
     SELECT c.id, count(o.id), count(o.id) FILTER (WHERE o.channel = 'ECOM'),
            count(o.id) FILTER (WHERE o.channel = 'RETAIL'),
            coalesce(sum(o.total - o."refundedTotal"), 0),
            coalesce(avg(o.total - o."refundedTotal"), 0),
            coalesce(sum(o.total - o."refundedTotal")
                       FILTER (WHERE o."placedAt" > $1::timestamptz - interval '90 days'), 0),
            count(o.id) FILTER (WHERE o."placedAt" > $1::timestamptz - interval '90 days'),
            min(o."placedAt"), max(o."placedAt"),
            CASE WHEN count(o.id) > 1
                 THEN extract(epoch FROM max(o."placedAt") - min(o."placedAt")) / 86400
                      / (count(o.id) - 1) END,
            floor(extract(epoch FROM $1::timestamptz - max(o."placedAt")) / 86400)::int,
            (count(o.id) FILTER (WHERE o.channel = 'ECOM'))::float8 / nullif(count(o.id), 0),
            '{}', '{}', $1::timestamptz, now()
       FROM "Customer" c
       LEFT JOIN "Order" o ON o."customerId" = c.id AND o."countsInAnalytics"
        AND o."placedAt" <= $1::timestamptz
        AND NOT (o."refundedTotal" > 0 AND o."refundedTotal" >= o.total)
      WHERE c."mergedIntoId" IS NULL
      GROUP BY c.id
     ON CONFLICT ("customerId") DO UPDATE SET
       "orderCount" = EXCLUDED."orderCount", "ecomOrderCount" = EXCLUDED."ecomOrderCount",
       "retailOrderCount" = EXCLUDED."retailOrderCount", "totalSpend" = EXCLUDED."totalSpend",
       "averageOrderValue" = EXCLUDED."averageOrderValue", "spend90d" = EXCLUDED."spend90d",
       "orders90d" = EXCLUDED."orders90d", "firstOrderAt" = EXCLUDED."firstOrderAt",
       "lastOrderAt" = EXCLUDED."lastOrderAt",
       "meanDaysBetweenOrders" = EXCLUDED."meanDaysBetweenOrders",
       "daysSinceLastOrder" = EXCLUDED."daysSinceLastOrder", "onlineShare" = EXCLUDED."onlineShare",
       "asOf" = EXCLUDED."asOf", "computedAt" = EXCLUDED."computedAt"`,
    asOf,
  );
  return performance.now() - started;
}

const cache = new Map<string, Promise<Figures[]>>();
function once(key: string, run: () => Promise<Figures[]>): Promise<Figures[]> {
  let result = cache.get(key);
  if (!result) {
    result = run().then((figures) => {
      for (const f of figures) process.stdout.write(`\nanalytics-bench ${JSON.stringify(f)}\n`);
      return figures;
    });
    cache.set(key, result);
  }
  return result;
}

async function measureAll(): Promise<Figures[]> {
  const db = await openTestDatabase();
  try {
    await seed(db);
    const figures: Figures[] = [];
    /** Full runs with model fit, each after `prepare`; the figure is their median. */
    const fullRuns = async (
      approach: string,
      runs: number,
      prepare: (run: number) => Promise<Partial<Figures>>,
    ): Promise<number> => {
      const times: number[] = [];
      let figure: Figures | undefined;
      for (let run = 0; run < runs; run++) {
        const extra = await prepare(run);
        const started = performance.now();
        const full = await recomputeAllCustomers(db, { config, asOf, refit: true });
        times.push(performance.now() - started);
        figure = {
          database: testDatabaseKind,
          approach,
          customers: full.customers,
          orders: full.orders,
          ms: 0,
          ...extra,
        };
      }
      const ms = median(times);
      figures.push({
        ...(figure as Figures),
        ms: Math.round(ms),
        runsMs: times.map(Math.round),
        customersPerSecond: Math.round((figure as Figures).customers / (ms / 1000)),
      });
      return ms;
    };
    // Like for like: the compared runs all rewrite existing metrics rows (a first run only
    // inserts them), each on freshly analysed tables, as autovacuum leaves a live database; the
    // compared figures are medians of `repeats` runs (single runs on a shared machine vary 10%).
    const analyse = (tables: string) => db.prisma.$executeRawUnsafe(`VACUUM ANALYZE ${tables}`);
    await fullRuns(
      "first full recompute, orders without lines (writes every row new)",
      1,
      async () => ({}),
    );
    // The floor, as often, alternating with our runs: the same orders, the tables in the same
    // state (each rewrites every metrics row; the table's fill factor keeps that from bloating
    // it). Measured last, after the lines were seeded, as it was before, it read an orders table
    // in which every order had been rewritten with its linesVersion.
    const floorTimes: number[] = [];
    const withoutProductsMs = await fullRuns(
      "full recompute with model fit, orders without lines",
      repeats,
      async () => {
        await analyse(`"CustomerMetrics"`);
        floorTimes.push(await floorStatement(db));
        await analyse(`"CustomerMetrics"`);
        return {};
      },
    );
    const withoutProductsFigure = figures[figures.length - 1] as Figures;
    const floorMs = median(floorTimes);
    figures.push({
      database: testDatabaseKind,
      approach: "floor: one SQL statement upserting the plain aggregate metrics",
      customers,
      orders,
      ms: Math.round(floorMs),
      runsMs: floorTimes.map(Math.round),
      customersPerSecond: Math.round(customers / (floorMs / 1000)),
    });
    withoutProductsFigure.vsFloor = Number((withoutProductsMs / floorMs).toFixed(2));
    const lines = await seedBenchOrderLines(db, "bench:");
    const overhead = (ms: number) => Math.round((ms / withoutProductsMs - 1) * 1000) / 10;
    const everyMs = await fullRuns(
      "full recompute with model fit, every customer's favourites summed",
      1,
      async () => {
        await analyse(`"CustomerMetrics", "Order", "RetailSale", "EcomOrder", "EcomOrderItem",
                       "RetailProduct", "RetailProductCategory", "RetailBrand"`);
        return { lines };
      },
    );
    (figures[figures.length - 1] as Figures).overheadPercent = overhead(everyMs);
    const withProductsMs = await fullRuns(
      "full recompute with model fit (ours), favourites summed for the changed customers",
      repeats,
      async (run) => {
        // A new version of one sale of each changed customer (a different share each run), and
        // its order's linesVersion as the merge then keeps it: their fingerprint moves.
        const changed = await db.prisma.$executeRawUnsafe(
          `WITH pick AS (
             SELECT DISTINCT ON (o."customerId") o."retailSaleId"
               FROM "Order" o
              WHERE o."retailSaleId" IS NOT NULL
                AND abs(hashtext(o."customerId"::text)) % 10000 >= $1::int
                AND abs(hashtext(o."customerId"::text)) % 10000 < $2::int
              ORDER BY o."customerId", o."retailSaleId"),
           bumped AS (
             UPDATE "RetailSale" s SET version = s.version + 1
               FROM pick WHERE s.id = pick."retailSaleId"
             RETURNING s.id, s.version)
           UPDATE "Order" o SET "linesVersion" = 's' || bumped.version
             FROM bumped WHERE o."retailSaleId" = bumped.id`,
          Math.round(run * changedShare * 10_000),
          Math.round((run + 1) * changedShare * 10_000),
        );
        await analyse(`"CustomerMetrics", "RetailSale", "Order"`);
        return { lines, favouritesSummed: changed };
      },
    );
    (figures[figures.length - 1] as Figures).overheadPercent = overhead(withProductsMs);

    // Incremental: one customer (with a typical history) marked dirty, recomputed, many times.
    const [{ id }] = (await db.prisma.$queryRawUnsafe<Array<{ id: string }>>(
      `SELECT "customerId"::text AS id FROM "Order" GROUP BY "customerId"
        ORDER BY count(*) DESC OFFSET $1 LIMIT 1`,
      Math.floor(customers / 10),
    )) as [{ id: string }];
    const times: number[] = [];
    for (let i = 0; i < incrementalRuns; i++) {
      await db.prisma.customer.update({ where: { id }, data: { metricsDirtyAt: new Date(0) } });
      const t = performance.now();
      const run = await recomputeDirtyCustomers(db, { config, asOf });
      times.push(performance.now() - t);
      if (run.customers !== 1) throw new Error(`expected one dirty customer, got ${run.customers}`);
    }
    figures.push({
      database: testDatabaseKind,
      approach: "incremental, one dirty customer (ours)",
      customers: 1,
      orders: await db.prisma.order.count({ where: { customerId: id } }),
      ms: Math.round(times.reduce((s, t) => s + t, 0)),
      medianMs: Number(median(times).toFixed(1)),
    });

    // Naive: per customer, Prisma calls, on a sample (at its rate the full store takes long).
    const models = await loadAnalyticsModels(db);
    const sample = await db.prisma.customer.findMany({ select: { id: true }, take: naiveSample });
    const naiveStarted = performance.now();
    let naiveOrders = 0;
    for (const { id: customerId } of sample) {
      const rows = await db.prisma.order.findMany({ where: { customerId } });
      naiveOrders += rows.length;
      const measured = measureCustomer(
        customerId,
        rows.map((o) => ({
          id: o.id,
          placedAt: o.placedAt,
          total: new Decimal(o.total.toString()),
          refundedTotal: new Decimal(o.refundedTotal.toString()),
          channel: o.channel,
          countsInAnalytics: o.countsInAnalytics,
        })),
        { asOf, config },
      );
      const scored = scoreCustomer(measured, { asOf, config, models });
      const data = {
        orderCount: scored.metrics.orderCount,
        ecomOrderCount: scored.metrics.ecomOrderCount,
        retailOrderCount: scored.metrics.retailOrderCount,
        totalSpend: scored.metrics.totalSpend.toString(),
        averageOrderValue: (scored.metrics.averageOrderValue ?? 0).toString(),
        spend90d: scored.metrics.spend90d.toString(),
        orders90d: scored.metrics.orders90d,
        lastOrderAt: scored.metrics.lastOrderAt,
        tier: scored.metrics.tier,
        rfmSegment: scored.rfmSegment,
        probabilityAlive: scored.probabilityAlive,
      };
      await db.prisma.customerMetrics.upsert({
        where: { customerId },
        create: { customerId, ...data },
        update: data,
      });
    }
    const naiveMs = performance.now() - naiveStarted;
    figures.push({
      database: testDatabaseKind,
      approach: "naive (Prisma calls per customer)",
      customers: sample.length,
      orders: naiveOrders,
      ms: Math.round(naiveMs),
      customersPerSecond: Math.round(sample.length / (naiveMs / 1000)),
    });
    return figures;
  } finally {
    await db.close();
  }
}

describe(`analytics recompute (${testDatabaseKind}, ${customers} customers, ${orders} orders)`, () => {
  bench("full recompute, incremental, and naive", () => once("all", measureAll).then(() => {}), {
    iterations: 1,
    warmupIterations: 0,
    time: 0,
    warmupTime: 0,
  });
});
