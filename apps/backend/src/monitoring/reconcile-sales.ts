// The live X-Series sales an export batch can match, in one set-based query: sales claiming the
// batch's order numbers (source_id or the note's "Order ID:"), the sales its `X-series Order ID`
// hints name, and the returns of all of those. Which sale matches which order is decided by the
// merge's rules (groupOrderSources), not here.
import type { Database } from "@greenloop/db";
import type { RetailSaleFacts } from "@greenloop/order-sync/merge";
import Decimal from "decimal.js";

export interface ReconcileSale extends RetailSaleFacts {
  /** Sum of the payments not named "Loyalty"; null when the sale has no payments (unpaid). */
  nonLoyaltyPaid: Decimal | null;
}

interface SaleRow {
  id: string;
  customerId: string | null;
  source: string | null;
  sourceId: string | null;
  note: string | null;
  status: string | null;
  state: string | null;
  returnFor: string | null;
  totalPrice: string | null;
  totalTax: string | null;
  loyaltyPaid: string;
  nonLoyaltyPaid: string | null;
  saleDate: Date | null;
  remoteCreatedAt: Date | null;
  deletedAt: Date | null;
  firstSeenAt: Date;
}

// Redeemed points are paid as a payment named "Loyalty"; the eCom total leaves them out (§4.2).
const columns = `s.id, s."customerId", s.source, s."sourceId", s.note, s.status, s.state, s."returnFor",
  s."totalPrice"::text AS "totalPrice", s."totalTax"::text AS "totalTax",
  coalesce(pay.loyalty, 0)::text AS "loyaltyPaid",
  CASE WHEN pay.count > 0 THEN coalesce(pay."nonLoyalty", 0)::text END AS "nonLoyaltyPaid",
  s."saleDate", s."remoteCreatedAt", s."deletedAt", s."firstSeenAt"`;
const payments = `LEFT JOIN LATERAL (
    SELECT count(*) AS count,
           sum((p->>'amount')::numeric) FILTER (WHERE lower(coalesce(p->>'name', '')) LIKE 'loyalty%') AS loyalty,
           sum((p->>'amount')::numeric) FILTER (WHERE lower(coalesce(p->>'name', '')) NOT LIKE 'loyalty%') AS "nonLoyalty"
      FROM jsonb_array_elements(CASE WHEN jsonb_typeof(s.payload->'payments') = 'array'
                                     THEN s.payload->'payments' ELSE '[]'::jsonb END) AS p
  ) pay ON true`;

/** Live sales (and their live returns) that may match these order numbers or hinted sale ids. */
export async function loadReconcileSales(
  db: Pick<Database, "prisma">,
  orderNumbers: readonly string[],
  hintedSaleIds: readonly string[],
): Promise<ReconcileSale[]> {
  if (orderNumbers.length === 0) return [];
  const rows = await db.prisma.$queryRawUnsafe<SaleRow[]>(
    `WITH claimed AS (
       SELECT id FROM "RetailSale"
        WHERE "deletedAt" IS NULL AND "returnFor" IS NULL
          AND ("sourceId" = ANY($1::text[])
               OR substring(note from '^\\s*Order ID:\\s*(\\d+)') = ANY($1::text[])
               OR id = ANY($2::text[])))
     SELECT ${columns} FROM "RetailSale" s ${payments}
      WHERE s."deletedAt" IS NULL
        AND (s.id IN (SELECT id FROM claimed) OR s."returnFor" IN (SELECT id FROM claimed))`,
    [...orderNumbers],
    [...hintedSaleIds],
  );
  return rows.map(toReconcileSale);
}

function toReconcileSale(row: SaleRow): ReconcileSale {
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
    nonLoyaltyPaid: row.nonLoyaltyPaid === null ? null : new Decimal(row.nonLoyaltyPaid),
    saleDate: row.saleDate ?? row.remoteCreatedAt ?? row.firstSeenAt,
    createdAt: row.remoteCreatedAt,
    deletedAt: row.deletedAt,
    firstSeenAt: row.firstSeenAt,
  };
}
