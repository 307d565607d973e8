// Groups rows into orders: an order is the run of consecutive rows with its order number (one
// row per item). An order number that comes back after other orders is rejected, as is a row
// without one; a row-level defect rejects the whole order it belongs to.
import { detachString } from "./detach-string";
import type { EcomCsvIssue } from "./ecom-order";
import type { RowFields } from "./map-row-fields";
import { OrderNumberIndex } from "./order-number-index";
import type { CsvRecord, UnreadableRest } from "./read-csv-records";

/** An order's rows as read, before its values are checked and converted. */
export interface PendingOrder {
  orderNumber: string;
  rows: string[][];
  records: string[];
  lines: number[];
  /** Problems found while grouping: any rejects the order without further checks. */
  issues: EcomCsvIssue[];
}

export interface OrderGroupSink {
  /** An order's rows are all read (the next order started or the file ended). */
  completeOrder(pending: PendingOrder): void;
  /** A row (or the unreadable rest of the file) that belongs to no order. */
  rejectRow(issue: EcomCsvIssue): void;
}

export class OrderGrouper {
  private current: PendingOrder | null = null;
  // Every order number seen, to reject an order whose rows are not contiguous.
  private readonly firstLineOf = new OrderNumberIndex();
  private readonly orderNumberAt: number;
  private readonly orderNumberColumn: string | null;

  constructor(
    fields: RowFields,
    private readonly sink: OrderGroupSink,
  ) {
    this.orderNumberAt = fields.indexOf("orderNumber");
    this.orderNumberColumn = fields.columnName("orderNumber");
  }

  add({ row, text, line, problem, problemColumn }: CsvRecord): void {
    const orderNumber = (row[this.orderNumberAt] ?? "").trim();
    if (orderNumber === "") {
      this.sink.rejectRow({
        line,
        column: problem === null ? this.orderNumberColumn : null,
        orderNumber: null,
        message: problem ?? "missing order number",
      });
      return;
    }
    let current = this.current;
    if (current === null || current.orderNumber !== orderNumber) {
      if (current !== null) this.complete(current);
      current = { orderNumber, rows: [], records: [], lines: [], issues: [] };
      this.current = current;
      const seenAt = this.firstLineOf.get(orderNumber);
      if (seenAt !== undefined) {
        current.issues.push({
          line,
          column: this.orderNumberColumn,
          orderNumber,
          message: `order ${orderNumber} appears again after other orders (first seen on line ${seenAt}); the rows of one order must be contiguous, so these rows are rejected`,
        });
      }
    }
    current.rows.push(row);
    current.records.push(text);
    current.lines.push(line);
    if (problem !== null) {
      current.issues.push({
        line,
        column: problemColumn,
        orderNumber,
        message: `order ${orderNumber}: ${problem}; the whole order is rejected`,
      });
    }
  }

  /** The file could not be read on: reject the rest, and the open order if it may continue there. */
  rejectUnreadable({ line, row, message }: UnreadableRest): void {
    this.sink.rejectRow({ line, column: null, orderNumber: null, message });
    const open = this.current;
    if (open !== null && open.orderNumber === (row[this.orderNumberAt] ?? "").trim()) {
      open.issues.push({
        line,
        column: null,
        orderNumber: open.orderNumber,
        message: `order ${open.orderNumber}: may continue in the unreadable part of the file; the whole order is rejected`,
      });
    }
  }

  /** Completes the last order. */
  finish(): void {
    if (this.current !== null) this.complete(this.current);
    this.current = null;
  }

  private complete(pending: PendingOrder): void {
    // Kept for the whole file: a string key must not keep its chunk alive.
    this.firstLineOf.add(pending.orderNumber, pending.lines[0] ?? 0, detachString);
    this.sink.completeOrder(pending);
  }
}
