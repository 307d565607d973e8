// What counting who is reachable by email costs the Overview's segment table and a push's preview,
// on a store of 100,000 customers (their metrics; a consent answer on each of 300,000 online orders
// and on a tenth of their X-Series records): the segment sizes with the count, against the same
// table's query before it had one.
// On the database under test (PGlite in memory, or PostgreSQL with DATABASE_URL). Prints one
// `consent {…}` line; Vitest's own table is not the measure.
import { openTestDatabase, type TestDatabase, testDatabaseKind } from "@greenloop/db/testing";
import { bench, describe } from "vitest";
import { getSegmentSizes } from "../analytics/store-views";
import { medianMs } from "../testing/median-ms";
import { countReachableInSegment } from "./reachable-by-email";

const CUSTOMERS = 100_000;
const ORDERS_PER_CUSTOMER = 3;
const RUNS = 5;

async function seedStore(db: TestDatabase): Promise<void> {
  await db.prisma.$executeRawUnsafe(
    `INSERT INTO "Customer" (id, "displayName")
     SELECT gen_random_uuid(), 'Customer ' || g FROM generate_series(1, ${CUSTOMERS}) g`,
  );
  await db.prisma.$executeRawUnsafe(
    `CREATE TEMP TABLE bench_customer AS
     SELECT id, row_number() OVER (ORDER BY id) AS n FROM "Customer"`,
  );
  await db.prisma.$executeRawUnsafe(
    `INSERT INTO "CustomerMetrics" ("customerId", "orderCount", "ecomOrderCount",
        "retailOrderCount", "totalSpend", "averageOrderValue", "spend90d", "orders90d",
        "favouriteProducts", "favouriteCategories", "rfmSegment", tier, "inactivitySegment")
     SELECT id, 4, 3, 1, round((random() * 3000)::numeric, 2), 50, 0, 0, '{}', '{}',
            (ARRAY['Champions','Loyal','Potential Loyalist','New','Promising','Needs Attention',
                   'About to Sleep','At Risk','Can''t Lose Them','Hibernating','Lost'])[1 + n % 11],
            (ARRAY['Seed','Sprout','Bloom','Evergreen'])[1 + n % 4],
            (ARRAY['active','30d','60d','90d+'])[1 + n % 4]
       FROM bench_customer`,
  );
  // Nine in ten have an email; every hundredth of those a placeholder.
  await db.prisma.$executeRawUnsafe(
    `INSERT INTO "CustomerIdentity" ("customerId", kind, "normalizedValue", blocked, "blockedReason")
     SELECT id, 'EMAIL', 'customer' || n || '@example.com', n % 100 = 0,
            CASE WHEN n % 100 = 0 THEN 'placeholder: bench' END
       FROM bench_customer WHERE n % 10 <> 0`,
  );
  await db.prisma.$executeRawUnsafe(
    `INSERT INTO "CustomerConsent" (channel, source, "recordKey", "customerId", status, "observedAt")
     SELECT 'email'::"ConsentChannel", 'xseries:' || n, 'retail_customer:' || n, id,
            'denied'::"ConsentStatus",
            timestamptz '2025-01-01' + (n % 365) * interval '1 day'
       FROM bench_customer WHERE n % 10 = 3
     UNION ALL
     SELECT 'email'::"ConsentChannel", 'ecom:' || n || '-' || k, 'order:ecom:' || n || '-' || k, id,
            (CASE WHEN random() < 0.6 THEN 'granted' ELSE 'denied' END)::"ConsentStatus",
            timestamptz '2025-01-01' + (random() * 365) * interval '1 day'
       FROM bench_customer, generate_series(1, ${ORDERS_PER_CUSTOMER}) k`,
  );
  await db.prisma.$executeRawUnsafe(`ANALYZE`);
}

/** The segment table's query as it was before it counted the reachable: the baseline. */
function segmentSizesWithoutConsent(db: TestDatabase) {
  return db.prisma.$queryRawUnsafe(
    `SELECT m."rfmSegment" AS segment, count(*)::int AS "customerCount",
            sum(m."totalSpend")::text AS revenue
       FROM "CustomerMetrics" m JOIN "Customer" c ON c.id = m."customerId"
      WHERE c."mergedIntoId" IS NULL
      GROUP BY 1`,
  );
}

describe(`reachable by email (${testDatabaseKind})`, () => {
  bench(
    `segment sizes with and without the reachable count, ${CUSTOMERS} customers`,
    async () => {
      const db = await openTestDatabase();
      try {
        await seedStore(db);
        const sizes = await getSegmentSizes(db, { by: "rfmSegment" });
        const figures = {
          database: testDatabaseKind,
          customers: CUSTOMERS,
          consentRows: await db.prisma.customerConsent.count(),
          reachableByEmail: sizes.reachableByEmail,
          segmentSizesBeforeMs: await medianMs(() => segmentSizesWithoutConsent(db), RUNS),
          segmentSizesMs: await medianMs(() => getSegmentSizes(db, { by: "rfmSegment" }), RUNS),
          previewCountMs: await medianMs(
            () => countReachableInSegment(db, { by: "rfmSegment", value: "Champions" }),
            RUNS,
          ),
        };
        process.stdout.write(`\nconsent ${JSON.stringify(figures)}\n`);
      } finally {
        await db.close();
      }
    },
    { iterations: 1, warmupIterations: 0, time: 0, warmupTime: 0 },
  );
});
