// Writes a batch of customers' analytics: COPY into a temporary table, one upsert from it, and
// their dirty mark cleared unless the merge dirtied them again while this run was computing.
// Favourites are written only for the customers whose favourites the run summed again
// (favourites-fingerprint.ts); the others keep theirs. On a bulk session (the driver's own, not
// Prisma's raw-query path, which costs ≈ 21 ms of CPU per MB of parameters: a batch's rows as one
// JSON parameter spent more time there than in the upsert; BENCHMARKS.md, issue 19).
import { createHash } from "node:crypto";
import { type BulkSession, type CopyValue, pgTextArray } from "@greenloop/db";
import type { AnalyticsConfig } from "@greenloop/order-sync/analytics";
import type { CustomerAnalytics } from "./customer-analytics";
import { recordTierRises } from "./record-tier-rises";
import { type StoredShare, toStoredShares } from "./stored-shares";

const columns = [
  ["orderCount", "int", (c: CustomerAnalytics) => c.metrics.orderCount],
  ["ecomOrderCount", "int", (c) => c.metrics.ecomOrderCount],
  ["retailOrderCount", "int", (c) => c.metrics.retailOrderCount],
  ["totalSpend", "numeric", (c) => c.metrics.totalSpend.toString()],
  ["averageOrderValue", "numeric", (c) => (c.metrics.averageOrderValue ?? 0).toString()],
  ["spend90d", "numeric", (c) => c.metrics.spend90d.toString()],
  ["orders90d", "int", (c) => c.metrics.orders90d],
  ["firstOrderAt", "timestamptz", (c) => c.metrics.firstOrderAt?.toISOString() ?? null],
  ["lastOrderAt", "timestamptz", (c) => c.metrics.lastOrderAt?.toISOString() ?? null],
  ["meanDaysBetweenOrders", "float8", (c) => c.metrics.meanDaysBetweenOrders],
  ["daysSinceLastOrder", "int", (c) => c.metrics.daysSinceLastOrder],
  ["onlineShare", "float8", (c) => c.metrics.onlineShare],
  ["favouriteProducts", "text[]", (c) => c.metrics.favouriteProducts.map((f) => f.name)],
  ["favouriteCategories", "text[]", (c) => c.metrics.favouriteCategories.map((f) => f.name)],
  ["rfmRecency", "int", (c) => c.rfm?.r ?? null],
  ["rfmFrequency", "int", (c) => c.rfm?.f ?? null],
  ["rfmMonetary", "int", (c) => c.rfm?.m ?? null],
  ["rfmSegment", "text", (c) => c.rfmSegment],
  ["inactivitySegment", "text", (c) => c.metrics.inactivitySegment],
  ["tier", "text", (c) => c.metrics.tier],
  ["nextTier", "text", (c) => c.metrics.nextTier],
  ["amountToNextTier", "numeric", (c) => c.metrics.amountToNextTier.toString()],
  ["isVip", "boolean", (c) => c.metrics.isVip],
  ["isHighValue", "boolean", (c) => c.metrics.isHighValue],
  ["isFirstTimeBuyer", "boolean", (c) => c.metrics.isFirstTimeBuyer],
  ["probabilityAlive", "float8", (c) => c.probabilityAlive],
  ["churnRisk", "float8", (c) => c.churnRisk],
  ["churnRiskLabel", "text", (c) => c.churnRiskLabel],
  ["predictedPurchases90d", "float8", (c) => c.predictedPurchases90d],
  ["predictedPurchases365d", "float8", (c) => c.predictedPurchases365d],
  ["expectedAverageSpend", "numeric", (c) => c.expectedAverageSpend?.toString() ?? null],
  ["predictedValue90d", "numeric", (c) => c.predictedValue90d?.toString() ?? null],
  ["predictedValue365d", "numeric", (c) => c.predictedValue365d?.toString() ?? null],
  ["asOf", "timestamptz", (c) => c.asOf.toISOString()],
  ["expectedNextOrderAt", "timestamptz", (c) => c.expectedNextOrderAt?.toISOString() ?? null],
  ["predictionWithheldReason", "text", (c) => c.predictionWithheldReason],
  ["favouriteBrands", "text[]", (c) => c.metrics.favouriteBrands.map((f) => f.name)],
  ["categoryShares", "jsonb", (c) => toStoredShares(c.metrics.favouriteCategories)],
  ["brandShares", "jsonb", (c) => toStoredShares(c.metrics.favouriteBrands)],
] as const satisfies ReadonlyArray<
  readonly [
    string,
    string,
    (c: CustomerAnalytics) => string | number | boolean | string[] | StoredShare[] | null,
  ]
