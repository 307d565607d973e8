// One order as analytics sees it, whichever systems it came from. X-Series figures win once the
// sale exists (they include in-store edits); the eCom side wins on cancellations and refunds,
// which X-Series is slow to reflect (ecom-csv.md §4.2).
import Decimal from "decimal.js";
import { DomainError } from "../errors/domain-error";
import { recogniseEcomSale } from "../lightspeed/ecom-sale";
import { classifyEcomPayment, isEcomDeliveryCancelled } from "./ecom-status";
import { type EcomOrderFacts, type RetailSaleFacts, saleStateOf } from "./order-facts";
import { type OrderSources, orderKeyOfSale } from "./order-key";

export type CanonicalOrderStatus = "OPEN" | "COMPLETED" | "VOIDED" | "CANCELLED" | "REFUNDED";

export interface CanonicalOrder {
  key: string;
  channel: "RETAIL" | "ECOM";
  status: CanonicalOrderStatus;
  placedAt: Date;
  /** What the customer paid, tax included, net of loyalty redemptions. */
  total: Decimal;
  refundedTotal: Decimal;
  retailSaleId: string | null;
  ecomOrderNumber: string | null;
  retailCustomerId: string | null;
  matchedBy: OrderSources["matchedBy"];
  /** The sale's created_at: when the order reached X-Series. */
  reachedRetailAt: Date | null;
  /** When we first saw the sale; a backfill sets it long after the sale reached X-Series. */
  firstSeenInRetailAt: Date | null;
  syncDelaySeconds: number | null;
  source: "retail" | "ecom_synced" | "ecom_unsynced";
  /** False for VOIDED and CANCELLED: voided and deleted sales leave the analytics. */
  countsInAnalytics: boolean;
}

export function buildCanonicalOrder(sources: OrderSources): CanonicalOrder {
  const { sale, ecomOrder } = sources;
  const { placedAt, total } = orderFigures(sources);
  const channel = ecomOrder !== null || isEcomSale(sale) ? "ECOM" : "RETAIL";

  let status = baseStatus(sale, ecomOrder);
  const refundedTotal = capRefund(
    sources.returns.reduce(
      (sum, ret) => sum.plus(ret.totalPrice.plus(ret.totalTax).abs()),
      status === "REFUNDED" ? total : new Decimal(0),
    ),
    total,
  );
  // Returns in X-Series that cover the whole order refund it, even when eCom does not say so. A
  // voided or cancelled order stays so: it already left the analytics.
  if ((status === "OPEN" || status === "COMPLETED") && total.gt(0) && refundedTotal.gte(total)) {
    status = "REFUNDED";
  }

  const reachedRetailAt = sale?.createdAt ?? null;
  return {
    key: sources.key,
    channel,
    status,
    placedAt,
    total,
    refundedTotal,
    retailSaleId: sale?.id ?? null,
    ecomOrderNumber: ecomOrder?.orderNumber ?? saleOrderNumber(sale),
    retailCustomerId: sale?.customerId ?? null,
    matchedBy: sources.matchedBy,
    reachedRetailAt,
    firstSeenInRetailAt: sale?.firstSeenAt ?? null,
    syncDelaySeconds:
      channel === "ECOM" && reachedRetailAt !== null
        ? secondsBetween(placedAt, reachedRetailAt)
        : null,
    source: channel === "RETAIL" ? "retail" : sale !== null ? "ecom_synced" : "ecom_unsynced",
    countsInAnalytics: status !== "VOIDED" && status !== "CANCELLED",
  };
}

// When the customer ordered, and what they paid: X-Series figures are preferred once present.
function orderFigures({ key, sale, ecomOrder }: OrderSources): { placedAt: Date; total: Decimal } {
  if (sale !== null) {
    return { placedAt: ecomOrder?.placedAt ?? sale.saleDate, total: saleTotal(sale) };
  }
  if (ecomOrder !== null) return { placedAt: ecomOrder.placedAt, total: ecomOrder.total };
  throw new DomainError("BAD_INPUT", "An order needs a sale or an eCom order", {
    details: { key },
  });
}

// total_price is tax exclusive, and the eCom total excludes points redeemed in X-Series (§4.2):
// net of loyalty, the sale's figure is comparable with the eCom one.
function saleTotal(sale: RetailSaleFacts): Decimal {
  return sale.totalPrice.plus(sale.totalTax).minus(sale.loyaltyPaid);
}

function baseStatus(
  sale: RetailSaleFacts | null,
  ecomOrder: EcomOrderFacts | null,
): CanonicalOrderStatus {
  const saleState = sale === null ? null : saleStateOf(sale);
  if (saleState === "voided") return "VOIDED";

  const payment =
    ecomOrder === null
      ? null
      : classifyEcomPayment(ecomOrder.paymentStatusCode, ecomOrder.paymentStatusLabel);
  // X-Series lags on these: a sale still awaiting pickup may belong to a cancelled order.
  if (
    payment === "CANCELLED" ||
    (ecomOrder !== null &&
      isEcomDeliveryCancelled(ecomOrder.fulfillmentStatusCode, ecomOrder.fulfillmentStatusLabel))
  ) {
    return "CANCELLED";
  }
  if (payment === "REFUNDED") return "REFUNDED";

  if (saleState === "closed") return "COMPLETED";
  if (saleState === "pending" || saleState === "parked") return "OPEN";

  // No sale, or one whose state we cannot read: the eCom payment decides.
  // A partial refund leaves a completed order; the amount is unknown here, so nothing is refunded.
  if (payment === "PAID" || payment === "PARTIALLY_REFUNDED") return "COMPLETED";
  return "OPEN";
}

function capRefund(refunded: Decimal, total: Decimal): Decimal {
  return Decimal.min(refunded, Decimal.max(total, 0));
}

function isEcomSale(sale: RetailSaleFacts | null): boolean {
  return (
    sale !== null &&
    recogniseEcomSale({ source: sale.source, source_id: sale.sourceId, note: sale.note }).isEcom
  );
}

function saleOrderNumber(sale: RetailSaleFacts | null): string | null {
  if (sale === null) return null;
  const key = orderKeyOfSale(sale);
  return key.kind === "ecom" ? key.orderNumber : null;
}

// Whole seconds; never negative, because the eCom and X-Series clocks differ by up to a minute.
function secondsBetween(from: Date, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - from.getTime()) / 1000));
}
