// Canonical orders as the analytics read them, for a set of customers (or one chunk of all of
// them). Without their lines: the favourites are summed in SQL (load-customer-favourites.ts).
import type { Prisma } from "@greenloop/db";
import type { AnalyticsOrder } from "@greenloop/order-sync/analytics";
import Decimal from "decimal.js";

type Client = Pick<Prisma.TransactionClient, "$queryRawUnsafe">;

/** [customerId, placedAt epoch ms, total, refundedTotal, channel, countsInAnalytics, id] */
type OrderTuple = [string, number, string, string, "RETAIL" | "ECOM", boolean, string];

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
              total::text, "refundedTotal"::text, channel, "countsInAnalytics", id)), '[]')::text
              AS orders
       FROM "Order" WHERE "customerId" = ANY($1::uuid[])`,
    customerIds,
  )) as [{ orders: string }];
  const rows = JSON.parse(json) as OrderTuple[];
  for (const [customerId, placedAtMs, total, refunded, channel, counts, id] of rows) {
    const order: AnalyticsOrder = {
      id,
      placedAt: new Date(placedAtMs),
      total: new Decimal(total),
      refundedTotal: new Decimal(refunded),
      channel,
      countsInAnalytics: counts,
    };
    const list = byCustomer.get(customerId);
    if (list) list.push(order);
    else byCustomer.set(customerId, [order]);
  }
  return byCustomer;
}
