// The reconciliation as a spreadsheet: one row per order, RFC 4180 quoting, and every cell a
// spreadsheet could run as a formula (=, +, -, @, tab, CR first) prefixed with ' so it stays text.
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

function csvLine(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

/** One cell, neutralised against formula injection, then quoted when it needs to be. */
export function csvCell(value: string): string {
  // A negative amount also starts with "-": it is written as text too, which is the safe side.
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
