// Which customers' favourites must be summed again. Favourites (products, categories, brands by
// share of spend) do not move with the clock, unlike recency or tiers: they change only when what
// they are summed from changes. That is the customer's counted orders (which ones, and each one's
// `linesVersion`: the X-Series sale's version or the eCom export's content hash, which the merge
// keeps on the order), the catalog's names and links (a product renamed or moved to another
// category or brand, a category or brand renamed), and the settings. A fingerprint of all of it is
// kept with the favourites (`CustomerMetrics.favouritesFingerprint`); a run sums favourites only
// for customers whose fingerprint changed, so the scheduled full recompute does not reread every
// line of every order (BENCHMARKS.md, "Products in the analytics").
//
// The fingerprints are sums of 64-bit hashes (order-independent, computed in one pass with no
// sorting): a changed input changes the sum except by a 2^-64 chance.
import type { Database } from "@greenloop/db";
import { countedOrderFilter, type FavouritesSelection } from "./load-customer-favourites";
import { queryOrders } from "./store-views-input";

/**
 * The catalog as favourites read it: products' names, SKUs, category and brand links and whether
 * they are deleted, and categories' and brands' names. Prices, stock and versions are left out: a
 * price change does not move anyone's favourites.
 */
export async function catalogFingerprint(db: Pick<Database, "prisma">): Promise<string> {
  const hashed = (table: string, columns: string) =>
    `(SELECT count(*) || '/' || coalesce(sum(hashtextextended(concat_ws('|', ${columns}), 0)), 0)
        FROM "${table}")`;
  const [{ fingerprint }] = (await db.prisma.$queryRawUnsafe<Array<{ fingerprint: string }>>(
    `SELECT concat_ws(':',
       ${hashed("RetailProduct", `id, name, sku, "categoryId", "brandId", ("deletedAt" IS NULL)::text`)},
       ${hashed("RetailProductCategory", "id, name")},
       ${hashed("RetailBrand", "id, name")}) AS fingerprint`,
  )) as [{ fingerprint: string }];
  return fingerprint;
}

/** An order's part of its customer's fingerprint (the order `o`). */
export const orderLinesHash = `hashtextextended(o.id::text || '|' || coalesce(o."linesVersion", '-'), 0)`;

/** The counted orders' part of a fingerprint: their count and the sum of their hashes. */
export function countedOrderLinesOf(count: number, hashSum: string): string {
  return `${count}/${hashSum}`;
}

/** A customer without counted orders. */
export const noCountedOrders = countedOrderLinesOf(0, "0");

function settingsOf(selection: FavouritesSelection & { catalog: string }): string {
  return `${selection.limit}|${selection.countFullyRefundedOrders}|${selection.catalog}`;
}

/** Every customer's stored fingerprint (customers without one are absent). */
export async function storedFavouritesFingerprints(
  db: Pick<Database, "prisma">,
): Promise<Map<string, string>> {
  const [{ stored }] = (await db.prisma.$queryRawUnsafe<Array<{ stored: string }>>(
    `SELECT coalesce(json_object_agg("customerId", "favouritesFingerprint"), '{}')::text AS stored
       FROM "CustomerMetrics" WHERE "favouritesFingerprint" IS NOT NULL`,
  )) as [{ stored: string }];
  return new Map(Object.entries(JSON.parse(stored) as Record<string, string>));
}

/**
 * The same as `findStaleFavourites` for a full run, from the counted orders' lines the summaries
 * pass already read (loadCustomerSummaries) and the stored fingerprints: the orders are not read
 * a second time.
 */
export function staleFavouritesAmong(
  customerIds: readonly string[],
  countedOrderLines: ReadonlyMap<string, string>,
  stored: ReadonlyMap<string, string>,
  selection: FavouritesSelection & { catalog: string },
): Map<string, string> {
  const settings = settingsOf(selection);
  const stale = new Map<string, string>();
  for (const id of customerIds) {
    const current = `${settings}:${countedOrderLines.get(id) ?? noCountedOrders}`;
    if (stored.get(id) !== current) stale.set(id, current);
  }
  return stale;
}

/**
 * The customers whose stored favourites are out of date (or missing), each with the fingerprint of
 * what their favourites are now summed from: among the given customer ids, or among every
 * customer not merged into another (`"every customer"`, what a full run asks: one pass over the
 * orders).
 */
export async function findStaleFavourites(
  db: Pick<Database, "prisma">,
  customers: readonly string[] | "every customer",
  selection: FavouritesSelection & { catalog: string },
): Promise<Map<string, string>> {
  if (customers !== "every customer" && customers.length === 0) return new Map();
  const settings = settingsOf(selection);
  // JIT off (queryOrders): compiling this took longer than running it.
  const rows = await queryOrders<{ customerId: string; fingerprint: string }>(
    db,
    `WITH current AS (
       SELECT c.id AS "customerId",
              $4 || ':' || count(o.id) || '/' || coalesce(sum(${orderLinesHash}), 0) AS fingerprint
         FROM "Customer" c
         LEFT JOIN "Order" o ON o."customerId" = c.id AND ${countedOrderFilter}
        WHERE CASE WHEN $1::uuid[] IS NULL THEN c."mergedIntoId" IS NULL ELSE c.id = ANY($1::uuid[]) END
        GROUP BY c.id
     )
     SELECT current."customerId"::text AS "customerId", current.fingerprint
       FROM current
       LEFT JOIN "CustomerMetrics" m ON m."customerId" = current."customerId"
      WHERE m."favouritesFingerprint" IS DISTINCT FROM current.fingerprint`,
    customers === "every customer" ? null : customers,
    selection.asOf,
    selection.countFullyRefundedOrders,
    settings,
  );
  return new Map(rows.map((row) => [row.customerId, row.fingerprint]));
}
