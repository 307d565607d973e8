// Canonical orders as the analytics read them, for a set of customers (or one chunk of all of
// them), with their lines (products/order-lines-sql.ts: the X-Series sale's lines, else the eCom
// export's, with the catalog's names, categories and brands) for the favourites.
import type { Prisma } from "@greenloop/db";
import type { AnalyticsOrder } from "@greenloop/order-sync/analytics";
import Decimal from "decimal.js";
import { orderLinesCte } from "../products/order-lines-sql";

type Client = Pick<Prisma.TransactionClient, "$queryRawUnsafe">;

/** [customerId, placedAt epoch ms, total, refundedTotal, channel, countsInAnalytics, id] */
type OrderTuple = [string, number, string, string, "RETAIL" | "ECOM", boolean, string];

/** [orderId, productName, category, brand, quantity, total] */
type LineTuple = [string, string | null, string | null, string | null, string, string];

/** Orders per customer id; customers without orders are absent from the map. */
export async function loadAnalyticsOrders(
  client: Client,
  customerIds: readonly string[],
): Promise<Map<string, AnalyticsOrder[]>> {
  const byCustomer = new Map<string, AnalyticsOrder[]>();
  if (customerIds.length === 0) return byCustomer;
  // One JSON text for the whole batch: the driver hands over one string instead of building an
  // object per order, which at a million orders is most of the run.
  const [[{ orders: json }], items] = await Promise.all([
    client.$queryRawUnsafe<Array<{ orders: string }>>(
      `SELECT coalesce(json_agg(json_build_array("customerId", floor(extract(epoch FROM "placedAt") * 1000),
                total::text, "refundedTotal"::text, channel, "countsInAnalytics", id)), '[]')::text
                AS orders
         FROM "Order" WHERE "customerId" = ANY($1::uuid[])`,
      customerIds,
    ) as Promise<[{ orders: string }]>,
    loadOrderLines(client, customerIds),
  ]);
  const rows = JSON.parse(json) as OrderTuple[];
  for (const [customerId, placedAtMs, total, refunded, channel, counts, id] of rows) {
    const orderItems = items.get(id);
    const order: AnalyticsOrder = {
      id,
      placedAt: new Date(placedAtMs),
      total: new Decimal(total),
      refundedTotal: new Decimal(refunded),
      channel,
      countsInAnalytics: counts,
      ...(orderItems
        ? {
            items: orderItems.map(([, name, category, brand, quantity, lineTotal]) => ({
              name: name ?? "",
              category,
              brand,
              quantity: new Decimal(quantity),
              total: new Decimal(lineTotal),
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

/** Lines per order id, for every order of the customers (counted or not: the metrics choose). */
async function loadOrderLines(
  client: Client,
  customerIds: readonly string[],
): Promise<Map<string, LineTuple[]>> {
  const [{ lines: json }] = (await client.$queryRawUnsafe<Array<{ lines: string }>>(
    `WITH ${orderLinesCte(`o."customerId" = ANY($1::uuid[])`)}
     SELECT coalesce(json_agg(json_build_array("orderId", "productName", category, brand,
              quantity::text, total::text)), '[]')::text AS lines
       FROM order_lines`,
    customerIds,
  )) as [{ lines: string }];
  const byOrder = new Map<string, LineTuple[]>();
  for (const line of JSON.parse(json) as LineTuple[]) {
    const list = byOrder.get(line[0]);
    if (list) list.push(line);
    else byOrder.set(line[0], [line]);
  }
  return byOrder;
}
