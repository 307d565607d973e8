// The missing eCom orders by age: how many (and how much money) have waited 3–7 days, 8–14, 15–30,
// 31–60 and over 60, so the operator sees whether the backlog is fresh or old.
import type { Database } from "@greenloop/db";
import Decimal from "decimal.js";
import { ecomBacklogSql } from "./ecom-backlog";

export interface AgingBucket {
  /** "3–7 days", "over 60 days". */
  label: string;
  /** Whole days since the order was placed, inclusive. */
  fromDays: number;
  /** Inclusive; null for the open-ended last bucket. */
  toDays: number | null;
  orders: number;
  total: Decimal;
}

export interface MissingOrderAging {
  orders: number;
  total: Decimal;
  buckets: AgingBucket[];
}

/** Bucket bounds in whole days; the ages below the first come first when the list shows them. */
const bucketBounds: ReadonlyArray<readonly [number, number | null]> = [
  [0, 2],
  [3, 7],
  [8, 14],
  [15, 30],
  [31, 60],
  [61, null],
];

/**
 * The backlog (orders at least `minAgeDays` old at `now`) counted per age bucket. Buckets wholly
 * younger than `minAgeDays` are left out; the others are kept even when empty, so the chart's
 * axis does not move as orders come and go.
 */
export async function getMissingOrderAging(
  db: Pick<Database, "prisma">,
  options: { now: Date; minAgeDays: number },
): Promise<MissingOrderAging> {
  // Grouped by whole day of age in the database: a row per distinct age, not per order.
  const rows = await db.prisma.$queryRaw<Array<{ age: number; orders: number; total: string }>>`
    SELECT floor(extract(epoch FROM (${options.now}::timestamptz - b."placedAt")) / 86400)::int AS age,
      count(*)::int AS orders, sum(b.total)::text AS total
    FROM (${ecomBacklogSql({ now: options.now, minAgeDays: options.minAgeDays })}) AS b
    GROUP BY 1`;
  const buckets = bucketBounds
    .filter(([, to]) => to === null || to >= options.minAgeDays)
    .map(([from, to]) => {
      const fromDays = Math.max(from, options.minAgeDays);
      const inside = rows.filter((row) => row.age >= fromDays && (to === null || row.age <= to));
      return {
        label: bucketLabel(fromDays, to),
        fromDays,
        toDays: to,
        orders: inside.reduce((sum, row) => sum + row.orders, 0),
        total: inside.reduce((sum, row) => sum.plus(row.total), new Decimal(0)),
      };
    });
  return {
    orders: buckets.reduce((sum, bucket) => sum + bucket.orders, 0),
    total: buckets.reduce((sum, bucket) => sum.plus(bucket.total), new Decimal(0)),
    buckets,
  };
}

function bucketLabel(from: number, to: number | null): string {
  if (to === null) return from === 61 ? "over 60 days" : `${from}+ days`;
  if (from === to) return `${from} day${from === 1 ? "" : "s"}`;
  return `${from}–${to} days`;
}
