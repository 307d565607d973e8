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
  const settings = `${selection.limit}|${selection.countFullyRefundedOrders}|${selection.catalog}`;
  // JIT off (queryOrders): compiling this took longer than running it.
  const rows = await queryOrders<{ customerId: string; fingerprint: string }>(
    db,
    `WITH current AS (
       SELECT c.id AS "customerId",
              $4 || ':' || count(o.id) || '/' || coalesce(sum(hashtextextended(
                o.id::text || '|' || coalesce(o."linesVersion", '-'), 0)), 0) AS fingerprint
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
