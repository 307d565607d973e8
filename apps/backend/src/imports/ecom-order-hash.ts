// The content hash of an eCom order: what tells a changed order from a repeat across imports.
// It covers what the order means (order-level values and items), not where it sat in the file
// (`rows`, `lines`), so a re-export with other rows around it hashes the same.
import { hash } from "node:crypto";
import type { EcomOrderItem, ParsedEcomOrder } from "@greenloop/order-sync/csv";

/** Bump when the canonical form changes: every stored order then counts as changed once. */
const HASH_VERSION = 1;

type DecimalLike = { toFixed(): string };

// The parser hands out one Decimal per distinct amount, and toFixed() is slow: remember its text.
const decimalText = new WeakMap<DecimalLike, string>();

/** Exact and exponent-free, without trailing zeros ("10.50" → "10.5"), as `trim_scale` prints it. */
export function canonicalDecimal(value: DecimalLike | null): string | null {
  if (value === null) return null;
  let text = decimalText.get(value);
  if (text === undefined) {
    text = value.toFixed();
    decimalText.set(value, text);
  }
  return text;
}

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

/** The names of `canonicalOrderFields`, in its order. */
export const canonicalOrderFieldNames = Object.keys(
  canonicalOrderFields({
    placedAt: new Date(0),
    subtotal: null,
    tax: null,
    shipping: null,
    discount: null,
    total: { toFixed: () => "0" },
  } as unknown as ParsedEcomOrder),
);
const HASHED_FIELDS = [...canonicalOrderFieldNames].sort();
const HASHED_KEYS_JSON = HASHED_FIELDS.map((key) => JSON.stringify(key));

/** Nothing JSON.stringify would escape: no quote, backslash, control character or surrogate. */
function isPlainJsonText(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x22 || code === 0x5c || (code >= 0xd800 && code <= 0xdfff)) {
      return false;
    }
  }
  return true;
}

/** JSON.stringify of a string or null, without its overhead for the usual plain text. */
const json = (value: string | null): string => {
  if (value === null) return "null";
  return isPlainJsonText(value) ? `"${value}"` : JSON.stringify(value);
};

/**
 * The hashed text: `JSON.stringify([version, orderNumber, [[field, value]…] in sorted field order,
 * [[position, sku, name, options, quantity, unitPrice, total]…] by position])`, written out
 * directly (the hash runs for every order of every import, re-imports included).
 */
export function canonicalEcomOrderJson(order: ParsedEcomOrder): string {
  const fields = canonicalOrderFields(order);
  let text = `[${HASH_VERSION},${json(order.orderNumber)},[`;
  for (let i = 0; i < HASHED_FIELDS.length; i++) {
    text += `${i === 0 ? "" : ","}[${HASHED_KEYS_JSON[i]},${json(fields[HASHED_FIELDS[i] as string] ?? null)}]`;
  }
  text += "],[";
  let items = order.items;
  for (let i = 1; i < items.length; i++) {
    if ((items[i - 1]?.position ?? 0) > (items[i]?.position ?? 0)) {
      items = [...order.items].sort((a, b) => a.position - b.position);
      break;
    }
  }
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as EcomOrderItem;
    text += `${i === 0 ? "" : ","}[${item.position},${json(item.sku)},${json(item.name)},${json(item.options)},${json(canonicalDecimal(item.quantity))},${json(canonicalDecimal(item.unitPrice))},${json(canonicalDecimal(item.total))}]`;
  }
  return `${text}]]`;
}

/** sha256 (hex) of the canonical JSON: field order changes never change the hash. */
export function hashEcomOrder(order: ParsedEcomOrder): string {
  return hash("sha256", canonicalEcomOrderJson(order), "hex");
}
