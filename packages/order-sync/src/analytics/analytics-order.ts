// The order as analytics reads it: a canonical order (merge/canonical-order.ts) cut down to what
// the metrics need, so the math runs the same on merged orders and on rows from the database.
import type Decimal from "decimal.js";
import { DomainError } from "../errors/domain-error";

export type OrderChannel = "RETAIL" | "ECOM";

export interface AnalyticsOrderItem {
  name: string;
  category?: string | null;
  brand?: string | null;
  quantity: Decimal;
  /** What the line cost the customer. */
  total: Decimal;
}

export interface AnalyticsOrder {
  id: string;
  placedAt: Date;
  /** What the customer paid, tax included. */
  total: Decimal;
  refundedTotal: Decimal;
  channel: OrderChannel;
  /** False for voided and cancelled orders: for analytics they never happened. */
  countsInAnalytics: boolean;
  items?: AnalyticsOrderItem[];
}

export interface OrderSelection {
  asOf: Date;
  countFullyRefundedOrders: boolean;
}

/** What the order is worth to the store: the total net of refunds. */
export function netSpendOf(order: AnalyticsOrder): Decimal {
  return order.total.minus(order.refundedTotal);
}

/** Refunded down to nothing; a free order (total 0, nothing refunded) is still an order. */
export function isFullyRefunded(order: AnalyticsOrder): boolean {
  return order.refundedTotal.gt(0) && order.refundedTotal.gte(order.total);
}

/**
 * The orders every metric counts, customer-level and store-level alike, which is what makes the
 * customer totals add up to the store total. Orders placed after asOf are left out so that a
 * recompute for a past date gives the numbers that date would have shown.
 */
export function selectCountedOrders<T extends AnalyticsOrder>(
  orders: readonly T[],
  { asOf, countFullyRefundedOrders }: OrderSelection,
): T[] {
  assertValidDate(asOf, "asOf");
  const asOfTime = asOf.getTime();
  return orders.filter((order) => {
    assertValidDate(order.placedAt, "placedAt", order.id);
    return (
      order.countsInAnalytics &&
      order.placedAt.getTime() <= asOfTime &&
      (countFullyRefundedOrders || !isFullyRefunded(order))
    );
  });
}

function assertValidDate(date: Date, field: string, orderId?: string): void {
  if (Number.isNaN(date.getTime())) {
    throw new DomainError("BAD_INPUT", `Analytics needs a valid ${field}`, {
      details: orderId === undefined ? { field } : { field, orderId },
    });
  }
}
