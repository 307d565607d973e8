// The reconciliation as a spreadsheet: one row per order (spreadsheet-csv.ts quotes the cells and
// keeps formulas from running).
import { csvLine } from "../../spreadsheet-csv";
import type { ReconciledOrder } from "./reconcile-export";

const header = [
  "ecom_order_number",
  "placed_at",
  "category",
  "export_total",
  "xseries_total",
  "difference",
  "loyalty_paid",
  "export_status",
  "xseries_status",
  "retail_sale_id",
  "matched_by",
] as const;

/** The header line, then one line per order; CRLF line ends as RFC 4180 says. */
export function* reconcileCsvLines(orders: Iterable<ReconciledOrder>): Generator<string> {
  yield csvLine(header);
  for (const order of orders) {
    yield csvLine([
      order.ecomOrderNumber,
      order.placedAt.toISOString(),
      order.category,
      order.exportTotal.toFixed(2),
      order.xseriesTotal?.toFixed(2) ?? "",
      order.difference?.toFixed(2) ?? "",
      order.loyaltyPaid?.toFixed(2) ?? "",
      order.exportStatus,
      order.xseriesStatus ?? "",
      order.retailSaleId ?? "",
      order.matchedBy ?? "",
    ]);
  }
}
