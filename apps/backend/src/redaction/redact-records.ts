// What an erased person's source records keep: ids, versions, dates, statuses, totals, items and
// payments (what the merge and the analytics read), never a name, email, phone, address or free
// text. The erasure (rows already stored) and the ingestion scrub (the same records arriving again)
// both write through here, so a re-synced record is stored exactly as the erasure left it.
import type { ParsedEcomOrder } from "@greenloop/order-sync/csv";
import type { Customer, ParsedRecord, Sale } from "@greenloop/order-sync/lightspeed";

/** The key a redacted X-Series payload carries: which erasure redacted it. */
export const erasureMarkerKey = "erasureId";

/**
 * `EcomOrder.rows` of an erased order: one marker record instead of the CSV records (which hold
 * the name, address and comments). The merge reads the erasure from it (see `erasedEcomOrderSql`).
 */
export function erasedEcomRecord(erasureId: string): string {
  return `erased:${erasureId}`;
}

/** SQL: the erasure id of an erased `EcomOrder` row `alias`, else NULL. */
export function erasedEcomOrderSql(alias: string): string {
  return `CASE WHEN ${alias}.email IS NULL AND ${alias}.phone IS NULL
    THEN substring(${alias}.rows->>0 from '^erased:([0-9a-f-]{36})$') END`;
}

/** SQL: the erasure id of a redacted `RetailCustomer` / `RetailSale` row `alias`, else NULL. */
export function erasedPayloadSql(alias: string): string {
  return `(${alias}.payload->>'${erasureMarkerKey}')`;
}

/** `WebhookDelivery.rawBody` once redacted: the worker re-fetches by `objectId` anyway. */
export const erasedWebhookBody = "[erased]";

const customerKeys = [
  "id",
  "version",
  "customer_group_id",
  "enable_loyalty",
  "loyalty_balance",
  "balance",
  "year_to_date",
  "on_account_limit",
  "created_at",
  "updated_at",
  "deleted_at",
];

const saleKeys = [
  "id",
  "version",
  "outlet_id",
  "register_id",
  "user_id",
  "customer_id",
  "invoice_number",
  "invoice_sequence",
  "receipt_number",
  "source_id",
  "status",
  "state",
  "attributes",
  "return_for",
  "total_price",
  "total_tax",
  "total_loyalty",
  "total_price_incl",
  "sale_date",
  "date",
  "created_at",
  "updated_at",
  "deleted_at",
];

/**
 * What the date-based API nests (reference §5.9): only these keys of each object are kept. A 2.0
 * scalar of the same name (`source` the string, a line's unit `tax`) is kept as it is.
 */
type NestedKeys = Record<string, readonly string[]>;

const saleParts: NestedKeys = {
  source: ["type", "id", "register_id", "outlet_id", "author", "author_id"],
  totals: ["price", "price_incl_tax", "tax", "loyalty", "surcharge"],
  return: ["is_return", "original_sale_id", "return_sale_ids"],
  _metadata: ["version"],
};

const lineItemParts: NestedKeys = {
  product: ["id"],
  pricing: [
    "price",
    "total",
    "cost",
    "cost_total",
    "discount",
    "discount_total",
    "loyalty_amount",
    "loyalty_amount_total",
  ],
  tax: ["id", "amount", "total"],
  // Not the return `reason`: free text.
  return: ["is_return"],
};

// The merge tells loyalty redemptions by the payment's name, `type.name` when dated.
const paymentParts: NestedKeys = { type: ["config_id", "id", "name"] };

const lineItemKeys = [
  "id",
  "product_id",
  "quantity",
  "price",
  "price_total",
  "tax_total",
  "discount_total",
  "cost_total",
  "loyalty_value",
  "status",
  "is_return",
  "tax_id",
];

// The merge tells loyalty redemptions by the payment's name (see sale-facts-row.ts).
const paymentKeys = [
  "id",
  "retailer_payment_type_id",
  "payment_type_id",
  "name",
  "amount",
  "payment_date",
  "date",
];

