// Streaming parser for eCom order exports: papaparse's low-level parser fed chunk by chunk (only the
// unfinished last record is carried over), rows grouped into orders, orders yielded in batches.
// Per row it keeps papaparse's cells until the order is complete and the record's raw text (the
// audit copy); no header → value object is built unless someone reads `order.rows`.
import { Decimal } from "decimal.js";
import Papa from "papaparse";
import {
  type ColumnField,
  type ColumnMapping,
  ECWID_MAPPING,
  resolveEcomCsvMapping,
} from "./column-mapping";
import { type EcomCsvInput, readCsvHeader, readTextChunks } from "./csv-text-input";
import { detachString } from "./detach-string";
import type {
  EcomCsvBatch,
  EcomCsvFormat,
  EcomCsvIssue,
  EcomOrderItem,
  ParsedEcomOrder,
} from "./ecom-order";
import { OrderNumberIndex } from "./order-number-index";
import { fulfillmentCodeFromLabel, paymentCodeFromLabel } from "./status-codes";
import { parseExportTimestamp, ZoneOffsets } from "./zoned-time";

export type { EcomCsvInput } from "./csv-text-input";

export interface ParseEcomCsvOptions {
  /** The store's IANA time zone (E-Series timestamps are store-local wall time), e.g. America/Chicago. */
  timeZone: string;
  format?: "auto" | EcomCsvFormat;
  /** Required when format is "mapping"; with "auto" a mapping wins over detection. */
  mapping?: ColumnMapping;
  /** Orders per yielded batch (default 1000). */
  batchSize?: number;
  /** For error messages only. */
  fileName?: string;
  /** Characters handed to the CSV parser at a time (default 1 MiB). */
  chunkChars?: number;
  /** A single record longer than this is treated as an unterminated quote (default 4 MiB). */
  maxRecordChars?: number;
}

const MONEY = /^[+-]?\d+(\.\d+)?$/;
const QUANTITY = /^\d+(\.\d+)?$/;
/** What the database's amounts hold (numeric(19, 5)): more is refused, not rounded or overflowed. */
const STORABLE_AMOUNT = /^[+-]?\d{1,14}(\.\d{1,5})?$/;
const AMOUNT_LIMITS = "at most 14 digits before the decimal point and 5 after";
const MAX_AMOUNT = new Decimal("1e14");

/** Order-level fields: one value per order, compared across the order's rows. */
const ORDER_FIELDS: ColumnField[] = [
  "placedAt",
  "email",
  "phone",
  "phoneFallback",
  "customerName",
  "customerNameFallback",
  "total",
  "subtotal",
  "tax",
  "shipping",
  "discount",
  "paymentStatusCode",
  "paymentStatusLabel",
  "fulfillmentStatusCode",
  "fulfillmentStatusLabel",
  "xseriesOrderId",
];
/** Fields whose values are safe to quote in issue messages (no personal data). */
const QUOTABLE_FIELDS = new Set<ColumnField>([
  "placedAt",
  "total",
  "subtotal",
  "tax",
  "shipping",
  "discount",
  "paymentStatusCode",
  "paymentStatusLabel",
  "fulfillmentStatusCode",
  "fulfillmentStatusLabel",
  "itemQuantity",
  "itemPrice",
  "itemTotal",
]);

type Columns = Record<ColumnField, number>;

interface PendingOrder {
  orderNumber: string;
  rows: string[][];
  records: string[];
  lines: number[];
  issues: EcomCsvIssue[];
}

/** What papaparse's low-level parser hands to `step`: one row, its errors, the cursor past it. */
interface StepResult {
  data: string[][];
  errors: Array<{ code: string }>;
  meta: { cursor: number };
}

function countChar(text: string, ch: string): number {
  let count = 0;
  for (let at = text.indexOf(ch); at !== -1; at = text.indexOf(ch, at + 1)) count++;
  return count;
}

/**
 * header → value objects for a fixed header. A compiled object literal gives every record one
 * hidden class, ~10× faster than adding 109 keys one by one. Keys are JSON-quoted (no injection);
 * `__proto__` goes through a computed key so it stays an own property. Duplicate header names:
 * the last column wins, as with assignment.
 */
