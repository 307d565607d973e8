// The customer lifecycle per store week or month (new, returning, won back, lapsed, lost) in one
// SQL statement, as buildLifecycle of @greenloop/order-sync/analytics defines it (the definitions
// are in its header comment and in the README); the tests hold this view to that reference.
import type { Database } from "@greenloop/db";
import {
  type AnalyticsConfig,
  defaultAnalyticsConfig,
  type LifecycleCounts,
  type LifecycleGranularity,
} from "@greenloop/order-sync/analytics";
import { storeDayNumber } from "@greenloop/order-sync/store-time";
import {
  assertOneOf,
  assertValidRange,
  assertWholeNumber,
  countedOrdersSql,
  queryOrders,
} from "./store-views-input";

const granularities: readonly LifecycleGranularity[] = ["week", "month"];

export type LifecycleThresholds = AnalyticsConfig["lifecycle"];

export interface LifecyclePeriodView extends LifecycleCounts {
  /** `2026-W03` (ISO week) or `2026-01` (month), on the store's calendar. */
  key: string;
  /** 00:00 store time on the period's first day. */
  start: Date;
  /** asOf is before the period's end: the figures are "to date". */
  toDate: boolean;
}

export interface LifecycleView {
  asOf: Date;
  granularity: LifecycleGranularity;
  /** The thresholds the counts used, in store days (for the legend). */
  thresholds: LifecycleThresholds;
  /** From from's period to asOf's, oldest first, empty periods as zeros. */
  periods: LifecyclePeriodView[];
}

interface LifecycleRow extends LifecycleCounts {
  key: string;
  start: Date;
  end: Date;
}

/** The lifecycle per store period over [from's period, asOf's period], whole periods. */
export async function getLifecycle(
  db: Pick<Database, "prisma">,
  input: {
    asOf: Date;
    from: Date;
    granularity: LifecycleGranularity;
    config?: Pick<AnalyticsConfig, "countFullyRefundedOrders" | "lifecycle">;
    /** Days and periods are the store's in this zone (STORE_TIMEZONE); default UTC. */
    timeZone?: string;
  },
): Promise<LifecycleView> {
  const { asOf, from, granularity } = input;
  const timeZone = input.timeZone ?? "UTC";
  assertValidRange(asOf, from);
  assertOneOf(granularity, "granularity", granularities);
  const config = input.config ?? defaultAnalyticsConfig;
  const thresholds = config.lifecycle;
  for (const [name, days] of Object.entries(thresholds)) {
    assertWholeNumber(days, `lifecycle.${name}`, { min: 1, max: 36_500 });
  }
  // Refuses a zone that is not an IANA name (BAD_INPUT) before SQL could.
  storeDayNumber(asOf, timeZone);

  // Distinct (customer, store date) pairs, each with the gap from the customer's previous order
  // date and their next one: one sort of the orders by a window. A timestamptz AT TIME ZONE is
  // the store's wall clock, so ::date is the store's date and date - date whole store days,
  // daylight saving included. A threshold is crossed on the date `days` after an order when the
  // next order is not earlier; the crossing counts in its period unless the next order is in it
  // too. date_trunc gets dates as timestamp: as timestamptz they would move with the session's
  // zone. Per (period, customer) the highest rank wins, so each is counted once per kind.
  const rows = await queryOrders<LifecycleRow>(
    db,
    `WITH counted AS (${countedOrdersSql}),
     days AS (
       SELECT "customerId" AS customer, ("placedAt" AT TIME ZONE $5::text)::date AS day
         FROM counted WHERE "customerId" IS NOT NULL GROUP BY 1, 2
     ),
     gaps AS (
       SELECT customer, day, day - lag(day) OVER w AS gap, lead(day) OVER w AS next
         FROM days WINDOW w AS (PARTITION BY customer ORDER BY day)
     ),
     bounds AS (
       SELECT date_trunc($4::text, $3::timestamptz AT TIME ZONE $5::text) AS first,
              date_trunc($4::text, $1::timestamptz AT TIME ZONE $5::text) AS last,
              ($1::timestamptz AT TIME ZONE $5::text)::date AS "asOfDay"
     ),
     gains AS (
       SELECT bucket, count(*) FILTER (WHERE rank = 2) AS new,
              count(*) FILTER (WHERE rank = 1) AS "wonBack",
              count(*) FILTER (WHERE rank = 0) AS returning
         FROM (SELECT date_trunc($4::text, g.day::timestamp) AS bucket, g.customer,
                      max(CASE WHEN g.gap IS NULL THEN 2 WHEN g.gap >= $6::int THEN 1 ELSE 0 END) AS rank
                 FROM gaps g CROSS JOIN bounds b
                WHERE g.day::timestamp >= b.first
                GROUP BY 1, 2) per_customer
        GROUP BY 1
     ),
     crossings AS (
       SELECT g.customer, t.rank, g.day + t.days AS day, g.next
         FROM gaps g CROSS JOIN (VALUES (0, $7::int), (1, $8::int)) AS t(rank, days)
        WHERE g.next IS NULL OR g.next >= g.day + t.days
     ),
     losses AS (
       SELECT bucket, count(*) FILTER (WHERE rank = 0) AS lapsed,
              count(*) FILTER (WHERE rank = 1) AS lost
         FROM (SELECT date_trunc($4::text, x.day::timestamp) AS bucket, x.customer, max(x.rank) AS rank
                 FROM crossings x CROSS JOIN bounds b
                WHERE x.day <= b."asOfDay" AND x.day::timestamp >= b.first
                  AND (x.next IS NULL
                       OR date_trunc($4::text, x.next::timestamp) <> date_trunc($4::text, x.day::timestamp))
                GROUP BY 1, 2) per_customer
        GROUP BY 1
     )
     SELECT s AT TIME ZONE $5::text AS start,
            (s + ('1 ' || $4::text)::interval) AT TIME ZONE $5::text AS "end",
            to_char(s, CASE $4::text WHEN 'week' THEN 'IYYY-"W"IW' ELSE 'YYYY-MM' END) AS key,
            coalesce(gains.new, 0)::int AS "newCustomers",
            coalesce(gains.returning, 0)::int AS "returningCustomers",
            coalesce(gains."wonBack", 0)::int AS "wonBackCustomers",
            coalesce(losses.lapsed, 0)::int AS "lapsedCustomers",
            coalesce(losses.lost, 0)::int AS "lostCustomers"
       FROM bounds CROSS JOIN generate_series(bounds.first, bounds.last, ('1 ' || $4::text)::interval) AS s
       LEFT JOIN gains ON gains.bucket = s
       LEFT JOIN losses ON losses.bucket = s
      ORDER BY s`,
    asOf,
    config.countFullyRefundedOrders,
    from,
    granularity,
    timeZone,
    thresholds.wonBackAfterDays,
    thresholds.lapsedAfterDays,
    thresholds.lostAfterDays,
  );

  return {
    asOf,
    granularity,
    thresholds: { ...thresholds },
    periods: rows.map(({ end, ...row }) => ({
      ...row,
      // The same rule as the dashboard's "to date" label (periodToDateLabel).
      toDate: asOf.getTime() < end.getTime() - 1,
    })),
  };
}
