// Canonical orders as the analytics read them, for a set of customers (or one chunk of all of
// them), with the eCom line items for favourite products. X-Series sales carry product ids only
// (no names in the mirror), so favourites come from online orders.
import type { Prisma } from "@greenloop/db";
import type { AnalyticsOrder } from "@greenloop/order-sync/analytics";
import Decimal from "decimal.js";

type Client = Pick<Prisma.TransactionClient, "$queryRawUnsafe">;

/** [customerId, placedAt epoch ms, total, refundedTotal, channel, countsInAnalytics, ecomOrderNumber, id] */
type OrderTuple = [
  string,
  number,
  string,
  string,
  "RETAIL" | "ECOM",
  boolean,
  string | null,
  string,
];

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
  // One JSON text for the whole batch: the driver hands over one string instead of building an
  // object per order, which at a million orders is most of the run.
  const [{ orders: json }] = (await client.$queryRawUnsafe<Array<{ orders: string }>>(
    `SELECT coalesce(json_agg(json_build_array("customerId", floor(extract(epoch FROM "placedAt") * 1000),
              total::text, "refundedTotal"::text, channel, "countsInAnalytics", "ecomOrderNumber", id)), '[]')::text
              AS orders
       FROM "Order" WHERE "customerId" = ANY($1::uuid[])`,
    customerIds,
  )) as [{ orders: string }];
  const rows = JSON.parse(json) as OrderTuple[];
  const numbers = rows.flatMap((row) => (row[6] ? [row[6]] : []));
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
  for (const [customerId, placedAtMs, total, refunded, channel, counts, number, id] of rows) {
    const orderItems = number ? items.get(number) : undefined;
    const order: AnalyticsOrder = {
      id,
      placedAt: new Date(placedAtMs),
      total: new Decimal(total),
      refundedTotal: new Decimal(refunded),
      channel,
      countsInAnalytics: counts,
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
    const list = byCustomer.get(customerId);
    if (list) list.push(order);
    else byCustomer.set(customerId, [order]);
  }
  return byCustomer;
}