function pick(
  source: unknown,
  keys: readonly string[],
  parts: NestedKeys = {},
): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  if (typeof source !== "object" || source === null) return picked;
  const record = source as Record<string, unknown>;
  for (const key of keys) {
    if (key in record) picked[key] = record[key];
  }
  for (const [key, nestedKeys] of Object.entries(parts)) {
    if (!(key in record)) continue;
    const value = record[key];
    picked[key] = typeof value === "object" && value !== null ? pick(value, nestedKeys) : value;
  }
  return picked;
}

function pickEach(
  list: unknown,
  keys: readonly string[],
  parts?: NestedKeys,
): Record<string, unknown>[] | undefined {
  return Array.isArray(list) ? list.map((entry) => pick(entry, keys, parts)) : undefined;
}

/** An X-Series customer's API object without anything about the person. */
export function redactCustomerPayload(raw: unknown, erasureId: string): Record<string, unknown> {
  return { ...pick(raw, customerKeys), [erasureMarkerKey]: erasureId };
}

/**
 * A sale's note keeps only its `Order ID:<n>` line (how a synced eCom sale names its order); the
 * rest of an eCom sale's note is the shipping address, the buyer's name and their comments.
 */
export function redactSaleNote(note: unknown): string | null {
  if (typeof note !== "string") return null;
  const orderId = /^\s*Order ID:\s*(\d+)/.exec(note)?.[1];
  return orderId === undefined ? null : `Order ID:${orderId}`;
}

/** An X-Series sale's API object with its ids, money, items and payments, and no free text. */
export function redactSalePayload(raw: unknown, erasureId: string): Record<string, unknown> {
  const source = typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>) : {};
  const redacted: Record<string, unknown> = pick(source, saleKeys, saleParts);
  if ("note" in source) redacted.note = redactSaleNote(source.note);
  const lineItems = pickEach(source.line_items, lineItemKeys, lineItemParts);
  if (lineItems) redacted.line_items = lineItems;
  const payments = pickEach(source.payments, paymentKeys, paymentParts);
  if (payments) redacted.payments = payments;
  redacted[erasureMarkerKey] = erasureId;
  return redacted;
}

/** The customer record as the mirror must store it once its person is erased. */
export function scrubRetailCustomer(
  record: ParsedRecord<Customer>,
  erasureId: string,
): ParsedRecord<Customer> {
  return {
    data: {
      ...record.data,
      customer_code: null,
      first_name: null,
      last_name: null,
      name: null,
      company_name: null,
      email: null,
      phone: null,
      mobile: null,
      note: null,
      date_of_birth: null,
    },
    raw: redactCustomerPayload(record.raw, erasureId),
  };
}

/** The sale as the mirror must store it once its customer (or its eCom order) is erased. */
export function scrubRetailSale(record: ParsedRecord<Sale>, erasureId: string): ParsedRecord<Sale> {
  return {
    data: Object.assign({ ...record.data }, { note: redactSaleNote(record.data.note) }),
    raw: redactSalePayload(record.raw, erasureId),
  };
}

/**
 * The eCom order without its contact fields and CSV records: what the erasure stores and what a
 * re-import of the same order hashes to, so the two compare equal (see ecom-order-hash.ts).
 */
export function scrubEcomOrder(order: ParsedEcomOrder, erasureId: string): ParsedEcomOrder {
  return {
    orderNumber: order.orderNumber,
    placedAt: order.placedAt,
    email: null,
    phone: null,
    customerName: null,
    paymentStatusCode: order.paymentStatusCode,
    paymentStatusLabel: order.paymentStatusLabel,
    fulfillmentStatusCode: order.fulfillmentStatusCode,
    fulfillmentStatusLabel: order.fulfillmentStatusLabel,
    subtotal: order.subtotal,
    tax: order.tax,
    shipping: order.shipping,
    discount: order.discount,
    total: order.total,
    xseriesOrderIdHint: order.xseriesOrderIdHint,
    // The erased person's answer goes with them: no consent is recorded for the order.
    acceptsMarketing: null,
    items: order.items,
    records: [erasedEcomRecord(erasureId)],
    rows: [],
    lines: order.lines,
  };
}
