// The store views on a store of 100,000 customers and 1,000,000 orders (with their metrics),
// aggregated in SQL (ours), against the naive way for the summary: load every order and run
// summarizeStore in JS. On the database under test (PGlite in memory, or PostgreSQL with
// DATABASE_URL). Prints one `store-views {…}` line per measure; Vitest's own table is not the
// measure.
import { openTestDatabase, type TestDatabase, testDatabaseKind } from "@greenloop/db/testing";
import {
  defaultAnalyticsConfig,
  type StoreOrder,
  summarizeStore,
} from "@greenloop/order-sync/analytics";
import Decimal from "decimal.js";
import { bench, describe } from "vitest";
import { medianMs } from "../testing/median-ms";
import * as storeViews from "./store-views";

const CUSTOMERS = 100_000;
const ORDERS = 1_000_000;
const RUNS = 3;
const asOf = new Date("2026-01-01T00:00:00Z");

/** Three years of orders: 5% walk-ins, a third online, 2% partly refunded, 1% voided. */
async function seedStore(db: TestDatabase): Promise<void> {
  await db.prisma.$executeRawUnsafe(
    `INSERT INTO "Customer" (id, "displayName")
     SELECT gen_random_uuid(), 'Customer ' || g FROM generate_series(1, ${CUSTOMERS}) g`,
  );
  await db.prisma.$executeRawUnsafe(
    `WITH c AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM "Customer"),
     o AS (
       SELECT g, CASE WHEN g % 20 = 0 THEN NULL
                      ELSE 1 + floor(${CUSTOMERS} * power(random(), 1.5))::int END AS n
         FROM generate_series(1, ${ORDERS}) g
     )
     INSERT INTO "Order" (key, "customerId", source, channel, status, "placedAt", total,
                          "refundedTotal", "countsInAnalytics")
     SELECT 'bench:' || o.g, c.id, 'retail',
            (CASE WHEN o.g % 3 = 0 THEN 'ECOM' ELSE 'RETAIL' END)::"OrderChannel", 'COMPLETED',
            timestamptz '2023-01-01' + (random() * 1096) * interval '1 day',
            round((5 + random() * 195)::numeric, 2),
            CASE WHEN o.g % 50 = 0 THEN 5 ELSE 0 END, o.g % 100 <> 0
       FROM o LEFT JOIN c ON c.n = o.n`,
  );
  await db.prisma.$executeRawUnsafe(
    `INSERT INTO "CustomerMetrics" ("customerId", "orderCount", "ecomOrderCount",
        "retailOrderCount", "totalSpend", "averageOrderValue", "spend90d", "orders90d",
        "favouriteProducts", "favouriteCategories", "rfmSegment", tier, "inactivitySegment",
        "churnRisk", "churnRiskLabel", "probabilityAlive", "predictedValue365d")
     SELECT id, 10, 3, 7, round((random() * 3000)::numeric, 2), 50,
            round((random() * 600)::numeric, 2), 2, '{}', '{}',
            (ARRAY['Champions','Loyal','Potential Loyalist','New','Promising','Needs Attention',
                   'About to Sleep','At Risk','Can''t Lose Them','Hibernating','Lost'])[1 + g % 11],
            (ARRAY['Seed','Sprout','Bloom','Evergreen'])[1 + g % 4],
            (ARRAY['active','30d','60d','90d+'])[1 + g % 4],
            r, CASE WHEN r >= 0.7 THEN 'high' WHEN r >= 0.4 THEN 'medium' ELSE 'low' END, 1 - r,
            round((random() * 900)::numeric, 5)
       FROM (SELECT id, row_number() OVER () AS g, random() AS r FROM "Customer") c`,
  );
  await db.prisma.$executeRawUnsafe(`ANALYZE`);
}

function report(figures: Record<string, unknown>) {
  process.stdout.write(
    `\nstore-views ${JSON.stringify({ database: testDatabaseKind, ...figures })}\n`,
  );
}

