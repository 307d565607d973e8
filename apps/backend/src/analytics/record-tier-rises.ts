// Tier rises, recorded where customer metrics are written: before a batch's rows replace the
// stored ones, the customers whose new tier ranks above their stored tier (in the analytics
// config's tier order) get a CustomerTierRise, in the same transaction. The monitoring pass turns
// each into the customer's notification. A customer's first metrics (no stored tier) are no rise:
// the first run after an import would otherwise congratulate every customer at once. One rise per
// customer, tier and UTC day: a recompute run twice, or two racing, records it once; a drop and a
// new rise on a later day is a new rise.

import type { BulkSession } from "@greenloop/db";
import type { AnalyticsConfig } from "@greenloop/order-sync/analytics";
import type { CustomerAnalytics } from "./customer-analytics";

export async function recordTierRises(
  session: Pick<BulkSession, "query">,
  rows: readonly CustomerAnalytics[],
  tiers: AnalyticsConfig["loyaltyTiers"],
): Promise<number> {
  const order = [...tiers]
    .sort((a, b) => a.minRollingSpend.cmp(b.minRollingSpend))
    .map((t) => t.name);
  // Nobody rises to the lowest tier.
  const candidates = rows
    .filter((row) => row.metrics.tier !== null && order.indexOf(row.metrics.tier) > 0)
    .map((row) => ({
      customerId: row.customerId,
      tier: row.metrics.tier,
      day: row.asOf.toISOString().slice(0, 10),
    }));
  if (candidates.length === 0) return 0;
  const [inserted] = await session.query<{ count: number }>(
    `WITH inserted AS (
       INSERT INTO "CustomerTierRise" ("customerId", "fromTier", "toTier", "day")
       SELECT t."customerId", m."tier", t."tier", t."day"
         FROM jsonb_to_recordset($1::jsonb) AS t("customerId" uuid, "tier" text, "day" date)
         JOIN "CustomerMetrics" m ON m."customerId" = t."customerId"
        WHERE array_position($2::text[], t."tier") > array_position($2::text[], m."tier")
       ON CONFLICT ("customerId", "toTier", "day") DO NOTHING
       RETURNING 1)
     SELECT count(*)::int AS count FROM inserted`,
    [JSON.stringify(candidates), order],
  );
  return inserted?.count ?? 0;
}
