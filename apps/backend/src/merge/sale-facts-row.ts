// One X-Series sale read from the mirror as the merge rules take it (RetailSaleFacts), shared by
// the merge and the export reconciliation: the same columns, the same payment sums, one mapping.
import type { RetailSaleFacts } from "@greenloop/order-sync/merge";
import Decimal from "decimal.js";

/** The columns as the database answers them: money as text, the sale date not yet chosen. */
export type SaleFactsRow = Pick<
  RetailSaleFacts,
  | "id"
  | "customerId"
  | "source"
  | "sourceId"
  | "note"
  | "status"
  | "state"
  | "returnFor"
  | "deletedAt"
  | "firstSeenAt"
> & {
  totalPrice: string | null;
  totalTax: string | null;
  loyaltyPaid: string;
  /** Null when the sale has no payments (unpaid). */
  nonLoyaltyPaid: string | null;
  saleDate: Date | null;
  remoteCreatedAt: Date | null;
};

/** Select list over `"RetailSale" s` joined with `saleFactsPayments`. */
export const saleFactsColumns = `s.id, s."customerId", s.source, s."sourceId", s.note, s.status, s.state,
  s."returnFor", s."totalPrice"::text AS "totalPrice", s."totalTax"::text AS "totalTax",
  coalesce(pay.loyalty, 0)::text AS "loyaltyPaid",
  CASE WHEN pay.count > 0 THEN coalesce(pay."nonLoyalty", 0)::text END AS "nonLoyaltyPaid",
  s."saleDate", s."remoteCreatedAt", s."deletedAt", s."firstSeenAt"`;

// The payment's name as the stored payload has it: `name` in API 2.0, `type.name` in the date-based
// API (reference §5.9); the mirror keeps what Lightspeed sent, in either shape.
const paymentName = `lower(coalesce(p->>'name', p->'type'->>'name', ''))`;

// Redeemed points are paid as a payment named "Loyalty"; the eCom total leaves them out.
export const saleFactsPayments = `LEFT JOIN LATERAL (
    SELECT count(*) AS count,
           sum((p->>'amount')::numeric) FILTER (WHERE ${paymentName} LIKE 'loyalty%') AS loyalty,
           sum((p->>'amount')::numeric) FILTER (WHERE ${paymentName} NOT LIKE 'loyalty%') AS "nonLoyalty"
      FROM jsonb_array_elements(CASE WHEN jsonb_typeof(s.payload->'payments') = 'array'
                                     THEN s.payload->'payments' ELSE '[]'::jsonb END) AS p
  ) pay ON true`;

export function toSaleFacts(row: SaleFactsRow): RetailSaleFacts {
  return {
    id: row.id,
    customerId: row.customerId,
    source: row.source,
    sourceId: row.sourceId,
    note: row.note,
    status: row.status,
    state: row.state,
    returnFor: row.returnFor,
    totalPrice: new Decimal(row.totalPrice ?? 0),
    totalTax: new Decimal(row.totalTax ?? 0),
    loyaltyPaid: new Decimal(row.loyaltyPaid),
    saleDate: row.saleDate ?? row.remoteCreatedAt ?? row.firstSeenAt,
    createdAt: row.remoteCreatedAt,
    deletedAt: row.deletedAt,
    firstSeenAt: row.firstSeenAt,
  };
}
