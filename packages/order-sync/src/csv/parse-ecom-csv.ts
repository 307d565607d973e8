// Streaming parser for eCom order exports: papaparse's low-level parser fed chunk by chunk (only the
// unfinished last record is carried over), rows grouped into orders, orders yielded in batches.
import { Decimal } from "decimal.js";
import Papa from "papaparse";
import { DomainError } from "../errors";
import {
  type ColumnField,
  type ColumnMapping,
  detectEcomCsvFormat,
  ECWID_MAPPING,
  FORMAT_SIGNATURES,
  missingMappedHeaders,
  parseColumnMapping,
  SHOPIFY_MAPPING,
} from "./column-mapping";
import type {
  EcomCsvBatch,
  EcomCsvFormat,
  EcomCsvIssue,
  EcomOrderItem,
  ParsedEcomOrder,
} from "./ecom-order";
import { fulfillmentCodeFromLabel, paymentCodeFromLabel } from "./status-codes";
import { parseExportTimestamp, ZoneOffsets } from "./zoned-time";

export type EcomCsvInput = NodeJS.ReadableStream | AsyncIterable<string | Uint8Array> | string;

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
const MAX_HEADER_CHARS = 1 << 20;

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
  lines: number[];
  issues: EcomCsvIssue[];
}

/** Reads the input as text chunks of roughly `minChars`, decoding UTF-8 across chunk borders. */
async function* textChunks(input: EcomCsvInput, minChars: number): AsyncGenerator<string> {
  if (typeof input === "string") {
    for (let i = 0; i < input.length; i += minChars) yield input.slice(i, i + minChars);
    return;
  }
  const decoder = new TextDecoder("utf-8");
  let pieces: string[] = [];
  let size = 0;
  for await (const chunk of input as AsyncIterable<string | Uint8Array>) {
    const text = typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
    if (text.length === 0) continue;
    pieces.push(text);
    size += text.length;
    if (size >= minChars) {
      yield pieces.join("");
      pieces = [];
      size = 0;
    }
  }
  pieces.push(decoder.decode());
  const rest = pieces.join("");
  if (rest.length > 0) yield rest;
}

function countChar(text: string, ch: string, end = text.length): number {
  let count = 0;
  let at = text.indexOf(ch);
  while (at !== -1 && at < end) {
    count++;
    at = text.indexOf(ch, at + 1);
  }
  return count;
}

function describe(fileName: string | undefined): string {
  return fileName ? `"${fileName}"` : "the file";
}

