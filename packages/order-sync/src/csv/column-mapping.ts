// Which header column feeds which order/item field, for the two known exports and for a
// user-supplied mapping; plus recognising the format from the header row.
import { z } from "zod";
import { DomainError } from "../errors";
import { describeFile } from "./csv-text-input";
import type { EcomCsvFormat } from "./ecom-order";

const headerName = z.string().trim().min(1, "must name a header column");

/**
 * Header names (exact, case-sensitive after trimming) for each field. Required: orderNumber,
 * placedAt, total, itemName, itemQuantity, itemPrice. `itemTotal` missing → price × quantity.
 */
export const columnMappingSchema = z
  .object({
    orderNumber: headerName,
    placedAt: headerName,
    total: headerName,
    itemName: headerName,
    itemQuantity: headerName,
    itemPrice: headerName,
    itemTotal: headerName.optional(),
    itemSku: headerName.optional(),
    itemOptions: headerName.optional(),
    email: headerName.optional(),
    phone: headerName.optional(),
    /** Tried when `phone` is empty on the row (E-Series: bill_person_phone). */
    phoneFallback: headerName.optional(),
    customerName: headerName.optional(),
    customerNameFallback: headerName.optional(),
    subtotal: headerName.optional(),
    tax: headerName.optional(),
    shipping: headerName.optional(),
    discount: headerName.optional(),
    paymentStatusCode: headerName.optional(),
    paymentStatusLabel: headerName.optional(),
    fulfillmentStatusCode: headerName.optional(),
    fulfillmentStatusLabel: headerName.optional(),
    xseriesOrderId: headerName.optional(),
  })
  .strict();

export type ColumnMapping = z.infer<typeof columnMappingSchema>;
export type ColumnField = keyof ColumnMapping;

export const ECWID_MAPPING: ColumnMapping = {
  orderNumber: "order_number",
  placedAt: "timestamp",
  total: "order_total",
  itemName: "name",
  itemQuantity: "quantity",
  itemPrice: "price",
  itemTotal: "total",
  itemSku: "sku",
  itemOptions: "options",
  email: "email",
  phone: "shipto_person_phone",
  phoneFallback: "bill_person_phone",
  customerName: "shipto_person_name",
  customerNameFallback: "bill_person_name",
  subtotal: "order_subtotal",
  tax: "order_tax",
  shipping: "order_shipping",
  discount: "discount",
  paymentStatusCode: "payment_status_code",
  paymentStatusLabel: "payment_status",
  fulfillmentStatusCode: "fulfillment_status_code",
  fulfillmentStatusLabel: "fulfillment_status",
  xseriesOrderId: "X-series Order ID",
};

export const SHOPIFY_MAPPING: ColumnMapping = {
  orderNumber: "Name",
  placedAt: "Created at",
  total: "Total",
  itemName: "Lineitem name",
  itemQuantity: "Lineitem quantity",
  itemPrice: "Lineitem price",
  itemSku: "Lineitem sku",
  email: "Email",
  phone: "Shipping Phone",
  phoneFallback: "Billing Phone",
  customerName: "Shipping Name",
  customerNameFallback: "Billing Name",
  subtotal: "Subtotal",
  tax: "Taxes",
  shipping: "Shipping",
  discount: "Discount Amount",
  // Shopify has one enum-like column per status: read as the code (upper-cased by the parser).
  paymentStatusCode: "Financial Status",
  fulfillmentStatusCode: "Fulfillment Status",
};

/** Fields that must be present as columns for a mapping to be usable. */
const REQUIRED_FIELDS: ColumnField[] = [
  "orderNumber",
  "placedAt",
  "total",
  "itemName",
  "itemQuantity",
  "itemPrice",
];

const ECWID_SIGNATURE = ["order_number", "timestamp", "order_total", "name", "quantity", "price"];
const SHOPIFY_SIGNATURE = ["Name", "Created at", "Lineitem name", "Lineitem quantity", "Total"];

/** Validates a user mapping; a DomainError BAD_INPUT lists every problem. */
export function parseColumnMapping(input: unknown): ColumnMapping {
  const result = columnMappingSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) => `${issue.path.join(".") || "mapping"}: ${issue.message}`,
  );
  throw new DomainError("BAD_INPUT", `invalid column mapping: ${problems.join("; ")}`);
}

/** Splits one header line into trimmed cells, honouring `""` quoting (header cells never span lines). */
export function splitHeaderLine(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      cells.push(cell.trim());
      cell = "";
    } else cell += ch;
  }
  cells.push(cell.trim());
  return cells;
}

/** The delimiter used by a header line: whichever of `;`, `,`, tab occurs most outside quotes. */
export function detectDelimiter(headerLine: string): ";" | "," | "\t" {
  const counts = { ";": 0, ",": 0, "\t": 0 };
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === ";" || ch === "," || ch === "\t")) counts[ch]++;
  }
  if (counts["\t"] >= counts[";"] && counts["\t"] >= counts[","] && counts["\t"] > 0) return "\t";
  return counts[";"] >= counts[","] ? ";" : ",";
}

export interface DetectedEcomCsvFormat {
  /** null when the header matches no known export. */
  format: Exclude<EcomCsvFormat, "mapping"> | null;
  delimiter: ";" | "," | "\t";
  headers: string[];
}

/** Recognises the export from its header line (a leading BOM and a trailing CR are ignored). */
export function detectEcomCsvFormat(headerLine: string): DetectedEcomCsvFormat {
  const line = headerLine.replace(/^\uFEFF/, "").replace(/\r?\n?$/, "");
  const delimiter = detectDelimiter(line);
  const headers = splitHeaderLine(line, delimiter);
  const present = new Set(headers);
  let format: DetectedEcomCsvFormat["format"] = null;
  if (ECWID_SIGNATURE.every((name) => present.has(name))) format = "ecwid";
  else if (SHOPIFY_SIGNATURE.every((name) => present.has(name))) format = "shopify";
  return { format, delimiter, headers };
}

/** The header names a mapping needs that the file lacks (required fields only). */
export function missingMappedHeaders(mapping: ColumnMapping, headers: readonly string[]): string[] {
  const present = new Set(headers);
  return REQUIRED_FIELDS.map((field) => mapping[field]).filter(
    (name): name is string => name !== undefined && !present.has(name),
  );
}

export interface ResolvedEcomCsvMapping {
  format: EcomCsvFormat;
  mapping: ColumnMapping;
  headers: string[];
  delimiter: string;
}

/**
 * Which mapping applies to a file, from the requested format, an optional user mapping and the
 * header line. Throws DomainError BAD_INPUT when the header does not fit.
 */
export function resolveEcomCsvMapping(
  options: { format?: "auto" | EcomCsvFormat; mapping?: ColumnMapping; fileName?: string },
  headerLine: string,
): ResolvedEcomCsvMapping {
  const where = describeFile(options.fileName);
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
      `${where} is not a recognisable order export: line 1 should be a header row with the Lightspeed eCom E-Series/Ecwid columns (${ECWID_SIGNATURE.join(", ")}) or the Shopify columns (${SHOPIFY_SIGNATURE.join(", ")}), separated by ";", "," or tab; otherwise pass a column mapping`,
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
