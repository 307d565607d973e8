// Compares an eCom order export with what X-Series holds, batch by batch as the parser streams it:
// which orders matched, which never reached X-Series, whose totals or statuses disagree. Totals are
// compared net of loyalty: the export's order_total is the sale's non-Loyalty payments (§4.2).
import type { Database } from "@greenloop/db";
import type { EcomCsvBatch, ParsedEcomOrder } from "@greenloop/order-sync/csv";
import {
  type CanonicalOrderStatus,
  type EcomOrderFacts,
  groupOrderSources,
  type OrderMatch,
  type OrderSources,
} from "@greenloop/order-sync/merge";
import Decimal from "decimal.js";
import { loadReconcileSales, type ReconcileSale } from "./reconcile-sales";
import { exportStatusOf, isStatusMismatch, xseriesStatusOf } from "./reconcile-status";

export type ReconcileCategory =
  | "matched"
  | "missing_in_xseries"
  | "total_mismatch"
  | "status_mismatch";

export interface ReconciledOrder {
  ecomOrderNumber: string;
  placedAt: Date;
  category: ReconcileCategory;
  /** The export's order_total. */
  exportTotal: Decimal;
  /** The sale's non-Loyalty payments, or total_price + total_tax − loyalty when it has none. */
  xseriesTotal: Decimal | null;
  /** xseriesTotal − exportTotal; null when no sale matched. */
  difference: Decimal | null;
  /** Points redeemed on the sale (its "Loyalty" payments); null when no sale matched. */
  loyaltyPaid: Decimal | null;
  exportStatus: CanonicalOrderStatus;
  xseriesStatus: CanonicalOrderStatus | null;
  retailSaleId: string | null;
  matchedBy: Exclude<OrderMatch, "UNMATCHED"> | null;
}

export interface ReconcileCounts {
  orders: number;
  matched: number;
  missingInXSeries: number;
  totalMismatch: number;
  statusMismatch: number;
  rejectedRows: number;
}

export interface ReconcileResult {
  counts: ReconcileCounts;
  /** In file order. */
  orders: ReconciledOrder[];
}

export interface ReconcileExportOptions {
  source: AsyncIterable<EcomCsvBatch>;
  /** Largest total difference still counted as equal; default 0.01. */
  tolerance?: Decimal;
}

const countKey = {
  matched: "matched",
  missing_in_xseries: "missingInXSeries",
  total_mismatch: "totalMismatch",
  status_mismatch: "statusMismatch",
} as const satisfies Record<ReconcileCategory, keyof ReconcileCounts>;

export async function reconcileExport(
  db: Pick<Database, "prisma">,
  { source, tolerance = new Decimal("0.01") }: ReconcileExportOptions,
): Promise<ReconcileResult> {
  const counts: ReconcileCounts = {
    orders: 0,
    matched: 0,
    missingInXSeries: 0,
    totalMismatch: 0,
    statusMismatch: 0,
    rejectedRows: 0,
  };
  const orders: ReconciledOrder[] = [];
  for await (const batch of source) {
    // The parser's counts are running totals.
    counts.rejectedRows = batch.rowsRejected;
    if (batch.orders.length === 0) continue;
    for (const order of await reconcileBatch(db, batch.orders, tolerance)) {
      counts.orders += 1;
      counts[countKey[order.category]] += 1;
      orders.push(order);
    }
  }
  return { counts, orders };
}

async function reconcileBatch(
  db: Pick<Database, "prisma">,
  parsed: readonly ParsedEcomOrder[],
  tolerance: Decimal,
): Promise<ReconciledOrder[]> {
  const ecomOrders = parsed.map(toEcomFacts);
  const hints = ecomOrders.flatMap((order) => {
    const hint = order.xseriesOrderIdHint?.trim() ?? "";
    return hint === "" ? [] : [hint];
  });
  const sales = await loadReconcileSales(
    db,
    ecomOrders.map((order) => order.orderNumber),
    hints,
  );
  const salesById = new Map(sales.map((sale) => [sale.id, sale]));
  const byNumber = new Map<string, OrderSources>();
  for (const group of groupOrderSources({ sales, ecomOrders })) {
    if (group.ecomOrder !== null) byNumber.set(group.ecomOrder.orderNumber, group);
  }
  return ecomOrders.map((ecomOrder) => {
    const group = byNumber.get(ecomOrder.orderNumber);
    const sale = group?.sale ? (salesById.get(group.sale.id) ?? null) : null;
    return reconcileOrder(ecomOrder, sale, group, tolerance);
  });
}

function reconcileOrder(
  ecomOrder: EcomOrderFacts,
  sale: ReconcileSale | null,
  group: OrderSources | undefined,
  tolerance: Decimal,
): ReconciledOrder {
  const exportStatus = exportStatusOf(ecomOrder);
  const base = {
    ecomOrderNumber: ecomOrder.orderNumber,
    placedAt: ecomOrder.placedAt,
    exportTotal: ecomOrder.total,
    exportStatus,
  };
  if (sale === null || group === undefined || group.matchedBy === "UNMATCHED") {
    return {
      ...base,
      category: "missing_in_xseries",
      xseriesTotal: null,
      difference: null,
      loyaltyPaid: null,
      xseriesStatus: null,
      retailSaleId: null,
      matchedBy: null,
    };
  }
  const xseriesTotal =
    sale.nonLoyaltyPaid ?? sale.totalPrice.plus(sale.totalTax).minus(sale.loyaltyPaid);
  const difference = xseriesTotal.minus(ecomOrder.total);
  const xseriesStatus = xseriesStatusOf(sale, group.returns);
  const category: ReconcileCategory = isStatusMismatch(exportStatus, xseriesStatus)
    ? "status_mismatch"
    : totalsAgree(difference, sale.loyaltyPaid, tolerance)
      ? "matched"
      : "total_mismatch";
  return {
    ...base,
    category,
    xseriesTotal,
    difference,
    loyaltyPaid: sale.loyaltyPaid,
    xseriesStatus,
    retailSaleId: sale.id,
    matchedBy: group.matchedBy,
  };
}

// Net of loyalty the totals should be equal; an export that counted the redeemed points anyway
// differs by exactly the Loyalty payment, which is the known difference, not a problem.
function totalsAgree(difference: Decimal, loyaltyPaid: Decimal, tolerance: Decimal): boolean {
  if (difference.abs().lte(tolerance)) return true;
  return loyaltyPaid.gt(0) && difference.plus(loyaltyPaid).abs().lte(tolerance);
}

function toEcomFacts(order: ParsedEcomOrder): EcomOrderFacts {
  return {
    orderNumber: order.orderNumber,
    placedAt: order.placedAt,
    total: order.total,
    paymentStatusCode: order.paymentStatusCode,
    paymentStatusLabel: order.paymentStatusLabel,
    fulfillmentStatusCode: order.fulfillmentStatusCode,
    fulfillmentStatusLabel: order.fulfillmentStatusLabel,
    xseriesOrderIdHint: order.xseriesOrderIdHint,
  };
}