function recordFactory(headers: readonly string[]): (row: string[]) => Record<string, string> {
  const fields = headers.map((name, i) => {
    const key = JSON.stringify(name);
    return `${name === "__proto__" ? `[${key}]` : key}: row[${i}] ?? ""`;
  });
  return new Function("row", `return { ${fields.join(", ")} };`) as (
    row: string[],
  ) => Record<string, string>;
}

/**
 * Parses an eCom order export as a stream. Yields batches of complete orders (an order is
 * complete when the next order number starts or the file ends) with the issues found so far.
 * Throws DomainError BAD_INPUT for an empty file, a non-CSV file, an unknown header or a bad mapping.
 */
export async function* parseEcomCsv(
  input: EcomCsvInput,
  options: ParseEcomCsvOptions,
): AsyncGenerator<EcomCsvBatch> {
  const zone = new ZoneOffsets(options.timeZone);
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 1000));
  const chunkChars = Math.max(1024, options.chunkChars ?? 1 << 20);
  const maxRecordChars = Math.max(1024, options.maxRecordChars ?? 4 << 20);
  const chunks = readTextChunks(input, chunkChars);

  const header = await readCsvHeader(chunks, options.fileName);
  const { newline } = header;
  const lineBreak = newline === "\r" ? "\r" : "\n";
  const { format, mapping, headers, delimiter } = resolveEcomCsvMapping(options, header.line);
  const papaConfig = { delimiter, newline, quoteChar: '"' };

  const columns = {} as Columns;
  for (const field of Object.keys(ECWID_MAPPING) as ColumnField[]) {
    const name = mapping[field];
    columns[field] = name === undefined ? -1 : headers.indexOf(name);
  }
  const orderColumns = ORDER_FIELDS.filter((field) => columns[field] >= 0);
  // E-Series repeats order fields on every row; Shopify (and, leniently, mappings) may leave them blank.
  const strictRepeat = format === "ecwid";
  const upperCaseStatus = format === "shopify";
  const orderNumberColumn = mapping.orderNumber;

  let toRecord: ((row: string[]) => Record<string, string>) | undefined;
  /** `order.rows`: the records parsed again, on demand. */
  const rowsOf = (records: string[]): Array<Record<string, string>> => {
    toRecord ??= recordFactory(headers);
    const make = toRecord;
    return records.map((record) => {
      const parsed = Papa.parse<string[]>(record, papaConfig);
      return make(parsed.data[0] ?? []);
    });
  };

  let batchOrders: ParsedEcomOrder[] = [];
  let batchIssues: EcomCsvIssue[] = [];
  /** Batches cut while papaparse works through a chunk, yielded once it returns. */
  const ready: EcomCsvBatch[] = [];
  let rowsRead = 0;
  let rowsRejected = 0;
  let yielded = false;
  // Every order number seen, to reject an order whose rows are not contiguous.
  const firstLineOf = new OrderNumberIndex();
  let current: PendingOrder | null = null;

  const makeBatch = (): EcomCsvBatch => {
    const batch = { orders: batchOrders, rejected: batchIssues, rowsRead, rowsRejected, format };
    batchOrders = [];
    batchIssues = [];
    yielded = true;
    return batch;
  };

  const cell = (row: string[], field: ColumnField): string => {
    const index = columns[field];
    return index < 0 ? "" : (row[index] ?? "");
  };
  const text = (row: string[], field: ColumnField): string | null => {
    const value = cell(row, field).trim();
    return value === "" ? null : value;
  };
  const columnName = (field: ColumnField): string | null => mapping[field] ?? null;

  const finishOrder = (pending: PendingOrder): void => {
    // Kept for the whole file: a string key must not keep its chunk alive.
    firstLineOf.add(pending.orderNumber, pending.lines[0] ?? 0, detachString);
    const issues = pending.issues.length > 0 ? pending.issues : validateOrder(pending);
    if (issues.length > 0) {
      // Issues are kept for the whole import: they must not hold on to the file's chunks.
      for (const issue of issues) {
        batchIssues.push({
          ...issue,
          message: detachString(issue.message),
          orderNumber:
            issue.orderNumber == null ? issue.orderNumber : detachString(issue.orderNumber),
        });
      }
      rowsRejected += pending.rows.length;
      return;
    }
    batchOrders.push(buildOrder(pending));
  };

  const validateOrder = (pending: PendingOrder): EcomCsvIssue[] => {
    const issues: EcomCsvIssue[] = [];
    const { orderNumber, rows, lines } = pending;
    const first = rows[0] ?? [];
    const firstLine = lines[0] ?? 0;
    if (rows.length > 1) {
      for (const field of orderColumns) {
        const index = columns[field];
        const expected = first[index] ?? "";
        let differing: number[] | null = null;
        let values: Set<string> | null = null;
        for (let r = 1; r < rows.length; r++) {
          const value = rows[r]?.[index] ?? "";
          if (value !== expected && (strictRepeat || value !== "")) {
            differing ??= [];
            values ??= new Set([expected]);
            differing.push(lines[r] ?? 0);
            values.add(value);
          }
        }
        if (differing !== null && values !== null) {
          const shown = QUOTABLE_FIELDS.has(field)
            ? ` (${[...values].map((v) => `"${v}"`).join(" vs ")})`
            : "";
          issues.push({
            line: differing[0] ?? firstLine,
            column: columnName(field),
            orderNumber,
            message: `order ${orderNumber}: "${columnName(field)}" differs between the order's rows on lines ${[firstLine, ...differing].join(", ")}${shown}; the whole order is rejected`,
            lines: [firstLine, ...differing],
          });
        }
      }
    }
    const placedAtText = cell(first, "placedAt").trim();
    if (parseExportTimestamp(placedAtText, zone) === null) {
      issues.push({
        line: firstLine,
        column: columnName("placedAt"),
        orderNumber,
        message:
          placedAtText === ""
            ? `order ${orderNumber}: the order date is empty`
            : `order ${orderNumber}: unparseable date "${placedAtText}" (expected e.g. "Jan 6, 2026 01:15 PM", "2026-04-20 9:41 AM" or "2026-01-06 13:15:02 -0600")`,
      });
    }
    const moneyIssue = (row: string[], line: number, field: ColumnField, required: boolean) => {
      const value = cell(row, field).trim();
      if (value === "" ? !required : STORABLE_AMOUNT.test(value)) return;
      issues.push({
        line,
        column: columnName(field),
        orderNumber,
        message:
          value === ""
            ? `order ${orderNumber}: "${columnName(field)}" is empty`
            : MONEY.test(value)
              ? `order ${orderNumber}: "${columnName(field)}" has too many digits (${AMOUNT_LIMITS}): "${value}"`
              : `order ${orderNumber}: "${columnName(field)}" is not a number: "${value}"`,
      });
    };
    moneyIssue(first, firstLine, "total", true);
    for (const field of ["subtotal", "tax", "shipping", "discount"] as const) {
      if (columns[field] >= 0) moneyIssue(first, firstLine, field, false);
    }
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r] ?? [];
      const line = lines[r] ?? 0;
      const quantity = cell(row, "itemQuantity").trim();
      if (!QUANTITY.test(quantity) || !STORABLE_AMOUNT.test(quantity)) {
        issues.push({
          line,
          column: columnName("itemQuantity"),
          orderNumber,
          message: QUANTITY.test(quantity)
            ? `order ${orderNumber}: item quantity has too many digits (${AMOUNT_LIMITS}): "${quantity}"`
            : `order ${orderNumber}: item quantity is not a number: "${quantity}"`,
        });
      }
      moneyIssue(row, line, "itemPrice", true);
      if (columns.itemTotal >= 0) moneyIssue(row, line, "itemTotal", false);
      const price = cell(row, "itemPrice").trim();
      if (
        text(row, "itemTotal") === null &&
        STORABLE_AMOUNT.test(price) &&
        STORABLE_AMOUNT.test(quantity) &&
        new Decimal(price).times(quantity).abs().gte(MAX_AMOUNT)
      ) {
        issues.push({
          line,
          column: columnName("itemPrice"),
          orderNumber,
          message: `order ${orderNumber}: item price × quantity is more than an amount can hold (${AMOUNT_LIMITS})`,
        });
      }
    }
    return issues;
  };

  const statusCode = (row: string[], codeField: ColumnField, labelField: ColumnField) => {
    const code = text(row, codeField);
    if (code !== null) return upperCaseStatus ? code.toUpperCase() : code;
    const label = text(row, labelField);
    if (label === null) return null;
    return codeField === "paymentStatusCode"
      ? paymentCodeFromLabel(label)
      : fulfillmentCodeFromLabel(label);
  };
  // Prices, quantities and zero amounts repeat from order to order: one (immutable) Decimal per
  // distinct text, instead of a new one per cell, halves the objects a batch keeps.
  const decimals = new Map<string, Decimal>();
  const decimal = (value: string): Decimal => {
    let parsed = decimals.get(value);
    if (parsed === undefined) {
      parsed = new Decimal(value);
      if (decimals.size >= 10_000) decimals.clear();
      decimals.set(detachString(value), parsed);
    }
    return parsed;
  };

  const money = (row: string[], field: ColumnField): Decimal | null => {
    const value = text(row, field);
    return value === null ? null : decimal(value);
  };

  const buildOrder = (pending: PendingOrder): ParsedEcomOrder => {
    const first = pending.rows[0] ?? [];
    const items: EcomOrderItem[] = pending.rows.map((row, position) => {
      const quantity = decimal(cell(row, "itemQuantity").trim());
      const unitPrice = decimal(cell(row, "itemPrice").trim());
      const sku = cell(row, "itemSku");
      return {
        position,
        sku: sku === "" ? null : sku,
        name: cell(row, "itemName"),
        options: text(row, "itemOptions"),
        quantity,
        unitPrice,
        // Rounded as the database rounds numeric(19, 5) (half away from zero), so the value
        // hashed is the value stored.
        total:
          money(row, "itemTotal") ??
          unitPrice.times(quantity).toDecimalPlaces(5, Decimal.ROUND_HALF_UP),
      };
    });
    const records = pending.records;
    return {
      orderNumber: pending.orderNumber,
      placedAt: parseExportTimestamp(cell(first, "placedAt"), zone) as Date,
      email: text(first, "email")?.toLowerCase() ?? null,
      phone: text(first, "phone") ?? text(first, "phoneFallback"),
      customerName: text(first, "customerName") ?? text(first, "customerNameFallback"),
      paymentStatusCode: statusCode(first, "paymentStatusCode", "paymentStatusLabel"),
      paymentStatusLabel: text(first, "paymentStatusLabel"),
      fulfillmentStatusCode: statusCode(first, "fulfillmentStatusCode", "fulfillmentStatusLabel"),
      fulfillmentStatusLabel: text(first, "fulfillmentStatusLabel"),
      subtotal: money(first, "subtotal"),
      tax: money(first, "tax"),
      shipping: money(first, "shipping"),
      discount: money(first, "discount"),
      total: money(first, "total") as Decimal,
      xseriesOrderIdHint: text(first, "xseriesOrderId"),
      items,
      records,
      get rows() {
        return rowsOf(records);
      },
      lines: pending.lines,
    };
  };

  /**
   * Adds one data row; `problem` is a row-level defect (bad quotes, wrong field count, a NUL),
   * `problemColumn` the column it is in when it is in one.
   */
  const addRow = (
    row: string[],
    record: string,
    line: number,
    problem: string | null,
    problemColumn: string | null = null,
  ): void => {
    rowsRead++;
    const orderNumber = (row[columns.orderNumber] ?? "").trim();
    if (orderNumber === "") {
      rowsRejected++;
      batchIssues.push({
        line,
        column: problem === null ? orderNumberColumn : null,
        orderNumber: null,
        message: problem ?? "missing order number",
      });
      return;
    }
    if (current === null || current.orderNumber !== orderNumber) {
      if (current !== null) finishOrder(current);
      current = { orderNumber, rows: [], records: [], lines: [], issues: [] };
      const seenAt = firstLineOf.get(orderNumber);
      if (seenAt !== undefined) {
        current.issues.push({
          line,
          column: orderNumberColumn,
          orderNumber,
          message: `order ${orderNumber} appears again after other orders (first seen on line ${seenAt}); the rows of one order must be contiguous, so these rows are rejected`,
        });
      }
    }
    current.rows.push(row);
    current.records.push(record);
    current.lines.push(line);
    if (problem !== null) {
      current.issues.push({
        line,
        column: problemColumn,
        orderNumber,
        message: `order ${orderNumber}: ${problem}; the whole order is rejected`,
      });
    }
  };

  // The text papaparse is working through, and where in it the next record starts.
  let chunk = "";
  let recordStart = 0;
  let nextLine = 2;
  const onRecord = (result: StepResult): void => {
    const end = result.meta.cursor;
    const stop = chunk.endsWith(newline, end) ? end - newline.length : end;
    const record = chunk.slice(recordStart, stop);
    recordStart = end;
    const line = nextLine;
    nextLine += record.indexOf(lineBreak) === -1 ? 1 : 1 + countChar(record, lineBreak);
    const row = result.data[0] ?? [];
    const error = result.errors[0];
    if (error === undefined && row.length === 1 && row[0] === "") return; // blank line
    let problem: string | null = null;
    if (error !== undefined) {
      problem =
        error.code === "MissingQuotes"
          ? "unterminated quoted field (is the file truncated?)"
          : "malformed quotes: a closing quote is not followed by the delimiter or a line end";
    } else if (row.length !== headers.length) {
      problem = `expected ${headers.length} fields, found ${row.length}`;
    }
    let problemColumn: string | null = null;
    if (problem === null && record.includes("\u0000")) {
      // Past the sample checked at the start: PostgreSQL cannot store a NUL in text.
      problemColumn = headers[row.findIndex((value) => value.includes("\u0000"))] ?? null;
      problem = "a NUL character (binary data) in the field, which cannot be stored";
    }
    addRow(row, record, line, problem, problemColumn);
    if (batchOrders.length >= batchSize) ready.push(makeBatch());
  };

  const parser = new Papa.Parser({ ...papaConfig, step: onRecord });
  let carry = header.rest;
  let final = header.exhausted;
  let stopped = false;
  while (!stopped) {
    chunk = carry;
    if (!final) {
      const next = await chunks.next(carry);
      if (next === null) final = true;
      else chunk = next;
    }
    recordStart = 0;
    const result = parser.parse(chunk, 0, !final) as { meta: { cursor: number } };
    carry = chunk.slice(result.meta.cursor);
    chunk = "";
    while (ready.length > 0) yield ready.shift() as EcomCsvBatch;
    if (final) break;
    if (carry.length > maxRecordChars) {
      // Only an unterminated quote makes one record this long: stop rather than buffer the file.
      rowsRejected++;
      batchIssues.push({
        line: nextLine,
        column: null,
        orderNumber: null,
        message: `unterminated quoted field: no record end within ${maxRecordChars} characters from this line; the rest of the file was not read`,
      });
      // `current` is assigned inside addRow, which TypeScript's narrowing cannot see.
      const open = current as PendingOrder | null;
      const head = new Papa.Parser(papaConfig).parse(carry.slice(0, 65_536), 0, false) as {
        data: string[][];
      };
      const brokenOrder = (head.data[0]?.[columns.orderNumber] ?? "").trim();
      if (open !== null && open.orderNumber === brokenOrder) {
        open.issues.push({
          line: nextLine,
          column: null,
          orderNumber: open.orderNumber,
          message: `order ${open.orderNumber}: may continue in the unreadable part of the file; the whole order is rejected`,
        });
      }
      stopped = true;
      await chunks.close();
    }
  }
  const last = current as PendingOrder | null;
  if (last !== null) finishOrder(last);
  if (batchOrders.length > 0 || batchIssues.length > 0 || !yielded) yield makeBatch();
}