>;

type ColumnType = (typeof columns)[number][1];

/** A value in COPY's text form for its column's type. */
function copyValueOf(type: ColumnType, value: ReturnType<(typeof columns)[number][2]>): CopyValue {
  if (value === null) return null;
  switch (type) {
    case "text[]":
      return pgTextArray(value as string[]);
    case "jsonb":
      return JSON.stringify(value);
    case "boolean":
      return value ? "t" : "f";
    case "int":
    case "float8":
      // What a JSON write made of a number the models could not give.
      return Number.isFinite(value) ? (value as number) : null;
    default:
      return value as string;
  }
}

const batchTableColumns = `"customerId" uuid, ${columns
  .map(([name, type]) => `"${name}" ${type}`)
  .join(", ")}, "favouritesFingerprint" text`;
/**
 * The temporary table a batch is copied into, named after its columns: a connection that outlived
 * a deploy (a pooler's) never hands this code a table of another shape.
 */
const batchTable = `metrics_batch_${createHash("sha256").update(batchTableColumns).digest("hex").slice(0, 12)}`;

/** The columns `refreshedFavourites` governs. */
const favouriteColumns: ReadonlySet<string> = new Set([
  "favouriteProducts",
  "favouriteCategories",
  "favouriteBrands",
  "categoryShares",
  "brandShares",
]);

/**
 * Each row's COPY values, made as COPY encodes them rather than a batch's 5,000 arrays of 41
 * values made first and held until COPY took them (scoring and writing 100,000 customers: about
 * 2.6 s against 2.85 s; BENCHMARKS.md, issue 19).
 */
function* copyRowsOf(
  rows: readonly CustomerAnalytics[],
  refreshedFavourites: ReadonlyMap<string, string>,
): Generator<CopyValue[]> {
  for (const row of rows) {
    const values: CopyValue[] = [row.customerId];
    for (const [, type, pick] of columns) values.push(copyValueOf(type, pick(row)));
    values.push(refreshedFavourites.get(row.customerId) ?? null);
    yield values;
  }
}

export async function writeCustomerMetrics(
  session: BulkSession,
  rows: readonly CustomerAnalytics[],
  runStartedAt: Date,
  tiers: AnalyticsConfig["loyaltyTiers"],
  /** Customer id → fingerprint, for the customers whose favourites were summed again. */
  refreshedFavourites: ReadonlyMap<string, string>,
): Promise<void> {
  if (rows.length === 0) return;
  // Before the rows are replaced: it compares the new tiers with the stored ones.
  await recordTierRises(session, rows, tiers);
  const names = columns.map(([name]) => `"${name}"`).join(", ");
  // Kept by the connection and emptied at each commit: creating and dropping a table of 40
  // columns per batch cost ≈ 2 ms of catalog work, most of a one-customer run's write.
  await session.query(
    `CREATE TEMPORARY TABLE IF NOT EXISTS ${batchTable} (${batchTableColumns}) ON COMMIT DELETE ROWS`,
  );
  await session.copyFrom(
    batchTable,
    ["customerId", ...columns.map(([name]) => name), "favouritesFingerprint"],
    copyRowsOf(rows, refreshedFavourites),
  );
  // A row without a fingerprint keeps the stored favourites. (A customer without stored metrics
  // has no fingerprint either, so is always refreshed.)
  const update = (name: string) =>
    favouriteColumns.has(name)
      ? `"${name}" = CASE WHEN EXCLUDED."favouritesFingerprint" IS NULL
                          THEN "CustomerMetrics"."${name}" ELSE EXCLUDED."${name}" END`
      : `"${name}" = EXCLUDED."${name}"`;
  await session.query(
    `INSERT INTO "CustomerMetrics" ("customerId", ${names}, "favouritesFingerprint", "computedAt")
     SELECT "customerId", ${names}, "favouritesFingerprint", now() FROM ${batchTable}
     ON CONFLICT ("customerId") DO UPDATE SET
       ${columns.map(([name]) => update(name)).join(", ")},
       "favouritesFingerprint" = coalesce(EXCLUDED."favouritesFingerprint",
                                          "CustomerMetrics"."favouritesFingerprint"),
       "computedAt" = now()`,
  );
  // By the ids, not a join with the batch table: it has no statistics, and a one-customer write
  // runs after every webhook batch, where a plan that scans Customer would cost most.
  await session.query(
    `UPDATE "Customer" SET "metricsDirtyAt" = NULL
      WHERE id = ANY($1::uuid[]) AND "metricsDirtyAt" <= $2`,
    [rows.map((row) => row.customerId), runStartedAt],
  );
}
