// Each customer's favourite products, categories and brands, summed in SQL from their counted
// orders' lines (products/order-lines-sql.ts). In SQL, not in the per-customer pass: the sums run
// in the database while Node scores the previous chunk, and only the top few per customer travel
// (see BENCHMARKS.md, "Products in the analytics"). The definitions are favouriteProductsOf's and
// spendSharesOf's (@greenloop/order-sync/analytics), which the tests hold this to.
import type { Database } from "@greenloop/db";
import type { CustomerFavouriteLists } from "@greenloop/order-sync/analytics";
import Decimal from "decimal.js";
import { orderLinesCte } from "../products/order-lines-sql";
import { queryOrders } from "./store-views-input";

/** The package's shape: what `customerMetricsFromSummary` takes. */
export type CustomerFavourites = CustomerFavouriteLists;

export interface FavouritesSelection {
  /** Orders placed after it are ignored. */
  asOf: Date;
  countFullyRefundedOrders: boolean;
  /** How many of each to keep (config.favouritesLimit). */
  limit: number;
}

/**
 * The orders favourites are summed over, as a condition on the alias `o` ("Order"): counted in the
 * analytics, placed by `$2` (asOf), fully refunded ones only when `$3` (countFullyRefundedOrders).
 */
export const countedOrderFilter = `o."countsInAnalytics" AND o."placedAt" <= $2::timestamptz
  AND ($3::boolean OR NOT (o."refundedTotal" > 0 AND o."refundedTotal" >= o.total))`;

/** GROUPING(category, brand, "productName") of each grouping set: a bit per column left out. */
const CATEGORY = 3;
const BRAND = 5;
const PRODUCT = 6;
const WHOLE = 7;

/** [customerId, grouping, name, quantity, spend] */
type FavouriteTuple = [string, number, string | null, string, string];

/** Favourites per customer id; customers without counted lines are absent. */
export async function loadCustomerFavourites(
  db: Pick<Database, "prisma">,
  customerIds: readonly string[],
  { asOf, countFullyRefundedOrders, limit }: FavouritesSelection,
): Promise<Map<string, CustomerFavourites>> {
  const byCustomer = new Map<string, CustomerFavourites>();
  if (customerIds.length === 0) return byCustomer;
  // One scan of the lines, four sums (GROUPING SETS), ranked per customer and kind. Names are
  // trimmed, blank ones unknown; products rank by quantity, then spend; categories and brands by
  // spend, and only with a positive one. Ties by name in code-unit order (COLLATE "C"), as in
  // TypeScript. JIT off (queryOrders): the planner guesses 100 lines per sale and compiling
  // took longer than the query.
  const [{ favourites: json }] = (await queryOrders<{ favourites: string }>(
    db,
    `WITH ${orderLinesCte(`o."customerId" = ANY($1::uuid[]) AND ${countedOrderFilter}`)},
     named AS (
       SELECT "customerId", nullif(btrim(category), '') AS category, nullif(btrim(brand), '') AS brand,
              nullif(btrim("productName"), '') AS "productName", quantity, total
         FROM order_lines
     ),
     sums AS (
       SELECT "customerId", GROUPING(category, brand, "productName") AS grouping,
              coalesce(category, brand, "productName") AS name,
              sum(quantity) AS quantity, sum(total) AS spend
         FROM named
        GROUP BY GROUPING SETS (("customerId", category), ("customerId", brand),
                                ("customerId", "productName"), ("customerId"))
     ),
     ranked AS (
       SELECT *, row_number() OVER (
                   PARTITION BY "customerId", grouping
                   ORDER BY CASE WHEN grouping = ${PRODUCT} THEN quantity END DESC, spend DESC,
                            name COLLATE "C") AS rank
         FROM sums
        WHERE grouping = ${WHOLE} OR (name IS NOT NULL AND (grouping = ${PRODUCT} OR spend > 0))
     )
     SELECT coalesce(json_agg(json_build_array("customerId", grouping, name, quantity::text,
              spend::text)), '[]')::text AS favourites
       FROM ranked WHERE grouping = ${WHOLE} OR rank <= $4`,
    customerIds,
    asOf,
    countFullyRefundedOrders,
    limit,
  )) as [{ favourites: string }];

  const rows = JSON.parse(json) as FavouriteTuple[];
  const wholes = new Map<string, Decimal>();
  for (const [customerId, grouping, , , spend] of rows) {
    if (grouping === WHOLE) wholes.set(customerId, new Decimal(spend));
  }
  for (const [customerId, grouping, name, quantity, spend] of rows) {
    if (grouping === WHOLE || name === null) continue;
    let favourites = byCustomer.get(customerId);
    if (!favourites) {
      favourites = { products: [], categories: [], brands: [] };
      byCustomer.set(customerId, favourites);
    }
    if (grouping === PRODUCT) {
      favourites.products.push({
        name,
        quantity: new Decimal(quantity),
        spend: new Decimal(spend),
      });
      continue;
    }
    // A whole of zero or less (more returned than bought) gives no shares, as spendSharesOf.
    const whole = wholes.get(customerId);
    if (!whole?.gt(0)) continue;
    const share = {
      name,
      spend: new Decimal(spend),
      share: new Decimal(spend).div(whole).toNumber(),
    };
    if (grouping === CATEGORY) favourites.categories.push(share);
    else if (grouping === BRAND) favourites.brands.push(share);
  }
  // json_agg keeps no order: rank again in the order the SQL ranked in.
  for (const favourites of byCustomer.values()) {
    favourites.products.sort(
      (a, b) => b.quantity.cmp(a.quantity) || b.spend.cmp(a.spend) || codeUnitOrder(a.name, b.name),
    );
    for (const shares of [favourites.categories, favourites.brands]) {
      shares.sort((a, b) => b.spend.cmp(a.spend) || codeUnitOrder(a.name, b.name));
    }
  }
  return byCustomer;
}

function codeUnitOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
