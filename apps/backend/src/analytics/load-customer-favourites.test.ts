// The favourites summed in SQL equal the TypeScript definitions (favouriteProductsOf and
// spendSharesOf, through computeCustomerMetrics) over the same orders' lines, on random stores
// with the edge cases in them (see testing/random-product-orders.ts).
import { openTestDatabase, testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import {
  computeCustomerMetrics,
  defaultAnalyticsConfig,
  type FavouriteItem,
  type SpendShare,
} from "@greenloop/order-sync/analytics";
import { describe, expect, it } from "vitest";
import { loadCustomerFavourites } from "./load-customer-favourites";
import { insertRandomProductOrders } from "./testing/random-product-orders";

const cleanup = useTestCleanup();
const asOf = new Date("2026-06-30T12:00:00Z");

const products = (items: readonly FavouriteItem[]) =>
  items.map((f) => [f.name, f.quantity.toString(), f.spend.toString()]);
const shares = (items: readonly SpendShare[]) =>
  items.map((f) => [f.name, f.share, f.spend.toString()]);

describe(`loadCustomerFavourites (${testDatabaseKind})`, () => {
  it("does sum what favouriteProductsOf and spendSharesOf define, on random stores", async () => {
    const db = await openTestDatabase();
    cleanup.defer(() => db.close());
    let compared = 0;
    for (const seed of [1, 2]) {
      const store = await insertRandomProductOrders(db, { seed, asOf });
      for (const countFullyRefundedOrders of [false, true]) {
        for (const limit of [1, 3]) {
          const config = {
            ...defaultAnalyticsConfig,
            countFullyRefundedOrders,
            favouritesLimit: limit,
          };
          const loaded = await loadCustomerFavourites(db, store.customerIds, {
            asOf,
            countFullyRefundedOrders,
            limit,
          });
          for (const customerId of store.customerIds) {
            const expected = computeCustomerMetrics(
              store.orders.filter((o) => o.customerId === customerId),
              { asOf, config },
            );
            const actual = loaded.get(customerId) ?? { products: [], categories: [], brands: [] };
            expect({
              products: products(actual.products),
              categories: shares(actual.categories),
              brands: shares(actual.brands),
            }).toEqual({
              products: products(expected.favouriteProducts),
              categories: shares(expected.favouriteCategories),
              brands: shares(expected.favouriteBrands),
            });
            if (expected.favouriteCategories.length > 0) compared += 1;
          }
        }
      }
    }
    // Most customers have categorised purchases, or the comparison above proves little.
    expect(compared).toBeGreaterThan(2 * 2 * 2 * 6);
  });

  it("does return nothing for no customers or customers without lines", async () => {
    const db = await openTestDatabase();
    cleanup.defer(() => db.close());
    const options = { asOf, countFullyRefundedOrders: false, limit: 3 };
    expect((await loadCustomerFavourites(db, [], options)).size).toBe(0);
    const customer = await db.prisma.customer.create({ data: {}, select: { id: true } });
    expect((await loadCustomerFavourites(db, [customer.id], options)).size).toBe(0);
  });
});
