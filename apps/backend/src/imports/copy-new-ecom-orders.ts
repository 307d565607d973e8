// New eCom orders and their items by COPY, the cheapest way into PostgreSQL for the server and
// for us: no statement to plan, no arrays to take apart, nothing through Prisma. The order ids
// are made here so the items can name their order in the same load. Only for orders not stored
// when the transaction looked: a concurrent import that stored one first makes the copy fail
// with a unique violation (see isUniqueViolation), and the chunk is written again by upsert.
import { randomUUID } from "node:crypto";
import type { BulkSession, CopyValue } from "@greenloop/db";
import { canonicalDecimal as money } from "./ecom-order-hash";
import type { PreparedEcomOrder } from "./write-ecom-orders";

const ORDER_COLUMNS = [
  "id",
  "orderNumber",
  "placedAt",
  "email",
  "phone",
  "customerName",
  "paymentStatusCode",
  "paymentStatusLabel",
  "fulfillmentStatusCode",
  "fulfillmentStatusLabel",
  "subtotal",
  "tax",
  "shipping",
  "discount",
  "total",
  "xseriesOrderIdHint",
  "contentHash",
  "rows",
  "firstImportRunId",
  "lastImportRunId",
] as const;

const ITEM_COLUMNS = [
  "ecomOrderId",
  "position",
  "sku",
  "name",
  "options",
  "quantity",
  "unitPrice",
  "total",
] as const;

/** Stores the orders (firstSeenAt and updatedAt take their default, now()); returns their ids. */
export async function copyNewEcomOrders(
  session: Pick<BulkSession, "copyFrom">,
  orders: readonly PreparedEcomOrder[],
  importRunId: string,
): Promise<string[]> {
  if (orders.length === 0) return [];
  const ids = orders.map(() => randomUUID());
  await session.copyFrom("EcomOrder", ORDER_COLUMNS, orderRows(orders, ids, importRunId));
  await session.copyFrom("EcomOrderItem", ITEM_COLUMNS, itemRows(orders, ids));
  return ids;
}

function* orderRows(
  orders: readonly PreparedEcomOrder[],
  ids: readonly string[],
  importRunId: string,
): Generator<CopyValue[]> {
  for (const [index, { order, contentHash }] of orders.entries()) {
    yield [
      ids[index] ?? null,
      order.orderNumber,
      order.placedAt.toISOString(),
      order.email,
      order.phone,
      order.customerName,
      order.paymentStatusCode,
      order.paymentStatusLabel,
      order.fulfillmentStatusCode,
      order.fulfillmentStatusLabel,
      money(order.subtotal),
      money(order.tax),
      money(order.shipping),
      money(order.discount),
      money(order.total),
      order.xseriesOrderIdHint,
      contentHash,
      // The audit copy: the order's CSV records verbatim, a JSON array of strings.
      JSON.stringify(order.records),
      importRunId,
      importRunId,
    ];
  }
}

function* itemRows(
  orders: readonly PreparedEcomOrder[],
  ids: readonly string[],
): Generator<CopyValue[]> {
  for (const [index, { order }] of orders.entries()) {
    const id = ids[index] ?? null;
    for (const item of order.items) {
      yield [
        id,
        item.position,
        item.sku,
        item.name,
        item.options,
        money(item.quantity),
        money(item.unitPrice),
        money(item.total),
      ];
    }
  }
}
