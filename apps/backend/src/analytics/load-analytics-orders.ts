// Canonical orders as the analytics read them, for a set of customers (or one chunk of all of
// them), with the eCom line items for favourite products. X-Series sales carry product ids only
// (no names in the mirror), so favourites come from online orders.
import type { Prisma } from "@greenloop/db";
import type { AnalyticsOrder } from "@greenloop/order-sync/analytics";
import Decimal from "decimal.js";

type Client = Pick<Prisma.TransactionClient, "$queryRawUnsafe">;

interface OrderRow {
  customerId: string;
  id: string;
  placedAt: Date;
  total: string;
  refundedTotal: string;
  channel: "RETAIL" | "ECOM";
  countsInAnalytics: boolean;
  ecomOrderNumber: string | null;
}

interface ItemRow {
  orderNumber: string;
  name: string;
  quantity: string;
  total: string;
}

/** Orders per customer id; customers without orders are absent from the map. */
export async function loadAnalyticsOrders(
  client: Client,
  customerIds: readonly string[],
): Promise<Map<string, AnalyticsOrder[]>> {
  const byCustomer = new Map<string, AnalyticsOrder[]>();
  if (customerIds.length === 0) return byCustomer;
  const rows = await client.$queryRawUnsafe<OrderRow[]>(
    `SELECT "customerId"::text AS "customerId", id::text AS id, "placedAt", total::text AS total,
            "refundedTotal"::text AS "refundedTotal", channel::text AS channel,
            "countsInAnalytics", "ecomOrderNumber"
       FROM "Order" WHERE "customerId" = ANY($1::uuid[])`,
    customerIds,
  );
  const numbers = rows.flatMap((row) => (row.ecomOrderNumber ? [row.ecomOrderNumber] : []));
  const items = new Map<string, ItemRow[]>();
  if (numbers.length > 0) {
    const itemRows = await client.$queryRawUnsafe<ItemRow[]>(
      `SELECT e."orderNumber", i.name, i.quantity::text AS quantity, i.total::text AS total
         FROM "EcomOrderItem" i JOIN "EcomOrder" e ON e.id = i."ecomOrderId"
        WHERE e."orderNumber" = ANY($1::text[])`,
      numbers,
    );
    for (const item of itemRows) {
      items.set(item.orderNumber, [...(items.get(item.orderNumber) ?? []), item]);
    }
  }
  for (const row of rows) {
    const orderItems = row.ecomOrderNumber ? items.get(row.ecomOrderNumber) : undefined;
    const order: AnalyticsOrder = {
      id: row.id,
      placedAt: row.placedAt,
      total: new Decimal(row.total),
      refundedTotal: new Decimal(row.refundedTotal),
      channel: row.channel,
      countsInAnalytics: row.countsInAnalytics,
      ...(orderItems
        ? {
            items: orderItems.map((item) => ({
              name: item.name,
              quantity: new Decimal(item.quantity),
              total: new Decimal(item.total),
            })),
          }
        : {}),
    };
    const list = byCustomer.get(row.customerId);
    if (list) list.push(order);
    else byCustomer.set(row.customerId, [order]);
  }
  return byCustomer;
}
