// What the recompute reads per customer: one summary row of their counted orders, aggregated in
// the database (customer-order-summary.ts defines it, and `summarizeCustomerOrders` is the same
// over orders in memory). A million orders stay in PostgreSQL; a hundred thousand rows come out.
import type { Prisma } from "@greenloop/db";
import {
  type AnalyticsConfig,
  type CustomerOrderSummary,
  utcDayNumber,
} from "@greenloop/order-sync/analytics";
import Decimal from "decimal.js";
import { countedOrderLinesOf, orderLinesHash } from "./favourites-fingerprint";
import { countedOrderFilter } from "./load-customer-favourites";

type Client = Pick<Prisma.TransactionClient, "$queryRawUnsafe">;

export interface LoadedSummaries {
  /** Customers with at least one counted order; the others have the empty summary. */
  summaries: Map<string, CustomerOrderSummary>;
  /** Every order of the customers, counted or not (what the run reports it read). */
  orders: number;
  /**
   * What the customers' favourites are summed from (favourites-fingerprint.ts), for customers
   * with counted orders; the others' is `noCountedOrders`.
   */
  countedOrderLines: Map<string, string>;
}

/**
 * [customerId, orders (all), counted, eCom, totalSpend, spend90d, orders90d, first ms, last ms,
 * purchase days, repeat days' spend, counted orders' lines hash]
 */
type SummaryTuple = [
  string,
  number,
  number,
  number,
  string,
  string,
  number,
  number,
  number,
  number,
  string,
  string,
];

/**
 * The counted-order selection of selectCountedOrders, written in SQL: counts in analytics, placed
 * by asOf (the column holds milliseconds, as JavaScript's dates do), and not fully refunded unless the
 * store counts those. Each customer's orders are grouped by UTC day first: the repeat days' spend is
 * everything but the first day's.
 */
const summarySql = (customers: string) => `
  WITH days AS (
    SELECT o."customerId" AS customer,
           floor(extract(epoch FROM o."placedAt") / 86400)::int AS day,
           (${countedOrderFilter}) AS counted,
           count(*) AS orders,
           count(*) FILTER (WHERE o.channel = 'ECOM') AS ecom,
           sum(o.total - o."refundedTotal") AS net,
           min(o."placedAt") AS first_at,
           max(o."placedAt") AS last_at,
           sum(${orderLinesHash}) AS lines_hash
      FROM "Order" o
     WHERE ${customers}
     GROUP BY 1, 2, 3
  ), customers AS (
    SELECT customer,
           sum(orders)::int AS orders,
           coalesce(sum(orders) FILTER (WHERE counted), 0)::int AS counted,
           coalesce(sum(ecom) FILTER (WHERE counted), 0)::int AS ecom,
           coalesce(sum(net) FILTER (WHERE counted), 0) AS total,
           coalesce(sum(net) FILTER (WHERE counted AND $4::int - day < $5::int), 0) AS spend90,
           coalesce(sum(orders) FILTER (WHERE counted AND $4::int - day < $5::int), 0)::int AS orders90,
           floor(extract(epoch FROM min(first_at) FILTER (WHERE counted)) * 1000) AS first_ms,
           floor(extract(epoch FROM max(last_at) FILTER (WHERE counted)) * 1000) AS last_ms,
           count(*) FILTER (WHERE counted)::int AS days,
           (array_agg(net ORDER BY day) FILTER (WHERE counted))[1] AS first_day_net,
           coalesce(sum(lines_hash) FILTER (WHERE counted), 0) AS lines_hash
      FROM days
     GROUP BY customer
  )
  SELECT coalesce(json_agg(json_build_array(customer, orders, counted, ecom, total::text,
           spend90::text, orders90, first_ms, last_ms, days,
           (total - coalesce(first_day_net, 0))::text, lines_hash::text)), '[]')::text AS summaries
    FROM customers`;

/**
 * The summaries of these customers' counted orders as of `asOf`. For every customer (a full run),
 * one pass over the orders table: cheaper than looking up each customer's orders, which lie all
 * over it, and the result is one small row per customer.
 */
export async function loadCustomerSummaries(
  client: Client,
  customers: readonly string[] | "every customer",
  { asOf, config }: { asOf: Date; config: AnalyticsConfig },
): Promise<LoadedSummaries> {
  const summaries = new Map<string, CustomerOrderSummary>();
  const countedOrderLines = new Map<string, string>();
  if (customers.length === 0) return { summaries, orders: 0, countedOrderLines };
  const every = customers === "every customer";
  // One JSON text for the whole batch: the driver hands over one string, not an object per row.
  const [{ summaries: json }] = (await client.$queryRawUnsafe<Array<{ summaries: string }>>(
    summarySql(
      every
        ? `o."customerId" IS NOT NULL AND $1::uuid[] IS NULL`
        : `o."customerId" = ANY($1::uuid[])`,
    ),
    every ? null : customers,
    asOf,
    config.countFullyRefundedOrders,
    utcDayNumber(asOf),
    config.rollingWindowDays,
  )) as [{ summaries: string }];
  let orders = 0;
  for (const row of JSON.parse(json) as SummaryTuple[]) {
    const [
      customerId,
      all,
      counted,
      ecom,
      total,
      spend90,
      orders90,
      firstMs,
      lastMs,
      days,
      repeat,
      linesHash,
    ] = row;
    orders += all;
    if (counted === 0) continue;
    countedOrderLines.set(customerId, countedOrderLinesOf(counted, linesHash));
    summaries.set(customerId, {
      orderCount: counted,
      ecomOrderCount: ecom,
      totalSpend: new Decimal(total),
      spend90d: new Decimal(spend90),
      orders90d: orders90,
      firstOrderAt: new Date(firstMs),
      lastOrderAt: new Date(lastMs),
      purchaseDays: days,
      repeatDaySpend: new Decimal(repeat),
    });
  }
  return { summaries, orders, countedOrderLines };
}
