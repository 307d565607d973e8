// What the merge rules need to know about one X-Series sale and one eCom order, already parsed:
// exact money, UTC dates, no raw payloads. Callers map their rows (or API objects) onto these.
import type Decimal from "decimal.js";
import { deriveSaleLifecycle, type SaleState } from "../lightspeed/schemas/sale";

export interface RetailSaleFacts {
  id: string;
  customerId: string | null;
  source: string | null;
  sourceId: string | null;
  note: string | null;
  /** Legacy status (e.g. `AWAITING_PICKUP`); only consulted when `state` is missing. */
  status: string | null;
  /** parked | pending | voided | closed */
  state: string | null;
  returnFor: string | null;
  /** Tax exclusive, like X-Series `total_price`. */
  totalPrice: Decimal;
  totalTax: Decimal;
  /** Sum of the sale's payments named "Loyalty" (redeemed points). */
  loyaltyPaid: Decimal;
  saleDate: Date;
  /** X-Series `created_at`: when the sale reached X-Series. */
  createdAt: Date | null;
  deletedAt: Date | null;
  /** When we first saw the sale (webhook or poll); a backfill sets it long after the fact. */
  firstSeenAt: Date;
}

export interface EcomOrderFacts {
  orderNumber: string;
  placedAt: Date;
  total: Decimal;
  paymentStatusCode: string | null;
  paymentStatusLabel: string | null;
  fulfillmentStatusCode: string | null;
  fulfillmentStatusLabel: string | null;
  /** The export's `X-series Order ID`: lagging and often empty (ecom-csv.md §4.2). */
  xseriesOrderIdHint: string | null;
}

/** The sale's lifecycle state, read from the legacy status when `state` is missing or unknown. */
export function saleStateOf(sale: RetailSaleFacts): SaleState | null {
  const state = sale.state?.trim().toLowerCase();
  if (state === "parked" || state === "pending" || state === "voided" || state === "closed") {
    return state;
  }
  return sale.status === null ? null : (deriveSaleLifecycle(sale.status.trim())?.state ?? null);
}
