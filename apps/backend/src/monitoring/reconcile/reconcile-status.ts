// Whether an order is still alive or has ended, on each side of the reconciliation: the one place
// that decides what counts as a status mismatch. Both sides are read through the merge's canonical
// status, so the eCom code tables (ecom-status.ts) and the sale lifecycle are reused, not copied.
import {
  buildCanonicalOrder,
  type CanonicalOrderStatus,
  type EcomOrderFacts,
  type RetailSaleFacts,
} from "@greenloop/order-sync/merge";

/** What the export says of the order, from its payment and fulfillment statuses only. */
export function exportStatusOf(ecomOrder: EcomOrderFacts): CanonicalOrderStatus {
  return buildCanonicalOrder({
    key: `ecom:${ecomOrder.orderNumber}`,
    ecomOrder,
    sale: null,
    matchedBy: "UNMATCHED",
    returns: [],
    duplicateSales: [],
  }).status;
}

/** What X-Series says of the order, from the sale's state and its returns only. */
export function xseriesStatusOf(
  sale: RetailSaleFacts,
  returns: RetailSaleFacts[],
): CanonicalOrderStatus {
  return buildCanonicalOrder({
    key: `retail:${sale.id}`,
    ecomOrder: null,
    sale,
    matchedBy: "UNMATCHED",
    returns,
    duplicateSales: [],
  }).status;
}

// Open and completed orders are alive (X-Series lags on pickups and shipping, so pending vs
// closed is not a mismatch); cancelled, refunded and voided ones have ended.
const ended = new Set<CanonicalOrderStatus>(["CANCELLED", "REFUNDED", "VOIDED"]);

/** A mismatch: one side says the order ended (cancelled, refunded, voided), the other does not. */
export function isStatusMismatch(
  exportStatus: CanonicalOrderStatus,
  xseriesStatus: CanonicalOrderStatus,
): boolean {
  return ended.has(exportStatus) !== ended.has(xseriesStatus);
}
