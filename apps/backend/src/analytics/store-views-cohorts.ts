// Cohort retention in SQL: month of first counted order × months since, as buildCohortRetention
// of @greenloop/order-sync/analytics defines it, in the store's months (STORE_TIMEZONE).
import type { Database } from "@greenloop/db";
import { type CohortRow, defaultAnalyticsConfig } from "@greenloop/order-sync/analytics";
import { storeMonthAt, storeMonthIndex } from "@greenloop/order-sync/store-time";
import {
  assertValidRange,
  assertWholeNumber,
  type CountedOrderConfig,
  countedOrdersSql,
  queryOrders,
} from "./store-views-input";

/** The most cohorts (months) a retention matrix may ask for. */
export const MAX_COHORT_MONTHS = 600;

export interface CohortRetentionView {
  asOf: Date;
  /** One row per month that gained customers, oldest first (see buildCohortRetention). */
  cohorts: CohortRow[];
}

/**
 * Month of first counted order × months since, in the store's calendar months (`timeZone`):
 * cohort size, customers with a counted order in each later month, and the share. `months` keeps
 * the most recent cohorts only (asOf's month and the months - 1 before it); their rows are
 * complete, since a customer's cohort is their first order over all history.
 */
export async function getCohortRetention(
  db: Pick<Database, "prisma">,
  input: {
    asOf: Date;
    months?: number;
    config?: CountedOrderConfig;
    /** Cohorts are the store's calendar months in this zone (STORE_TIMEZONE); default UTC. */
    timeZone?: string;
  },
): Promise<CohortRetentionView> {
  const { asOf, months } = input;
  const timeZone = input.timeZone ?? "UTC";
  assertValidRange(asOf, undefined);
  if (months !== undefined) {
    assertWholeNumber(months, "months", { min: 1, max: MAX_COHORT_MONTHS });
  }
  const countRefunded = (input.config ?? defaultAnalyticsConfig).countFullyRefundedOrders;
  // Also refuses a zone that is not an IANA name (BAD_INPUT), before SQL could.
  const lastMonth = storeMonthIndex(asOf, timeZone);
  const firstCohort = months === undefined ? null : lastMonth - months + 1;

  // Distinct (customer, month) pairs, each with the customer's first month by a window over
  // them: one pass over the orders, no join back to a per-customer table. A timestamptz AT TIME
  // ZONE is the store's wall clock, so date_trunc cuts the store's months, DST included.
  const rows = await queryOrders<{ cohort: number; monthsSince: number; active: number }>(
    db,
    `WITH counted AS (${countedOrdersSql}),
     months AS (
       SELECT "customerId", date_trunc('month', "placedAt" AT TIME ZONE $4::text) AS mo
         FROM counted WHERE "customerId" IS NOT NULL GROUP BY 1, 2
     ),
     grid AS (
       SELECT cohort, mo, count(*) AS active
         FROM (SELECT mo, min(mo) OVER (PARTITION BY "customerId") AS cohort FROM months) spans
        GROUP BY 1, 2
     ),
     indexed AS (
       SELECT (extract(year FROM cohort) * 12 + extract(month FROM cohort) - 1)::int AS cohort,
              (extract(year FROM mo) * 12 + extract(month FROM mo) - 1)::int AS mo, active
         FROM grid
     )
     SELECT cohort, mo - cohort AS "monthsSince", active::int AS active
       FROM indexed
      WHERE $3::int IS NULL OR cohort >= $3::int
      ORDER BY 1, 2`,
    asOf,
    countRefunded,
    firstCohort,
    timeZone,
  );

  const cohorts = new Map<number, number[]>();
  for (const { cohort, monthsSince, active } of rows) {
    let counts = cohorts.get(cohort);
    if (counts === undefined) {
      counts = new Array<number>(lastMonth - cohort + 1).fill(0);
      cohorts.set(cohort, counts);
    }
    counts[monthsSince] = active;
  }
  return {
    asOf,
    cohorts: [...cohorts.entries()].map(([cohort, activeCustomers]) => {
      // Every customer orders in their first month, so column 0 is the cohort's size.
      const size = activeCustomers[0] ?? 0;
      return {
        ...storeMonthAt(cohort, timeZone),
        size,
        activeCustomers,
        retention: activeCustomers.map((count) => count / size),
      };
    }),
  };
}
