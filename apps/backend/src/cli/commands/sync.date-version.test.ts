// `pnpm cli sync` through a date version of the X-Series API (LIGHTSPEED_API_VERSION) against the
// simulator: the same seeded store gives the same mirror columns and the same canonical customers
// and orders as through API 2.0, eCom-synced sales matched to their imported CSV orders alike.
import { openDatabase } from "@greenloop/db";
import { testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { describe, expect, it } from "vitest";
import { startTestSimulator } from "../../ingestion/polling/testing/simulated-lightspeed";
import { canonicalSnapshot } from "../../merge/testing/canonical-snapshot";
import { syncedStoreEnv } from "../testing/cli-test-env";

const cleanup = useTestCleanup();

/** What the sync and the import left in the database, in a comparable form. */
async function readStore(env: Record<string, string>) {
  const db = await openDatabase(
    env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { pgliteDir: env.PGLITE_DIR ?? "" },
  );
  try {
    const sales = await db.prisma.retailSale.findMany({ orderBy: { id: "asc" } });
    const customers = await db.prisma.retailCustomer.findMany({ orderBy: { id: "asc" } });
    const text = (value: { toString(): string } | null) => value?.toString() ?? null;
    return {
      canonical: await canonicalSnapshot(db),
      // Every column the merge reads; `status` and `payload` are what each API sent.
      sales: sales.map(({ status: _s, payload: _p, firstSeenAt: _f, lastSeenAt: _l, ...sale }) => ({
        ...sale,
        version: Number(sale.version),
        totalPrice: text(sale.totalPrice),
        totalTax: text(sale.totalTax),
        totalLoyalty: text(sale.totalLoyalty),
      })),
      customers: customers.map(({ firstSeenAt: _f, lastSeenAt: _l, ...customer }) => ({
        ...customer,
        version: Number(customer.version),
        loyaltyBalance: text(customer.loyaltyBalance),
      })),
      statuses: new Set(sales.map((sale) => sale.status)),
      payloads: sales.map((sale) => sale.payload as Record<string, unknown>),
    };
  } finally {
    await db.close();
  }
}

describe(`pnpm cli sync with LIGHTSPEED_API_VERSION (${testDatabaseKind})`, () => {
  it("gives the same canonical store through /api/2026-07 as through /api/2.0", async () => {
    const sim = await startTestSimulator(cleanup);
    // An eCom order paid partly with points, synced now: the merge must find its "Loyalty" payment.
    sim.store.placeEcomOrder({ loyaltyCents: 1000, delayMs: 0 });
    sim.store.syncPendingEcomOrders();

    const legacy = await readStore(await syncedStoreEnv(cleanup, sim));
    const dated = await readStore(
      await syncedStoreEnv(cleanup, sim, { LIGHTSPEED_API_VERSION: "2026-07" }),
    );

    expect(dated.canonical).toEqual(legacy.canonical);
    expect(dated.sales).toEqual(legacy.sales);
    expect(dated.customers).toEqual(legacy.customers);

    // Not an empty comparison: in-store and eCom sales, CSV orders matched to their synced sales.
    expect(legacy.sales).toHaveLength(sim.store.sales().length);
    const orders = legacy.canonical.orders;
    expect(
      orders.filter((order) => order.retailSaleId && order.ecomOrderNumber).length,
    ).toBeGreaterThan(5);
    expect(
      orders.filter((order) => order.retailSaleId && !order.ecomOrderNumber).length,
    ).toBeGreaterThan(50);
    expect(legacy.canonical.customers.length).toBeGreaterThan(20);
    const loyaltyPaid = sim.store
      .sales()
      .filter((sale) => sale.payments.some((payment) => payment.name === "Loyalty"));
    expect(loyaltyPaid.length).toBeGreaterThan(0);

    // The mirror keeps what each API sent: 2.0's status, the date-based shape's nesting.
    expect(legacy.statuses.has(null)).toBe(false);
    expect([...dated.statuses]).toEqual([null]);
    for (const payload of dated.payloads) {
      expect(payload).toHaveProperty("_metadata.version");
      expect(payload).toHaveProperty("totals.price");
      expect(payload).not.toHaveProperty("sale_date");
    }
  });
});
