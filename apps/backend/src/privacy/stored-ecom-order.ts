// A stored eCom order read back in the importer's shape (`ParsedEcomOrder`), so the erasure can
// hash its scrubbed version exactly as a re-import of the same order will (see ecom-order-hash.ts).
import type { Prisma } from "@greenloop/db";
import type { ParsedEcomOrder } from "@greenloop/order-sync/csv";
import Decimal from "decimal.js";

type Tx = Pick<Prisma.TransactionClient, "$queryRawUnsafe">;

type OrderFields = Omit<ParsedEcomOrder, "items" | "records" | "rows" | "lines">;

/** An `EcomOrder` row: the parsed order's fields, with its amounts as exact decimal text. */
export type StoredEcomOrderRow = { id: string } & {
  [K in keyof OrderFields]: OrderFields[K] extends Decimal
    ? string
    : OrderFields[K] extends Decimal | null
      ? string | null
      : OrderFields[K];
};

/** The `EcomOrder` columns of a `StoredEcomOrderRow`. */
export const storedEcomOrderColumns = `id::text AS id, "orderNumber", "placedAt", email, phone,
  "customerName", "paymentStatusCode", "paymentStatusLabel", "fulfillmentStatusCode",
  "fulfillmentStatusLabel", subtotal::text AS subtotal, tax::text AS tax,
  shipping::text AS shipping, discount::text AS discount, total::text AS total,
  "xseriesOrderIdHint"`;

export type StoredEcomOrderItems = Map<string, ParsedEcomOrder["items"]>;

/** The orders' line items by `EcomOrder.id`, in position order. */
export async function loadStoredEcomOrderItems(
  tx: Tx,
  orderIds: string[],
): Promise<StoredEcomOrderItems> {
  const items: StoredEcomOrderItems = new Map();
  if (orderIds.length === 0) return items;
  const rows = await tx.$queryRawUnsafe<
    Array<{
      ecomOrderId: string;
      position: number;
      sku: string | null;
      name: string;
      options: string | null;
      quantity: string;
      unitPrice: string;
      total: string;
    }>
  >(
    `SELECT "ecomOrderId"::text AS "ecomOrderId", position, sku, name, options,
        quantity::text AS quantity, "unitPrice"::text AS "unitPrice", total::text AS total
       FROM "EcomOrderItem" WHERE "ecomOrderId" = ANY($1::uuid[]) ORDER BY position`,
    orderIds,
  );
  for (const row of rows) {
    const list = items.get(row.ecomOrderId) ?? [];
    list.push({
      position: Number(row.position),
      sku: row.sku,
      name: row.name,
      options: row.options,
      quantity: new Decimal(row.quantity),
      unitPrice: new Decimal(row.unitPrice),
      total: new Decimal(row.total),
    });
    items.set(row.ecomOrderId, list);
  }
  return items;
}

/** The stored order as the importer would parse it again (no CSV records), for its content hash. */
export function storedEcomOrder(
  { id: _id, subtotal, tax, shipping, discount, total, ...fields }: StoredEcomOrderRow,
  items: ParsedEcomOrder["items"],
): ParsedEcomOrder {
  const money = (value: string | null) => (value === null ? null : new Decimal(value));
  return {
    ...fields,
    subtotal: money(subtotal),
    tax: money(tax),
    shipping: money(shipping),
    discount: money(discount),
    total: new Decimal(total),
    items,
    records: [],
    rows: [],
    lines: [],
  };
}