async function measureOurs(db: TestDatabase): Promise<void> {
  const from = new Date(asOf.getTime() - 90 * 86_400_000);
  const views: Array<[string, () => Promise<unknown>]> = [
    ["getStoreSummary week", () => storeViews.getStoreSummary(db, { asOf, granularity: "week" })],
    ["getStoreSummary month", () => storeViews.getStoreSummary(db, { asOf, granularity: "month" })],
    [
      "getStoreSummary week, last 90 days",
      () => storeViews.getStoreSummary(db, { asOf, from, granularity: "week" }),
    ],
    ["getChannelMix", () => storeViews.getChannelMix(db, { asOf })],
    ["getCohortRetention", () => storeViews.getCohortRetention(db, { asOf })],
    ...lifecycleViews(db),
    ["getSegmentSizes rfmSegment", () => storeViews.getSegmentSizes(db, { by: "rfmSegment" })],
    [
      "getTopCustomers spend90d",
      () => storeViews.getTopCustomers(db, { by: "spend90d", limit: 100 }),
    ],
    ["getAtRiskCustomers", () => storeViews.getAtRiskCustomers(db, { limit: 100 })],
    ["getClvDistribution", () => storeViews.getClvDistribution(db, { buckets: 20 })],
  ];
  for (const [view, work] of views)
    report({ approach: "SQL (ours)", view, medianMs: await medianMs(work, RUNS) });
}

/** The lifecycle over three years of store months and over the last year of weeks, in Chicago. */
function lifecycleViews(db: TestDatabase): Array<[string, () => Promise<unknown>]> {
  const timeZone = "America/Chicago";
  return (
    [
      ["month", new Date("2023-01-01T06:00:00Z")],
      ["week", new Date(asOf.getTime() - 52 * 7 * 86_400_000)],
    ] as const
  ).map(([granularity, from]) => [
    `getLifecycle ${granularity}`,
    () => storeViews.getLifecycle(db, { asOf, from, granularity, timeZone }),
  ]);
}

/**
 * The floor under any exact lifecycle: each customer's distinct store days in order, with the
 * gap to the previous and the next one (the sort and window every state needs), counted.
 */
async function measureLifecycleFloor(db: TestDatabase): Promise<void> {
  const floor = () =>
    db.prisma.$queryRawUnsafe(
      `SELECT count(*) FROM (
         SELECT day - lag(day) OVER w AS gap, lead(day) OVER w AS next
           FROM (SELECT "customerId", ("placedAt" AT TIME ZONE 'America/Chicago')::date AS day
                   FROM "Order" WHERE "countsInAnalytics" AND "customerId" IS NOT NULL
                  GROUP BY 1, 2) days
         WINDOW w AS (PARTITION BY "customerId" ORDER BY day)) gaps`,
    );
  report({
    approach: "floor (customer days with lag/lead, counted)",
    view: "getLifecycle",
    medianMs: await medianMs(floor, RUNS),
  });
}

async function measureNaive(db: TestDatabase): Promise<void> {
  const started = performance.now();
  const rows = await db.prisma.$queryRawUnsafe<
    Array<{
      id: string;
      customerId: string | null;
      placedAt: Date;
      total: string;
      refundedTotal: string;
      channel: "RETAIL" | "ECOM";
      countsInAnalytics: boolean;
    }>
  >(
    `SELECT id::text, "customerId"::text, "placedAt", total::text, "refundedTotal"::text,
            channel::text, "countsInAnalytics" FROM "Order"`,
  );
  const orders: StoreOrder[] = rows.map((row) => ({
    ...row,
    total: new Decimal(row.total),
    refundedTotal: new Decimal(row.refundedTotal),
  }));
  summarizeStore({ orders, asOf, config: defaultAnalyticsConfig });
  report({
    approach: "naive (load every order, summarizeStore in JS)",
    view: "getStoreSummary week + month",
    ms: Math.round(performance.now() - started),
    peakRssMb: Math.round(process.memoryUsage().rss / 2 ** 20),
  });
}

let measured: Promise<void> | undefined;
function measureAll(): Promise<void> {
  measured ??= (async () => {
    const db = await openTestDatabase();
    try {
      const started = performance.now();
      await seedStore(db);
      report({
        seeded: { customers: CUSTOMERS, orders: ORDERS },
        seconds: Math.round((performance.now() - started) / 1000),
      });
      await measureOurs(db);
      await measureLifecycleFloor(db);
      await measureNaive(db);
    } finally {
      await db.close();
    }
  })();
  return measured;
}

const once = { iterations: 1, warmupIterations: 0, time: 0, warmupTime: 0 };

describe(`store views, ${ORDERS.toLocaleString("en-US")} orders (${testDatabaseKind})`, () => {
  bench("SQL aggregation (ours) and load-everything (naive)", measureAll, once);
});
