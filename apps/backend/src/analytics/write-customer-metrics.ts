// Writes a batch of customers' analytics in one statement, and clears their dirty mark
// unless the merge dirtied them again while this run was computing. Favourites are written only
// for the customers whose favourites the run summed again (favourites-fingerprint.ts); the others
// keep theirs.
import type { Prisma } from "@greenloop/db";
import type { AnalyticsConfig } from "@greenloop/order-sync/analytics";
import type { CustomerAnalytics } from "./customer-analytics";
import { recordTierRises } from "./record-tier-rises";
import { type StoredShare, toStoredShares } from "./stored-shares";

type Client = Pick<Prisma.TransactionClient, "$executeRawUnsafe" | "$queryRawUnsafe">;

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

/** The columns `refreshedFavourites` governs. */
const favouriteColumns: ReadonlySet<string> = new Set([
  "favouriteProducts",
  "favouriteCategories",
  "favouriteBrands",
  "categoryShares",
  "brandShares",
]);

export async function writeCustomerMetrics(
  client: Client,
  rows: readonly CustomerAnalytics[],
  runStartedAt: Date,
  tiers: AnalyticsConfig["loyaltyTiers"],
  /** Customer id → fingerprint, for the customers whose favourites were summed again. */
  refreshedFavourites: ReadonlyMap<string, string>,
): Promise<void> {
  if (rows.length === 0) return;
  // Before the rows are replaced: it compares the new tiers with the stored ones.
  await recordTierRises(client, rows, tiers);
  // One JSON parameter for the batch: far cheaper for the driver than 35 arrays of thousands of
  // values each. `json`, not `jsonb`: read once, it need not be converted to jsonb first (and JSON
  // arrays become the text[] columns directly).
  const records = rows.map((row) => {
    const record: Record<string, unknown> = { customerId: row.customerId };
    for (const [name, , pick] of columns) record[name] = pick(row);
    record.favouritesFingerprint = refreshedFavourites.get(row.customerId) ?? null;
    return record;
  });
  const names = columns.map(([name]) => `"${name}"`).join(", ");
  // A row without a fingerprint keeps the stored favourites. (A customer without stored metrics
  // has no fingerprint either, so is always refreshed.)
  const update = (name: string) =>
    favouriteColumns.has(name)
      ? `"${name}" = CASE WHEN EXCLUDED."favouritesFingerprint" IS NULL
                          THEN "CustomerMetrics"."${name}" ELSE EXCLUDED."${name}" END`
      : `"${name}" = EXCLUDED."${name}"`;
  // $queryRawUnsafe, not $executeRawUnsafe: the latter re-encodes a JSON-looking string argument
  // as a JSON string scalar.
  await client.$queryRawUnsafe(
    `INSERT INTO "CustomerMetrics" ("customerId", ${names}, "favouritesFingerprint", "computedAt")
     SELECT t."customerId", ${columns.map(([name]) => `t."${name}"`).join(", ")},
            t."favouritesFingerprint", now()
       FROM json_to_recordset($1::json)
         AS t("customerId" uuid, ${columns.map(([name, type]) => `"${name}" ${type}`).join(", ")},
              "favouritesFingerprint" text)
     ON CONFLICT ("customerId") DO UPDATE SET
       ${columns.map(([name]) => update(name)).join(", ")},
       "favouritesFingerprint" = coalesce(EXCLUDED."favouritesFingerprint",
                                          "CustomerMetrics"."favouritesFingerprint"),
       "computedAt" = now()`,
    JSON.stringify(records),
  );
  await client.$executeRawUnsafe(
    `UPDATE "Customer" SET "metricsDirtyAt" = NULL
      WHERE id = ANY($1::uuid[]) AND "metricsDirtyAt" <= $2`,
    rows.map((row) => row.customerId),
    runStartedAt,
  );
}
