// The orders the analytics count, written out again for the tests' brute-force recomputations
// (not selectCountedOrders itself, so they check it): counted, placed by asOf, and not refunded
// down to nothing (the default countFullyRefundedOrders: false).

interface StoredOrder {
  countsInAnalytics: boolean;
  placedAt: Date;
  total: { toString(): string };
  refundedTotal: { gt(value: number): boolean; gte(value: { toString(): string }): boolean };
}

export function countedOrdersAsOf<T extends StoredOrder>(orders: readonly T[], asOf: Date): T[] {
  return orders.filter(
    (o) =>
      o.countsInAnalytics &&
      o.placedAt <= asOf &&
      !(o.refundedTotal.gt(0) && o.refundedTotal.gte(o.total)),
  );
}
