// The sale of the date-versioned API (`/api/{YYYY-MM}/sales`, reference §5.9), as the 2026-07
// OpenAPI's `Sale` response and the v0.9 → date-based migration guide describe it, as far as the
// sync uses it. Loose objects: unknown fields are kept, the raw payload is stored anyway.
// Lightspeed publishes no full response example of this shape, and its schema marks no field
// required; where the docs leave a detail open, every documented variant is accepted (noted below).
import { z } from "zod";
import { normalizeDatedSale } from "../normalize-dated-sale";
import {
  idSchema,
  optionalBooleanSchema,
  optionalCodeSchema,
  optionalTextSchema,
  optionalVersionSchema,
} from "./fields";
import { moneySchema, optionalMoneySchema } from "./money";
import { type Sale, saleSchema, saleStates } from "./sale";
import { optionalUtcDateSchema, utcDateSchema } from "./utc-date";

/** A nested object Lightspeed may omit or send as null. */
function optionalObject<T extends z.ZodRawShape>(shape: T) {
  return z
    .looseObject(shape)
    .nullish()
    .transform((value) => value ?? null);
}

const datedSaleSourceSchema = optionalObject({
  /** The 2.0 `source` string ("USER", "ecw:…"): "source (string) → source.type" (migration guide). */
  type: optionalTextSchema,
  /** The 2.0 `source_id`. */
  id: optionalCodeSchema,
  register_id: optionalTextSchema,
  outlet_id: optionalTextSchema,
  /** Responses nest the cashier as `author.id` (2026-07 `SaleResponseSource`)… */
  author: optionalObject({ id: optionalTextSchema }),
  /** …the migration guide and requests name it `author_id`: either is read. */
  author_id: optionalTextSchema,
});

const datedLineItemSchema = z.looseObject({
  id: idSchema,
  product: optionalObject({ id: optionalTextSchema }),
  // Exact, like money: weighed goods are fractional and returns negative.
  quantity: moneySchema,
  pricing: z.looseObject({
    /** Unit price, tax exclusive (the 2.0 `price`). */
    price: moneySchema,
    /** The 2.0 `price_total`. */
    total: optionalMoneySchema,
    cost_total: optionalMoneySchema,
    discount_total: optionalMoneySchema,
    /** Per unit, like the 2.0 `loyalty_value` it replaces (migration guide). */
    loyalty_amount: optionalMoneySchema,
  }),
  tax: optionalObject({
    id: optionalTextSchema,
    amount: optionalMoneySchema,
    total: optionalMoneySchema,
  }),
  status: optionalTextSchema,
  note: optionalTextSchema,
  return: optionalObject({ is_return: optionalBooleanSchema }),
});

const datedPaymentSchema = z.looseObject({
  id: idSchema,
  amount: moneySchema,
  date: optionalUtcDateSchema,
  /** `config_id` is the 2.0 `retailer_payment_type_id` (migration guide); `name` as in 2.0. */
  type: optionalObject({
    config_id: optionalTextSchema,
    id: optionalCodeSchema,
    name: optionalTextSchema,
  }),
});

export const datedSaleWireSchema = z.looseObject({
  id: idSchema,
  /** The cursor: in `_metadata.version` (2026-07 `SaleResponseMetadata`)… */
  _metadata: optionalObject({ version: optionalVersionSchema }),
  /** …or at the top level as on every other resource; which one real responses use is UNCONFIRMED. */
  version: optionalVersionSchema,
  /** RFC 3339 (migration guide: "sale_date → date"). */
  date: utcDateSchema,
  created_at: optionalUtcDateSchema,
  updated_at: optionalUtcDateSchema,
  deleted_at: optionalUtcDateSchema,
  customer_id: optionalTextSchema,
  invoice_number: optionalCodeSchema,
  receipt_number: optionalCodeSchema,
  note: optionalTextSchema,
  short_code: optionalTextSchema,
  // No `status` any more: `state` and `attributes` are the whole lifecycle.
  state: z.enum(saleStates),
  attributes: z
    .array(z.string())
    .nullish()
    .transform((attributes) => attributes ?? []),
  source: datedSaleSourceSchema,
  totals: z.looseObject({
    /** Tax exclusive. */
    price: moneySchema,
    tax: moneySchema,
    price_incl_tax: optionalMoneySchema,
    loyalty: optionalMoneySchema,
  }),
  line_items: z
    .array(datedLineItemSchema)
    .nullish()
    .transform((items) => items ?? []),
  payments: z
    .array(datedPaymentSchema)
    .nullish()
    .transform((payments) => payments ?? []),
  /** Replaces `return_for`. */
  return: optionalObject({
    is_return: optionalBooleanSchema,
    original_sale_id: optionalTextSchema,
  }),
});

export type DatedSaleWire = z.output<typeof datedSaleWireSchema>;

export const datedSaleSchema = datedSaleWireSchema.transform((sale, ctx) => {
  const version = sale._metadata?.version ?? sale.version;
  if (version === null) {
    ctx.addIssue({ code: "custom", path: ["_metadata", "version"], message: "expected a version" });
    return z.NEVER;
  }
  return normalizeDatedSale(sale, version);
});

/**
 * A sale from a date-versioned endpoint. The 2026-07 OpenAPI's only sale example (the return
 * action's answer) is still in the API 2.0 shape (`sale_date`, `total_price`, `status`), so a record
 * shaped like that is read as a 2.0 sale rather than refused.
 */
export const dateVersionSaleSchema: z.ZodType<Sale> = z.unknown().transform((raw, ctx) => {
  const schema = isApi20Shaped(raw) ? saleSchema : datedSaleSchema;
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
  }
  return z.NEVER;
});

function isApi20Shaped(raw: unknown): boolean {
  if (typeof raw !== "object" || raw === null) return false;
  return "sale_date" in raw && !("date" in raw);
}
