// Store-wide views see every customer's orders at once, so each order says whose it is, and
// each customer's first order decides which cohort they belong to and when they were new.
import type { AnalyticsOrder } from "./analytics-order";

export interface StoreOrder extends AnalyticsOrder {
  /** The resolved customer; null for a sale nobody was attached to (a walk-in). */
  customerId: string | null;
}

/**
 * Each customer's first order: the date given by the caller (their first counted order over all
 * history, when `orders` is only a slice of it), else the earliest of the counted orders here.
 * Customers whose first order is after asOf did not exist yet and are left out.
 */
export function resolveFirstOrderDates(
  countedOrders: readonly StoreOrder[],
  given: ReadonlyMap<string, Date> | undefined,
  asOf: Date,
): Map<string, Date> {
  const firstOrderAt = new Map<string, Date>();
  for (const order of countedOrders) {
    if (order.customerId === null || given?.has(order.customerId)) continue;
    const current = firstOrderAt.get(order.customerId);
    if (current === undefined || order.placedAt < current) {
      firstOrderAt.set(order.customerId, order.placedAt);
    }
  }
  for (const [customerId, date] of given ?? []) {
    if (date.getTime() <= asOf.getTime()) firstOrderAt.set(customerId, date);
  }
  return firstOrderAt;
}
