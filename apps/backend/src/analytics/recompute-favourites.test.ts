// Favourite products, categories and brands after a full recompute on the simulated store, with a
// catalog in the mirror: every customer's stored favourites equal a brute-force pass in TypeScript
// over their orders' lines (the X-Series sale's lines by product id, else the eCom items by SKU).
// Later runs sum favourites again only for customers whose fingerprint changed
// (favourites-fingerprint.ts): after every kind of change the stored favourites must still be
// what the lines say.
import type { Database } from "@greenloop/db";
import { testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { defaultAnalyticsConfig } from "@greenloop/order-sync/analytics";
import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { ingestRetail } from "../merge/testing/merge-harness";
import { openSyncedStore } from "../merge/testing/synced-store";
import { insertTestCatalog } from "../products/testing/insert-test-catalog";
import { catalogFingerprint, findStaleFavourites } from "./favourites-fingerprint";
import { recomputeAllCustomers, recomputeDirtyCustomers } from "./recompute-analytics";
import { countedOrdersAsOf } from "./testing/counted-orders";

const cleanup = useTestCleanup();
const DAY = 86_400_000;
const config = defaultAnalyticsConfig;

interface Line {
  productName: string | null;
  category: string | null;
  brand: string | null;
  quantity: Decimal;
  total: Decimal;
}

type TestDatabase = Pick<Database, "prisma">;

async function linesByOrder(db: TestDatabase) {
  const products = await db.prisma.retailProduct.findMany({
    select: { id: true, sku: true, name: true, categoryId: true, brandId: true, deletedAt: true },
  });
  const categories = new Map(
    (await db.prisma.retailProductCategory.findMany()).map((c) => [c.id, c.name]),
  );
  const brands = new Map((await db.prisma.retailBrand.findMany()).map((b) => [b.id, b.name]));
  const describe = (
    product: (typeof products)[number] | undefined,
    fallbackName: string | null,
  ) => ({
    productName: product?.name ?? fallbackName,
    category: product?.categoryId ? (categories.get(product.categoryId) ?? null) : null,
    brand: product?.brandId ? (brands.get(product.brandId) ?? null) : null,
  });
  const orders = await db.prisma.order.findMany({
    select: { id: true, retailSaleId: true, ecomOrderNumber: true },
  });
  const sales = new Map(
    (await db.prisma.retailSale.findMany({ select: { id: true, payload: true } })).map((s) => [
      s.id,
      s.payload as { line_items?: Array<Record<string, string | number>> },
    ]),
  );
  const ecom = new Map(
    (await db.prisma.ecomOrder.findMany({ select: { orderNumber: true, items: true } })).map(
      (e) => [e.orderNumber, e.items],
    ),
  );
  const lines = new Map<string, Line[]>();
  for (const order of orders) {
    if (order.retailSaleId) {
      lines.set(
        order.id,
        (sales.get(order.retailSaleId)?.line_items ?? []).map((item) => ({
          ...describe(
            products.find((p) => p.id === item.product_id),
            null,
          ),
          quantity: new Decimal(item.quantity ?? 0),
          total:
            item.price_total !== undefined
              ? new Decimal(item.price_total)
              : new Decimal(item.price ?? 0).times(item.quantity ?? 0),
        })),
      );
    } else if (order.ecomOrderNumber) {
      lines.set(
        order.id,
        (ecom.get(order.ecomOrderNumber) ?? []).map((item) => ({
          ...describe(
            products.find((p) => p.sku !== null && p.sku === item.sku && p.deletedAt === null),
            item.name,
          ),
          quantity: new Decimal(item.quantity.toString()),
          total: new Decimal(item.total.toString()),
        })),
      );
    }
  }
  return lines;
}

/** Top `limit` by spend (ties by name), shares of every line's spend. */
function topShares(lines: Line[], keyOf: (line: Line) => string | null, limit: number) {
  const whole = lines.reduce((sum, l) => sum.plus(l.total), new Decimal(0));
  const spend = new Map<string, Decimal>();
  for (const line of lines) {
    const key = keyOf(line);
    if (key) spend.set(key, (spend.get(key) ?? new Decimal(0)).plus(line.total));
  }
  if (whole.lte(0)) return [];
  return [...spend]
    .filter(([, s]) => s.gt(0))
    .sort(([a, x], [b, y]) => y.cmp(x) || (a < b ? -1 : 1))
    .slice(0, limit)
    .map(([name, s]) => ({ name, share: s.div(whole).toNumber(), spend: s.toString() }));
}

/**
 * Every customer's stored favourites equal the brute-force pass over their counted orders' lines
 * as of `asOf`; returns how many customers have favourite categories.
 */
async function expectFavouritesOfLines(
  db: TestDatabase,
  { asOf, limit }: { asOf: Date; limit: number },
): Promise<number> {
  const lines = await linesByOrder(db);
  const customers = await db.prisma.customer.findMany({
    where: { mergedIntoId: null },
    select: { id: true, metrics: true, orders: true },
  });
  let withCategories = 0;
  for (const customer of customers) {
    const m = customer.metrics;
    if (!m) throw new Error(`no metrics for ${customer.id}`);
    const counted = countedOrdersAsOf(customer.orders, asOf);
    const bought = counted.flatMap((o) => lines.get(o.id) ?? []);
    const categories = topShares(bought, (l) => l.category, limit);
    const brands = topShares(bought, (l) => l.brand, limit);
    if (categories.length > 0) withCategories += 1;
    expect({
      customerId: customer.id,
      favouriteCategories: m.favouriteCategories,
      favouriteBrands: m.favouriteBrands,
      categoryShares: m.categoryShares,
      brandShares: m.brandShares,
    }).toEqual({
      customerId: customer.id,
      favouriteCategories: categories.map((c) => c.name),
      favouriteBrands: brands.map((b) => b.name),
      categoryShares: categories,
      brandShares: brands,
    });
    // Products by quantity, then spend: the X-Series lines have names now, through the catalog.
    const quantity = new Map<string, Decimal>();
    for (const line of bought) {
      if (line.productName) {
        quantity.set(
          line.productName,
          (quantity.get(line.productName) ?? new Decimal(0)).plus(line.quantity),
        );
      }
    }
    for (const name of m.favouriteProducts) expect(quantity.has(name)).toBe(true);
    expect(m.favouriteProducts.length).toBe(Math.min(quantity.size, limit));
  }
  return withCategories;
}

async function storedFavourites(db: TestDatabase) {
  return db.prisma.customerMetrics.findMany({
    select: {
      customerId: true,
      favouriteProducts: true,
      categoryShares: true,
      brandShares: true,
      favouritesFingerprint: true,
    },
    orderBy: { customerId: "asc" },
  });
}

async function simulatedStoreWithCatalog() {
  const synced = await openSyncedStore(cleanup, {
    seed: 57,
    store: { customers: 40, inStoreSales: 200, ecomOrders: 80, months: 6 },
  });
  await insertTestCatalog(synced.db, synced.store.fixtures.products);
  return synced;
}

describe(`favourites in recomputeAllCustomers (${testDatabaseKind})`, () => {
  it("stores each customer's favourite categories and brands by share of their line spend", async () => {
    const { db, asOf } = await simulatedStoreWithCatalog();
    await recomputeAllCustomers(db, { config, asOf, refit: true });
    const customers = await db.prisma.customer.count({ where: { mergedIntoId: null } });
    const withCategories = await expectFavouritesOfLines(db, {
      asOf,
      limit: config.favouritesLimit,
    });
    // The check above means something only if most customers have favourites.
    expect(withCategories).toBeGreaterThan(customers / 2);
  });

  it("sums them again only when the orders, their lines, the catalog, asOf or the settings changed", async () => {
    const { db, store, asOf } = await simulatedStoreWithCatalog();
    // Batches of 7: everyone's favourites are summed batch by batch (more stale than a batch).
    await recomputeAllCustomers(db, { config, asOf, refit: true, chunkSize: 7 });
    const first = await storedFavourites(db);
    expect(first.every((m) => m.favouritesFingerprint !== null)).toBe(true);

    // Nothing changed: the same favourites and fingerprints.
    await recomputeAllCustomers(db, { config, asOf, chunkSize: 7 });
    expect(await storedFavourites(db)).toEqual(first);
    // The incremental runs' check (over the orders, in SQL) agrees with the fingerprints the full
    // run derived from its summaries pass: nobody is stale.
    const selection = {
      asOf,
      countFullyRefundedOrders: config.countFullyRefundedOrders,
      limit: config.favouritesLimit,
      catalog: await catalogFingerprint(db),
    };
    const ids = first.map((m) => m.customerId);
    expect(await findStaleFavourites(db, ids, selection)).toEqual(new Map());
    expect(await findStaleFavourites(db, "every customer", selection)).toEqual(new Map());

    // A probe that the run does skip: a sale's lines emptied behind the mirror's back (same
    // version, which Lightspeed never does) leave its customer's favourites as they were.
    const sale = store.sales().find((s) => s.customer_id && s.line_items.length > 0);
    if (!sale) throw new Error("the simulated store has no sale with a customer and lines");
    const [{ customerId }] = (await db.prisma.$queryRawUnsafe<Array<{ customerId: string }>>(
      `SELECT "customerId"::text AS "customerId" FROM "Order" WHERE "retailSaleId" = $1`,
      sale.id,
    )) as [{ customerId: string }];
    await db.prisma.$executeRawUnsafe(
      `UPDATE "RetailSale" SET payload = jsonb_set(payload, '{line_items}', '[]') WHERE id = $1`,
      sale.id,
    );
    await recomputeAllCustomers(db, { config, asOf });
    expect(await storedFavourites(db)).toEqual(first);

    // The same sale as Lightspeed sends a change: a new version, its first line now another
    // product, the total unchanged. The merge keeps the order's linesVersion, so the customer is
    // marked changed; the incremental run sums their favourites again, and only theirs.
    const [line, ...rest] = sale.line_items;
    const other = store.fixtures.products.find((p) => p.id !== line?.product_id);
    await ingestRetail(db, {
      sales: [
        {
          ...sale,
          version: sale.version + 1,
          line_items: [{ ...line, product_id: other?.id }, ...rest],
        },
      ],
    });
    const dirty = await db.prisma.customer.findMany({
      where: { metricsDirtyAt: { not: null } },
      select: { id: true },
    });
    expect(dirty).toEqual([{ id: customerId }]);
    await recomputeDirtyCustomers(db, { config, asOf });
    const afterSale = await storedFavourites(db);
    expect(
      afterSale.filter((m, i) => m.favouritesFingerprint !== first[i]?.favouritesFingerprint),
    ).toEqual([expect.objectContaining({ customerId })]);
    await expectFavouritesOfLines(db, { asOf, limit: config.favouritesLimit });
    await recomputeAllCustomers(db, { config, asOf, chunkSize: 7 });
    expect(await storedFavourites(db)).toEqual(afterSale);

    // The catalog: a category renamed.
    const category = await db.prisma.retailProductCategory.findFirstOrThrow({
      orderBy: { id: "asc" },
    });
    await db.prisma.retailProductCategory.update({
      where: { id: category.id },
      data: { name: `${category.name} (renamed)` },
    });
    await recomputeAllCustomers(db, { config, asOf, chunkSize: 7 });
    await expectFavouritesOfLines(db, { asOf, limit: config.favouritesLimit });

    // An earlier asOf leaves out the orders after it; another limit keeps more of each.
    const earlier = new Date(asOf.getTime() - 60 * DAY);
    await recomputeAllCustomers(db, { config, asOf: earlier });
    await expectFavouritesOfLines(db, { asOf: earlier, limit: config.favouritesLimit });
    await recomputeAllCustomers(db, { config: { ...config, favouritesLimit: 5 }, asOf });
    await expectFavouritesOfLines(db, { asOf, limit: 5 });
  });

  it("the incremental run sums the favourites of the customers whose orders changed", async () => {
    const { db, store, asOf } = await simulatedStoreWithCatalog();
    await recomputeAllCustomers(db, { config, asOf, refit: true });
    // A new sale for a customer with history: the merge marks them dirty.
    const customerId = store.sales().find((s) => s.customer_id)?.customer_id;
    if (!customerId) throw new Error("the simulated store has no sale with a customer");
    const product = store.fixtures.products[0];
    await ingestRetail(db, {
      sales: [
        store.createSale({
          customer_id: customerId,
          sale_date: new Date(asOf.getTime() - DAY),
          line_items: [{ product_id: product?.id, quantity: 40, price: 25 }],
        }),
      ],
    });
    const run = await recomputeDirtyCustomers(db, { config, asOf });
    expect(run.customers).toBeGreaterThan(0);
    await expectFavouritesOfLines(db, { asOf, limit: config.favouritesLimit });
  });
});
