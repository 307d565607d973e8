// The importer against the simulator's eCom export: an independent writer of the real E-Series
// format. Every online order comes in once, with the totals and times X-Series later shows.
import { openTestDatabase, testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { SimulatedStore } from "@greenloop/lightspeed-simulator";
import { parseEcomCsv } from "@greenloop/order-sync/csv";
import { describe, expect, it } from "vitest";
import { importEcomOrders } from "./import-ecom-orders";

const cleanup = useTestCleanup();

describe(`importEcomOrders on the simulator's export (${testDatabaseKind})`, () => {
  it("imports every online order once, and a re-import changes nothing", async () => {
    const db = await openTestDatabase();
    cleanup.defer(() => db.close());
    const store = new SimulatedStore({
      seed: 4,
      store: { customers: 20, inStoreSales: 5, ecomOrders: 40, months: 2 },
    });
    store.syncPendingEcomOrders();
    const csv = store.ecomCsvExport();
    const file = { name: "export.csv", sha256: "test", bytes: csv.length };
    const run = () =>
      importEcomOrders({
        db,
        source: parseEcomCsv(csv, { timeZone: "America/Chicago" }),
        file,
        format: "auto",
      });

    const first = await run();
    expect(first.rowsRejected).toBe(0);
    expect(first.errors).toEqual([]);
    expect(first.ordersCreated).toBe(store.ecomOrders().length);

    // The synced X-Series sales say when each order was placed and what it cost.
    const synced = store.sales().filter((sale) => sale.source?.startsWith("ecw:"));
    expect(synced.length).toBeGreaterThan(0);
    for (const sale of synced) {
      const order = await db.prisma.ecomOrder.findUniqueOrThrow({
        where: { orderNumber: String(sale.source_id) },
        select: { placedAt: true, total: true },
      });
      // The export has minute precision in store time; the sale keeps seconds.
      expect(Math.abs(order.placedAt.getTime() - Date.parse(sale.sale_date))).toBeLessThan(60_000);
      const paidOnline = sale.payments
        .filter((payment) => payment.name !== "Loyalty")
        .reduce((sum, payment) => sum + Math.round(payment.amount * 100), 0);
      expect(Math.round(Number(order.total) * 100)).toBe(paidOnline);
    }

    const again = await run();
    expect(again).toMatchObject({
      ordersCreated: 0,
      ordersUpdated: 0,
      ordersUnchanged: first.ordersCreated,
    });
    expect(await db.prisma.ecomOrderChange.count()).toBe(0);
  });
});
