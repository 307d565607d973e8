// The API 2.0 sale (reference §5.4) as far as the sync uses it. Loose objects: unknown fields are kept,
// because Lightspeed adds fields over time and we store the raw payload anyway.
import { z } from "zod";
import {
  idSchema,
  optionalBooleanSchema,
  optionalCodeSchema,
  optionalTextSchema,
  versionSchema,
} from "./fields";
import { moneySchema, optionalMoneySchema } from "./money";
import { optionalUtcDateSchema, utcDateSchema } from "./utc-date";

export const saleStates = ["parked", "pending", "voided", "closed"] as const;
export type SaleState = (typeof saleStates)[number];

interface SaleLifecycle {
  state: SaleState;
  attributes: string[];
}

// Legacy `status` → `state` + `attributes` (reference §5.3). Sales carry both today, but `status` is
// deprecated and older payloads only have `status`, so either one is enough to know the lifecycle.
const lifecycleByStatus: Record<string, SaleLifecycle> = {
  SAVED: { state: "parked", attributes: [] },
  OPEN: { state: "pending", attributes: [] },
  VOIDED: { state: "voided", attributes: [] },
  CLOSED: { state: "closed", attributes: [] },
  ONACCOUNT: { state: "pending", attributes: ["onaccount"] },
  ONACCOUNT_CLOSED: { state: "closed", attributes: ["onaccount"] },
  LAYBY: { state: "pending", attributes: ["layby"] },
  LAYBY_CLOSED: { state: "closed", attributes: ["layby"] },
  AWAITING_DISPATCH: { state: "pending", attributes: ["delivery"] },
  DISPATCHED_CLOSED: { state: "closed", attributes: ["delivery"] },
  AWAITING_PICKUP: { state: "pending", attributes: ["pickup"] },
  PICKED_UP_CLOSED: { state: "closed", attributes: ["pickup"] },
  SERVICE: { state: "pending", attributes: ["service"] },
  SERVICE_CLOSED: { state: "closed", attributes: ["service"] },
};

/** Derives `state` + `attributes` from a legacy status; `null` for a status we do not know. */
export function deriveSaleLifecycle(status: string): SaleLifecycle | null {
  const lifecycle = lifecycleByStatus[status.toUpperCase()];
  return lifecycle ? { state: lifecycle.state, attributes: [...lifecycle.attributes] } : null;
}

export const saleLineItemSchema = z.looseObject({
  id: idSchema,
  product_id: optionalTextSchema,
  // Quantities can be fractional (weighed goods) and negative (returns): exact, like money.
  quantity: moneySchema,
  /** Unit price, tax exclusive; can carry 5 decimals. */
  price: moneySchema,
  price_total: optionalMoneySchema,
  tax_total: optionalMoneySchema,
  discount_total: optionalMoneySchema,
  cost_total: optionalMoneySchema,
  loyalty_value: optionalMoneySchema,
  status: optionalTextSchema,
  is_return: optionalBooleanSchema,
  note: optionalTextSchema,
});

export const salePaymentSchema = z.looseObject({
  id: idSchema,
  retailer_payment_type_id: optionalTextSchema,
  payment_type_id: optionalCodeSchema,
  name: optionalTextSchema,
  amount: moneySchema,
  payment_date: optionalUtcDateSchema,
});

const rawSaleSchema = z.looseObject({
  id: idSchema,
  version: versionSchema,
  outlet_id: optionalTextSchema,
  register_id: optionalTextSchema,
  user_id: optionalTextSchema,
  customer_id: optionalTextSchema,
  invoice_number: optionalCodeSchema,
  receipt_number: optionalCodeSchema,
  source: optionalTextSchema,
  source_id: optionalCodeSchema,
  status: optionalTextSchema,
  state: z.enum(saleStates).nullish(),
  attributes: z.array(z.string()).nullish(),
  note: optionalTextSchema,
  short_code: optionalTextSchema,
  return_for: optionalTextSchema,
  /** Tax exclusive (reference §5.4). */
  total_price: moneySchema,
  total_tax: moneySchema,
  total_loyalty: optionalMoneySchema,
  total_price_incl: optionalMoneySchema,
  sale_date: utcDateSchema,
  created_at: optionalUtcDateSchema,
  updated_at: optionalUtcDateSchema,
  deleted_at: optionalUtcDateSchema,
  line_items: z
    .array(saleLineItemSchema)
    .nullish()
    .transform((items) => items ?? []),
  payments: z
    .array(salePaymentSchema)
    .nullish()
    .transform((payments) => payments ?? []),
});

export const saleSchema = rawSaleSchema.transform((sale, ctx) => {
  const fromStatus = sale.status === null ? null : deriveSaleLifecycle(sale.status);
  const state = sale.state ?? fromStatus?.state ?? null;
  if (state === null) {
    ctx.addIssue({
      code: "custom",
      path: [sale.status === null ? "state" : "status"],
      message: "expected a known sale state or status",
    });
    return z.NEVER;
  }
  const attributes = sale.attributes ?? fromStatus?.attributes ?? [];
  // Object.assign (not a spread) keeps the loose object's index signature in the inferred type.
  return Object.assign(sale, { state, attributes });
});

/** A parsed sale: `state` and `attributes` are always set, unknown fields are kept. */
export type Sale = z.output<typeof saleSchema>;
export type SaleLineItem = z.output<typeof saleLineItemSchema>;
export type SalePayment = z.output<typeof salePaymentSchema>;
