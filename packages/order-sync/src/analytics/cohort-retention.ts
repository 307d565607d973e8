// Cohort retention: of the customers whose first order fell in a month, what share ordered again
// 1, 2, 3… months later. The standard read on whether newer customers stick better than older.
// Months are the store's (STORE_TIMEZONE): an order at 9 PM on February 28th in Chicago is a
// February order there, whatever the UTC date.
import { storeMonthAt, storeMonthIndex } from "../store-time/store-month";
import type { AnalyticsConfig } from "./analytics-config";
import { selectCountedOrders } from "./analytics-order";
import { resolveFirstOrderDates, type StoreOrder } from "./store-order";
import type { CalendarPeriod } from "./utc-calendar";

export interface BuildCohortRetentionOptions {
  orders: readonly StoreOrder[];
  /** Each customer's first counted order over all history; derived from `orders` when missing. */
  customerFirstOrderAt?: ReadonlyMap<string, Date>;
  /** The last month of the matrix is asOf's; later orders are ignored. */
  asOf: Date;
  config: AnalyticsConfig;
  /** The store's zone (IANA name) whose calendar months the cohorts are; default UTC. */
  timeZone?: string;
}

/** A cohort's month: its key (`2026-03`) and its start, 00:00 store time on the 1st. */
export interface CohortRow extends CalendarPeriod {
  /** Customers whose first order falls in this month of the store. */
  size: number;
  /** [k] = cohort customers with a counted order in the k-th month after the first (0 = same). */
  activeCustomers: number[];
  /** activeCustomers[k] / size, 0..1. */
  retention: number[];
}

/**
 * One row per month that gained customers, oldest first; each row runs up to asOf's month, so
 * later cohorts have fewer columns (the matrix is a triangle). Months without new customers have
 * no row rather than a row of undefined shares.
 */
export function buildCohortRetention({
  orders,
  customerFirstOrderAt,
  asOf,
  config,
  timeZone = "UTC",
}: BuildCohortRetentionOptions): CohortRow[] {
  const counted = selectCountedOrders(orders, {
    asOf,
    countFullyRefundedOrders: config.countFullyRefundedOrders,
  });
  const firstOrderAt = resolveFirstOrderDates(counted, customerFirstOrderAt, asOf);
  const monthOf = (date: Date) => storeMonthIndex(date, timeZone);
  const lastMonth = monthOf(asOf);

  const cohorts = new Map<number, { size: number; active: Array<Set<string>> }>();
  const cohortOf = (firstOrder: Date) => {
    const month = monthOf(firstOrder);
    let cohort = cohorts.get(month);
    if (cohort === undefined) {
      cohort = {
        size: 0,
        active: Array.from({ length: lastMonth - month + 1 }, () => new Set<string>()),
      };
      cohorts.set(month, cohort);
    }
    return cohort;
  };

  for (const firstOrder of firstOrderAt.values()) cohortOf(firstOrder).size += 1;
  for (const order of counted) {
    if (order.customerId === null) continue;
    const firstOrder = firstOrderAt.get(order.customerId);
    if (firstOrder === undefined) continue;
    // An order before the given first order (inconsistent input) has no column to go in.
    const monthsSince = monthOf(order.placedAt) - monthOf(firstOrder);
    cohortOf(firstOrder).active[monthsSince]?.add(order.customerId);
  }

  return [...cohorts.entries()]
    .sort(([a], [b]) => a - b)
    .map(([month, { size, active }]) => {
      const activeCustomers = active.map((customers) => customers.size);
      return {
        ...storeMonthAt(month, timeZone),
        size,
        activeCustomers,
        retention: activeCustomers.map((count) => count / size),
      };
    });
}
