// The content hash of an eCom order: what tells a changed order from a repeat across imports.
// It covers what the order means (order-level values and items), not where it sat in the file
// (`rows`, `lines`), so a re-export with other rows around it hashes the same.
import { createHash } from "node:crypto";
import type { EcomOrderItem, ParsedEcomOrder } from "@greenloop/order-sync/csv";

/** Bump when the canonical form changes: every stored order then counts as changed once. */
const HASH_VERSION = 1;

type DecimalLike = { toFixed(): string };

/** Exact and exponent-free, without trailing zeros ("10.50" → "10.5"), as `trim_scale` prints it. */
export const canonicalDecimal = (value: DecimalLike | null): string | null =>
  value === null ? null : value.toFixed();

/** The order-level fields compared and reported in `EcomOrderChange.changes`, canonical. */
export function canonicalOrderFields(order: ParsedEcomOrder): Record<string, string | null> {
  return {
    placedAt: order.placedAt.toISOString(),
    email: order.email,
    phone: order.phone,
    customerName: order.customerName,
    paymentStatusCode: order.paymentStatusCode,
    paymentStatusLabel: order.paymentStatusLabel,
    fulfillmentStatusCode: order.fulfillmentStatusCode,
    fulfillmentStatusLabel: order.fulfillmentStatusLabel,
    subtotal: canonicalDecimal(order.subtotal),
    tax: canonicalDecimal(order.tax),
    shipping: canonicalDecimal(order.shipping),
    discount: canonicalDecimal(order.discount),
    total: canonicalDecimal(order.total),
    xseriesOrderIdHint: order.xseriesOrderIdHint,
  };
}

export interface CanonicalItem {
  position: number;
  sku: string | null;
  name: string;
  options: string | null;
  quantity: string | null;
  unitPrice: string | null;
  total: string | null;
}

export function canonicalItem(item: EcomOrderItem): CanonicalItem {
  return {
    position: item.position,
    sku: item.sku,
    name: item.name,
    options: item.options,
    quantity: canonicalDecimal(item.quantity),
    unitPrice: canonicalDecimal(item.unitPrice),
    total: canonicalDecimal(item.total),
  };
}

/** sha256 (hex) of a JSON array in fixed key order: field order changes never change the hash. */
export function hashEcomOrder(order: ParsedEcomOrder): string {
  const fields = canonicalOrderFields(order);
  const items = [...order.items]
    .sort((a, b) => a.position - b.position)
    .map((item) => {
      const c = canonicalItem(item);
      return [c.position, c.sku, c.name, c.options, c.quantity, c.unitPrice, c.total];
    });
  const canonical = JSON.stringify([
    HASH_VERSION,
    order.orderNumber,
    Object.keys(fields)
      .sort()
      .map((key) => [key, fields[key] ?? null]),
    items,
  ]);
  return createHash("sha256").update(canonical).digest("hex");
}
