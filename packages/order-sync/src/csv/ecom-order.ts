// What the eCom CSV parser produces and the importer persists: one order per order number, with
// its line items, exact decimals, UTC times, and where in the file each value came from. The
// parser shares one Decimal between equal amounts: treat them as the immutable values they are.
import type Decimal from "decimal.js";
import type { EcomExportFormatName } from "./formats/format-names";

/** A built-in format's name, or "mapping" for a user-supplied column mapping. */
export type EcomCsvFormat = EcomExportFormatName | "mapping";

export interface EcomOrderItem {
  /** 0-based position of the item within its order in the file: the idempotency key. */
  position: number;
  sku: string | null;
  name: string;
  options: string | null;
  quantity: Decimal;
  unitPrice: Decimal;
  total: Decimal;
}

export interface ParsedEcomOrder {
  /** Treated as a string: Ecwid numbers are digits today, alphanumeric for newer stores. */
  orderNumber: string;
  /** Store-local time converted to UTC with the configured time zone. */
  placedAt: Date;
  /** Trimmed and lower-cased; null when absent. */
  email: string | null;
  /** As written (trimmed); normalization to E.164 belongs to the merge step. */
  phone: string | null;
  customerName: string | null;
  paymentStatusCode: string | null;
  paymentStatusLabel: string | null;
  fulfillmentStatusCode: string | null;
  fulfillmentStatusLabel: string | null;
  subtotal: Decimal | null;
  tax: Decimal | null;
  shipping: Decimal | null;
  discount: Decimal | null;
  total: Decimal;
  /** The export's `X-series Order ID`: a lagging hint, never the join key. */
  xseriesOrderIdHint: string | null;
  /**
   * The customer's answer to the marketing question at checkout (`accept_marketing`, `Accepts
   * Marketing`): null when the export has no such column or the cell is blank (unknown, not no).
   */
  acceptsMarketing: boolean | null;
  items: EcomOrderItem[];
  /**
   * The order's CSV records exactly as in the file (quotes kept, without the line break that ends
   * each), one per row: the audit copy the importer stores. Read them with the export's header.
   */
  records: string[];
  /**
   * The order's rows as header → value objects. The parser computes them from `records` on
   * access (nothing is kept per column while streaming), so read them sparingly.
   */
  readonly rows: Array<Record<string, string>>;
  /** 1-based physical line numbers in the file where the order's rows start. */
  lines: number[];
}

/** One rejected row or order: where (file line, column) and why. */
export interface EcomCsvIssue {
  /** 1-based physical line number in the file (a quoted field may span lines: its first line). */
  line: number;
  /** The header name of the offending column, or null for the whole row/order. */
  column: string | null;
  message: string;
  /** The order number, when known. */
  orderNumber?: string | null;
  /** For an order rejected because its rows disagree: the lines of the rows that disagree. */
  lines?: number[];
}

/** What the parser yields as it streams: complete orders and the issues found so far. */
export interface EcomCsvBatch {
  orders: ParsedEcomOrder[];
  rejected: EcomCsvIssue[];
  /** Data rows read so far (not counting the header). */
  rowsRead: number;
  /** Rows that belonged to rejected orders or were rejected alone, so far. */
  rowsRejected: number;
  /**
   * The name of the export's format as recognised from its header (parseEcomCsv always sets it):
   * an EcomCsvFormat, or the name of a format passed in the parser's options.
   */
  format?: string;
}
