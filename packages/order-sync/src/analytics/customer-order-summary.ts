// What a customer's counted orders add up to, as one row: everything the metrics and the CLV
// summary need except the favourites. The database computes the same row with one GROUP BY
// (the full recompute does, instead of loading every order); `summarizeCustomerOrders` is the
// same definition over orders in memory, and the metrics are derived from the row either way.
import Decimal from "decimal.js";
import type { AnalyticsConfig } from "./analytics-config";
import { type AnalyticsOrder, netSpendOf, selectCountedOrders } from "./analytics-order";
import type { RfmSummary } from "./clv/rfm-summary";
import { utcDayNumber, utcDaysBetween } from "./utc-calendar";

export interface CustomerOrderSummary {
  /** Counted orders (selectCountedOrders). */
  orderCount: number;
  ecomOrderCount: number;
  /** Net spend over the counted orders. */
  totalSpend: Decimal;
  /** Net spend and orders placed fewer than config.rollingWindowDays UTC days before asOf. */
  spend90d: Decimal;
  orders90d: number;
  firstOrderAt: Date | null;
  lastOrderAt: Date | null;
  /** Distinct UTC days with a counted order. */
  purchaseDays: number;
  /** Net spend of the counted orders placed after the first order's UTC day (the repeat days). */
  repeatDaySpend: Decimal;
}

/** A customer without counted orders. */
export const emptyCustomerOrderSummary: CustomerOrderSummary = Object.freeze({
  orderCount: 0,
  ecomOrderCount: 0,
  totalSpend: new Decimal(0),
  spend90d: new Decimal(0),
  orders90d: 0,
  firstOrderAt: null,
  lastOrderAt: null,
  purchaseDays: 0,
  repeatDaySpend: new Decimal(0),
});

/** The summary of one customer's orders (in any order) as of `asOf`. */
export function summarizeCustomerOrders(
  orders: readonly AnalyticsOrder[],
  { asOf, config }: { asOf: Date; config: AnalyticsConfig },
): CustomerOrderSummary {
  const counted = selectCountedOrders(orders, {
    asOf,
    countFullyRefundedOrders: config.countFullyRefundedOrders,
  });
  let totalSpend = new Decimal(0);
  let spend90d = new Decimal(0);
  let orders90d = 0;
  let ecomOrderCount = 0;
  let firstOrderAt: Date | null = null;
  let lastOrderAt: Date | null = null;
  const spendByDay = new Map<number, Decimal>();
  for (const order of counted) {
    const net = netSpendOf(order);
    totalSpend = totalSpend.plus(net);
    if (utcDaysBetween(order.placedAt, asOf) < config.rollingWindowDays) {
      spend90d = spend90d.plus(net);
      orders90d += 1;
    }
    if (order.channel === "ECOM") ecomOrderCount += 1;
    if (firstOrderAt === null || order.placedAt < firstOrderAt) firstOrderAt = order.placedAt;
    if (lastOrderAt === null || order.placedAt > lastOrderAt) lastOrderAt = order.placedAt;
    const day = utcDayNumber(order.placedAt);
    spendByDay.set(day, (spendByDay.get(day) ?? new Decimal(0)).plus(net));
  }
  const firstDaySpend =
    firstOrderAt === null ? new Decimal(0) : (spendByDay.get(utcDayNumber(firstOrderAt)) ?? 0);
  return {
    orderCount: counted.length,
    ecomOrderCount,
    totalSpend,
    spend90d,
    orders90d,
    firstOrderAt,
    lastOrderAt,
    purchaseDays: spendByDay.size,
    repeatDaySpend: totalSpend.minus(firstDaySpend),
  };
}

/**
 * The CLV models' (frequency, recency, T, monetaryValue) summary, as `summarizeTransactions` builds
 * it from the counted orders' net spend with `observationEnd` = asOf; null without counted orders.
 * The repeat days' spend is summed exactly before it turns into a float (the models' currency).
 */
export function clvSummaryOf(
  summary: CustomerOrderSummary,
  { asOf, periodDays }: { asOf: Date; periodDays: number },
): RfmSummary | null {
  const { firstOrderAt, lastOrderAt, purchaseDays } = summary;
  if (firstOrderAt === null || lastOrderAt === null || purchaseDays === 0) return null;
  const firstDay = utcDayNumber(firstOrderAt);
  const frequency = purchaseDays - 1;
  return {
    frequency,
    recency: (utcDayNumber(lastOrderAt) - firstDay) / periodDays,
    T: (utcDayNumber(asOf) - firstDay) / periodDays,
    monetaryValue: frequency > 0 ? summary.repeatDaySpend.toNumber() / frequency : 0,
  };
}
