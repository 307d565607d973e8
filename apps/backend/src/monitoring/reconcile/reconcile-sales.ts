// The live X-Series sales an export batch can match, in one set-based query: sales claiming the
// batch's order numbers (source_id or the note's "Order ID:"), the sales its `X-series Order ID`
// hints name, and the returns of all of those. Which sale matches which order is decided by the
// merge's rules (groupOrderSources), not here.
import type { Database } from "@greenloop/db";
import type { RetailSaleFacts } from "@greenloop/order-sync/merge";
import Decimal from "decimal.js";
import {
  type SaleFactsRow,
  saleFactsColumns,
  saleFactsPayments,
  toSaleFacts,
} from "../../merge/sale-facts-row";

export interface ReconcileSale extends RetailSaleFacts {
  /** Sum of the payments not named "Loyalty"; null when the sale has no payments (unpaid). */
  nonLoyaltyPaid: Decimal | null;
}

/** Live sales (and their live returns) that may match these order numbers or hinted sale ids. */
export async function loadReconcileSales(
  db: Pick<Database, "prisma">,
  orderNumbers: readonly string[],
  hintedSaleIds: readonly string[],
): Promise<ReconcileSale[]> {
  if (orderNumbers.length === 0) return [];
  const rows = await db.prisma.$queryRawUnsafe<SaleFactsRow[]>(
    `WITH claimed AS (
       SELECT id FROM "RetailSale"
        WHERE "deletedAt" IS NULL AND "returnFor" IS NULL
          AND ("sourceId" = ANY($1::text[])
               OR substring(note from '^\\s*Order ID:\\s*(\\d+)') = ANY($1::text[])
               OR id = ANY($2::text[])))
     SELECT ${saleFactsColumns} FROM "RetailSale" s ${saleFactsPayments}
      WHERE s."deletedAt" IS NULL
        AND (s.id IN (SELECT id FROM claimed) OR s."returnFor" IN (SELECT id FROM claimed))`,
    [...orderNumbers],
    [...hintedSaleIds],
  );
  return rows.map(toReconcileSale);
}

function toReconcileSale(row: SaleFactsRow): ReconcileSale {
  return {
    ...toSaleFacts(row),
    nonLoyaltyPaid: row.nonLoyaltyPaid === null ? null : new Decimal(row.nonLoyaltyPaid),
  };
}
