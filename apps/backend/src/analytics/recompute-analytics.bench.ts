// The analytics at store scale: a full recompute (metrics for every customer, RFM thresholds,
// BG/NBD and Gamma-Gamma refitted) over 100,000 customers and 1,000,000 orders, and the
// incremental recompute of one dirty customer, against the naive way (per customer: a Prisma
// findMany of their orders, compute, a Prisma upsert) in the same run. The figures go to stdout as
// `analytics-bench {…}` lines (BENCHMARKS.md keeps them); each measurement runs once and is cached
// because tinybench calls a task more than once. PostgreSQL when DATABASE_URL is set, else PGlite.
// ANALYTICS_BENCH_CUSTOMERS / ANALYTICS_BENCH_ORDERS shrink it for a quick look. The cost of
// products (issue 22: at most 20% more): the full recompute runs first on orders without lines
// (a store without a catalog), then again after every order got its lines and the catalog its
// products, categories and brands; `overheadPercent` compares the two.
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
  lines?: number;
  overheadPercent?: number;
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
    const fullRun = async (approach: string, extra: Partial<Figures> = {}) => {
      const started = performance.now();
      const full = await recomputeAllCustomers(db, { config, asOf, refit: true });
      const fullMs = performance.now() - started;
      figures.push({
        database: testDatabaseKind,
        approach,
        customers: full.customers,
        orders: full.orders,
        ms: Math.round(fullMs),
        customersPerSecond: Math.round(full.customers / (fullMs / 1000)),
        ...extra,
      });
      return fullMs;
    };
    // Like for like: the compared runs both rewrite existing metrics rows (a first run only
    // inserts them), each on freshly analysed tables, as autovacuum leaves a live database.
    await fullRun("first full recompute, orders without lines (writes every row new)");
    await db.prisma.$executeRawUnsafe(`VACUUM ANALYZE "CustomerMetrics"`);
    const withoutProductsMs = await fullRun("full recompute with model fit, orders without lines");
    const lines = await seedBenchOrderLines(db, "bench:");
    await db.prisma.$executeRawUnsafe(
      `VACUUM ANALYZE "CustomerMetrics", "Order", "RetailSale", "EcomOrder",
       "EcomOrderItem", "RetailProduct", "RetailProductCategory", "RetailBrand"`,
    );
    const withProductsMs = await fullRun("full recompute with model fit (ours)", { lines });
    const last = figures[figures.length - 1] as Figures;
    last.overheadPercent = Math.round((withProductsMs / withoutProductsMs - 1) * 1000) / 10;

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
    times.sort((a, b) => a - b);
    figures.push({
      database: testDatabaseKind,
      approach: "incremental, one dirty customer (ours)",
      customers: 1,
      orders: await db.prisma.order.count({ where: { customerId: id } }),
      ms: Math.round(times.reduce((s, t) => s + t, 0)),
      medianMs: Number(times[Math.floor(times.length / 2)]?.toFixed(1)),
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
