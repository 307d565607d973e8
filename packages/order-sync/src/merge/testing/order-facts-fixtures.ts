// Made-up sale and eCom order facts for the merge tests. No real data.
import Decimal from "decimal.js";
import type { EcomOrderFacts, RetailSaleFacts } from "../order-facts";

/** The `source` X-Series gives sales that the eCom store pushed. */
export const ecwSource = "ecw:f00dfacecafe1234";

/** When the default eCom order was placed. */
export const ecomOrderPlacedAt = new Date("2026-01-05T17:58:00Z");

/** The note X-Series gives a synced eCom sale. */
export function ecomSaleNote(orderNumber: string): string {
  return `Order ID:${orderNumber}\nPickup time:\nMon, Jan 05, 2026, 8:00 PM`;
}

/** A closed in-store sale of 50.00 + 4.00 tax. */
export function buildSaleFacts(overrides: Partial<RetailSaleFacts> = {}): RetailSaleFacts {
  return {
    id: "sale-instore",
    customerId: null,
    source: "USER",
    sourceId: null,
    note: null,
    status: "CLOSED",
    state: "closed",
    returnFor: null,
    totalPrice: new Decimal("50.00"),
    totalTax: new Decimal("4.00"),
    loyaltyPaid: new Decimal(0),
    saleDate: new Date("2026-01-05T18:00:00Z"),
    createdAt: new Date("2026-01-05T18:00:02Z"),
    deletedAt: null,
    firstSeenAt: new Date("2026-01-05T18:00:30Z"),
    ...overrides,
  };
}

/** The pending X-Series sale of eCom order 10234, numbered by source_id and note. */
export function buildEcomSaleFacts(overrides: Partial<RetailSaleFacts> = {}): RetailSaleFacts {
  return buildSaleFacts({
    id: "sale-ecom",
    customerId: "customer-1",
    source: ecwSource,
    sourceId: "10234",
    note: ecomSaleNote("10234"),
    status: "AWAITING_PICKUP",
    state: "pending",
    ...overrides,
  });
}

/** Paid eCom order 10234 of 54.00, ready for pickup. */
export function buildEcomOrderFacts(overrides: Partial<EcomOrderFacts> = {}): EcomOrderFacts {
  return {
    orderNumber: "10234",
    placedAt: new Date(ecomOrderPlacedAt),
    total: new Decimal("54.00"),
    paymentStatusCode: "ACCEPTED",
    paymentStatusLabel: "Paid",
    fulfillmentStatusCode: "READY_FOR_PICKUP",
    fulfillmentStatusLabel: "Ready For Pickup",
    xseriesOrderIdHint: null,
    ...overrides,
  };
}