function resolveMapping(
  options: ParseEcomCsvOptions,
  headerLine: string,
): { format: EcomCsvFormat; mapping: ColumnMapping; headers: string[]; delimiter: string } {
  const where = describe(options.fileName);
  const detected = detectEcomCsvFormat(headerLine);
  const requested = options.format ?? "auto";
  const useMapping = requested === "mapping" || (requested === "auto" && options.mapping);
  if (useMapping) {
    if (!options.mapping) {
      throw new DomainError("BAD_INPUT", 'format "mapping" needs a column mapping');
    }
    const mapping = parseColumnMapping(options.mapping);
    const present = new Set(detected.headers);
    const missing = [...new Set(Object.values(mapping))].filter((name) => !present.has(name));
    if (missing.length > 0) {
      throw new DomainError(
        "BAD_INPUT",
        `${where} lacks the column(s) named by the column mapping: ${missing.map((m) => `"${m}"`).join(", ")}`,
        { details: { missing } },
      );
    }
    return { format: "mapping", mapping, headers: detected.headers, delimiter: detected.delimiter };
  }
  const format = requested === "auto" ? detected.format : requested;
  if (format === null) {
    throw new DomainError(
      "BAD_INPUT",
      `${where} is not a recognisable order export: line 1 should be a header row with the Lightspeed eCom E-Series/Ecwid columns (${FORMAT_SIGNATURES.ecwid.join(", ")}) or the Shopify columns (${FORMAT_SIGNATURES.shopify.join(", ")}), separated by ";", "," or tab; otherwise pass a column mapping`,
      { details: { columnsOnLine1: detected.headers.length } },
    );
  }
  const mapping = format === "ecwid" ? ECWID_MAPPING : SHOPIFY_MAPPING;
  const missing = missingMappedHeaders(mapping, detected.headers);
  if (missing.length > 0) {
    throw new DomainError(
      "BAD_INPUT",
      `${where} is not a ${format === "ecwid" ? "E-Series/Ecwid" : "Shopify"} order export: missing column(s) ${missing.map((m) => `"${m}"`).join(", ")}`,
      { details: { missing } },
    );
  }
  return { format, mapping, headers: detected.headers, delimiter: detected.delimiter };
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

function rejectNonText(head: string, fileName: string | undefined): void {
  const where = describe(fileName);
  const sample = head.slice(0, 4096);
  if (sample.includes("\u0000") || sample.includes("\uFFFD") || sample.startsWith("\u0089PNG")) {
    throw new DomainError(
      "BAD_INPUT",
      `${where} is not a CSV text file (it contains binary data); expected a UTF-8 order export`,
    );
  }
  const first = sample.trimStart()[0];
  if (first === "{" || first === "[") {
    throw new DomainError(
      "BAD_INPUT",
      `${where} looks like JSON, not CSV; expected an order export whose first line is a header row`,
    );
  }
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
  const chunks = textChunks(input, chunkChars);

  // Header: read until the first line break.
  let buffer = "";
  let breakAt = -1;
  let exhausted = false;
  while (breakAt === -1) {
    const next = await chunks.next();
    if (next.done) {
      exhausted = true;
      break;
    }
    buffer += next.value;
    if (buffer.charCodeAt(0) === 0xfeff) buffer = buffer.slice(1);
    rejectNonText(buffer, options.fileName);
    breakAt = buffer.search(/[\r\n]/);
    if (breakAt === -1 && buffer.length > MAX_HEADER_CHARS) {
      throw new DomainError(
        "BAD_INPUT",
        `${describe(options.fileName)} is not a CSV order export: no line break in the first ${MAX_HEADER_CHARS} characters`,
      );
    }
  }
  if (buffer.trim().length === 0) {
    throw new DomainError("BAD_INPUT", `${describe(options.fileName)}: the file is empty`);
  }
  const headerLine = breakAt === -1 ? buffer : buffer.slice(0, breakAt);
  let newline: "\n" | "\r\n" | "\r" = "\n";
  if (breakAt !== -1 && buffer[breakAt] === "\r") {
    // A CR at the very end of the buffer may be the first half of CRLF: assume CRLF then.
    newline = buffer[breakAt + 1] === "\n" || breakAt + 1 === buffer.length ? "\r\n" : "\r";
  }
  const lineBreak = newline === "\r" ? "\r" : "\n";
  const { format, mapping, headers, delimiter } = resolveMapping(options, headerLine);
  let carry = breakAt === -1 ? "" : buffer.slice(breakAt + newline.length);

  const columns = {} as Columns;
  for (const field of Object.keys(ECWID_MAPPING) as ColumnField[]) {
    const name = mapping[field];
    columns[field] = name === undefined ? -1 : headers.indexOf(name);
  }
  const toRecord = recordFactory(headers);
  const orderColumns = ORDER_FIELDS.filter((field) => columns[field] >= 0);
  // E-Series repeats order fields on every row; Shopify (and, leniently, mappings) may leave them blank.
  const strictRepeat = format === "ecwid";
  const upperCaseStatus = format === "shopify";
  const orderNumberColumn = mapping.orderNumber;

  let batchOrders: ParsedEcomOrder[] = [];
  let batchIssues: EcomCsvIssue[] = [];
  let rowsRead = 0;
  let rowsRejected = 0;
  let yielded = false;
  const firstLineOf = new Map<string, number>();
  let current: PendingOrder | null = null;

  const makeBatch = (): EcomCsvBatch => {
    const batch = { orders: batchOrders, rejected: batchIssues, rowsRead, rowsRejected };
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
    if (!firstLineOf.has(pending.orderNumber)) {
      firstLineOf.set(pending.orderNumber, pending.lines[0] ?? 0);
    }
    const issues = pending.issues.length > 0 ? pending.issues : validateOrder(pending);
    if (issues.length > 0) {
      batchIssues.push(...issues);
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
    for (const field of orderColumns) {
      const index = columns[field];
      const expected = first[index] ?? "";
      const differing: number[] = [];
      const values = new Set<string>([expected]);
      for (let r = 1; r < rows.length; r++) {
        const value = rows[r]?.[index] ?? "";
        if (value !== expected && (strictRepeat || value !== "")) {
          differing.push(lines[r] ?? 0);
          values.add(value);
        }
      }
      if (differing.length > 0) {
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
      if (value === "" ? !required : MONEY.test(value)) return;
      issues.push({
        line,
        column: columnName(field),
        orderNumber,
        message:
          value === ""
            ? `order ${orderNumber}: "${columnName(field)}" is empty`
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
      if (!QUANTITY.test(quantity)) {
        issues.push({
          line,
          column: columnName("itemQuantity"),
          orderNumber,
          message: `order ${orderNumber}: item quantity is not a number: "${quantity}"`,
        });
      }
      moneyIssue(row, line, "itemPrice", true);
      if (columns.itemTotal >= 0) moneyIssue(row, line, "itemTotal", false);
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
  const money = (row: string[], field: ColumnField): Decimal | null => {
    const value = text(row, field);
    return value === null ? null : new Decimal(value);
  };

  const buildOrder = (pending: PendingOrder): ParsedEcomOrder => {
    const first = pending.rows[0] ?? [];
    const items: EcomOrderItem[] = pending.rows.map((row, position) => {
      const quantity = new Decimal(cell(row, "itemQuantity").trim());
      const unitPrice = new Decimal(cell(row, "itemPrice").trim());
      return {
        position,
        sku: cell(row, "itemSku") === "" ? null : cell(row, "itemSku"),
        name: cell(row, "itemName"),
        options: text(row, "itemOptions"),
        quantity,
        unitPrice,
        total: money(row, "itemTotal") ?? unitPrice.times(quantity),
      };
    });
    const records = pending.rows.map(toRecord);
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
      rows: records,
      lines: pending.lines,
    };
  };

  /** Adds one data row; `problem` is a CSV-level defect (bad quotes, wrong field count). */
  const addRow = (row: string[], line: number, problem: string | null): void => {
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
      current = { orderNumber, rows: [], lines: [], issues: [] };
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
    current.lines.push(line);
    if (problem !== null) {
      current.issues.push({
        line,
        column: null,
        orderNumber,
        message: `order ${orderNumber}: ${problem}; the whole order is rejected`,
      });
    }
  };

  const parser = new Papa.Parser({ delimiter, newline, quoteChar: '"' });
  let nextLine = 2;
  let final = exhausted;
  let stopped = false;
  while (!stopped) {
    let chunk = carry;
    if (!final) {
      const next = await chunks.next();
      if (next.done) final = true;
      else chunk += next.value;
    }
    const result = parser.parse(chunk, 0, !final) as {
      data: string[][];
      errors: Array<{ code: string; row: number }>;
      meta: { cursor: number };
    };
    const data = result.data;
    const problems = new Map<number, string>();
    for (const error of result.errors) {
      if (error.row >= data.length || problems.has(error.row)) continue;
      problems.set(
        error.row,
        error.code === "MissingQuotes"
          ? "unterminated quoted field (is the file truncated?)"
          : "malformed quotes: a closing quote is not followed by the delimiter or a line end",
      );
    }
    const consumed = result.meta.cursor;
    // Fast path: when the consumed text has exactly one line break per row, no field spans lines.
    const simpleLines = countChar(chunk, lineBreak, consumed) === data.length;
    for (let r = 0; r < data.length; r++) {
      const row = data[r] ?? [];
      const line = nextLine;
      let span = 1;
      if (!simpleLines) {
        for (const field of row) if (field.includes(lineBreak)) span += countChar(field, lineBreak);
      }
      nextLine += span;
      if (row.length === 1 && row[0] === "" && !problems.has(r)) continue; // blank line
      let problem = problems.get(r) ?? null;
      if (problem === null && row.length !== headers.length) {
        problem = `expected ${headers.length} fields, found ${row.length}`;
      }
      addRow(row, line, problem);
      if (batchOrders.length >= batchSize) yield makeBatch();
    }
    carry = chunk.slice(consumed);
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
      const head = parser.parse(carry.slice(0, 65_536), 0, false) as { data: string[][] };
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
      await chunks.return(undefined);
    }
  }
  const last = current as PendingOrder | null;
  if (last !== null) finishOrder(last);
  if (batchOrders.length > 0 || batchIssues.length > 0 || !yielded) yield makeBatch();
}
