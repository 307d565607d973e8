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
 * store counts those. One level of grouping by customer: the repeat days' spend is that of the
 * counted orders after the customer's first counted UTC day, which a window over the customer's
 * orders (read in customer order from the index) gives each row. Grouping by customer and day
 * first, as before, aggregated almost every order twice (a customer rarely buys twice a day):
 * 2.3 s against 1.7–1.8 s for a million orders (BENCHMARKS.md, issue 19). The day is computed in
 * float (`date_part`), exact at this scale; the first and last moments keep `extract`'s numeric,
 * so no millisecond is lost.
 */
const summarySql = (customers: string) => `
  WITH orders AS (
    SELECT o."customerId" AS customer,
           floor(date_part('epoch', o."placedAt") / 86400)::int AS day,
           (${countedOrderFilter}) AS counted,
           o.channel,
           o.total - o."refundedTotal" AS net,
           o."placedAt" AS placed_at,
           ${orderLinesHash} AS lines_hash
      FROM "Order" o
     WHERE ${customers}
  ), days AS (
    SELECT *, min(day) FILTER (WHERE counted) OVER (PARTITION BY customer) AS first_day
      FROM orders
  ), customers AS (
    SELECT customer,
           count(*)::int AS orders,
           count(*) FILTER (WHERE counted)::int AS counted,
           count(*) FILTER (WHERE counted AND channel = 'ECOM')::int AS ecom,
           coalesce(sum(net) FILTER (WHERE counted), 0) AS total,
           coalesce(sum(net) FILTER (WHERE counted AND $4::int - day < $5::int), 0) AS spend90,
           count(*) FILTER (WHERE counted AND $4::int - day < $5::int)::int AS orders90,
           floor(extract(epoch FROM min(placed_at) FILTER (WHERE counted)) * 1000) AS first_ms,
           floor(extract(epoch FROM max(placed_at) FILTER (WHERE counted)) * 1000) AS last_ms,
           count(DISTINCT day) FILTER (WHERE counted)::int AS days,
           coalesce(sum(net) FILTER (WHERE counted AND day > first_day), 0) AS repeat,
           coalesce(sum(lines_hash) FILTER (WHERE counted), 0) AS lines_hash
      FROM days
     GROUP BY customer
  )
  SELECT coalesce(json_agg(json_build_array(customer, orders, counted, ecom, total::text,
           spend90::text, orders90, first_ms, last_ms, days, repeat::text, lines_hash::text)),
         '[]')::text AS summaries
    FROM customers`;

/** Customers by id: `from` included, `below` excluded, null for no bound. */
interface CustomerIdRange {
  from: string | null;
  below: string | null;
}

/** Which customers a pass reads: these ids, or a range of them. */
type Selection = readonly string[] | CustomerIdRange;

// `Array.isArray` does not narrow a readonly array out of a union.
const isIdList = (customers: Selection): customers is readonly string[] => Array.isArray(customers);

/**
 * The summaries of these customers' counted orders as of `asOf`. For every customer (a full run),
 * one pass over the orders table: cheaper than looking up each customer's orders, which lie all
 * over it, and the result is one small row per customer.
 */
export async function loadCustomerSummaries(
  client: Client,
  customers: readonly string[] | "every customer",
  options: { asOf: Date; config: AnalyticsConfig },
): Promise<LoadedSummaries> {
  const loaded: LoadedSummaries = { summaries: new Map(), orders: 0, countedOrderLines: new Map() };
  await loadInto(loaded, client, customers === "every customer" ? everyone : customers, options);
  return loaded;
}

/**
 * Every customer's summary, in `parts` passes over id ranges run at once. One pass is one backend
 * process, so on one core; on two, two halves took 1.1–1.2 s where the whole took 1.7–1.8 s
 * (BENCHMARKS.md, issue 19). `sortedIds`: every customer's id in the database's order, to cut
 * the ranges at.
 */
export async function loadEveryCustomerSummary(
  client: Client,
  sortedIds: readonly string[],
  options: { asOf: Date; config: AnalyticsConfig; parts: number },
): Promise<LoadedSummaries> {
  const loaded: LoadedSummaries = { summaries: new Map(), orders: 0, countedOrderLines: new Map() };
  const cuts = Array.from(
    { length: Math.max(0, Math.min(options.parts, sortedIds.length) - 1) },
    (_, index) => sortedIds[Math.floor(((index + 1) * sortedIds.length) / options.parts)] as string,
  );
  const bounds = [null, ...cuts, null];
  await Promise.all(
    bounds
      .slice(1)
      .map((below, index) =>
        loadInto(loaded, client, { from: bounds[index] ?? null, below }, options),
      ),
  );
  return loaded;
}

const everyone: CustomerIdRange = { from: null, below: null };

/** Which orders a pass reads; `$1` carries the ids, or the range's bounds. */
function selectionSql(customers: Selection): string {
  if (isIdList(customers)) return `o."customerId" = ANY($1::uuid[])`;
  const { from, below } = customers;
  return [
    `o."customerId" IS NOT NULL AND $1::uuid[] IS NOT NULL`,
    from === null ? "" : ` AND o."customerId" >= ($1::uuid[])[1]`,
    below === null ? "" : ` AND o."customerId" < ($1::uuid[])[2]`,
  ].join("");
}

async function loadInto(
  loaded: LoadedSummaries,
  client: Client,
  customers: Selection,
  { asOf, config }: { asOf: Date; config: AnalyticsConfig },
): Promise<void> {
  if (isIdList(customers) && customers.length === 0) return;
  // One JSON text for the whole pass: the driver hands over one string, not an object per row.
  const [{ summaries: json }] = (await client.$queryRawUnsafe<Array<{ summaries: string }>>(
    summarySql(selectionSql(customers)),
    isIdList(customers) ? customers : [customers.from, customers.below],
    asOf,
    config.countFullyRefundedOrders,
    utcDayNumber(asOf),
    config.rollingWindowDays,
  )) as [{ summaries: string }];
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
    loaded.orders += all;
    if (counted === 0) continue;
    loaded.countedOrderLines.set(customerId, countedOrderLinesOf(counted, linesHash));
    loaded.summaries.set(customerId, {
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
}
