// Reconciliation on a simulated store and its (hand-edited) eCom export: every category is
// exercised and counted, totals are compared net of loyalty, and the result does not depend on
// how the parser batches the file.
import { openTestDatabase, testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { SimulatedStore } from "@greenloop/lightspeed-simulator";
import { parseEcomCsv } from "@greenloop/order-sync/csv";
import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { ingestRetail } from "../../merge/testing/merge-harness";
import { reconcileExport } from "./reconcile-export";
import { editExportOrder } from "./testing/edit-export-order";

const cleanup = useTestCleanup();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const money = (cents: number) => (cents / 100).toFixed(2);

async function scenario() {
  const db = await openTestDatabase();
  cleanup.defer(() => db.close());
  const store = new SimulatedStore({
    seed: 21,
    store: { customers: 0, inStoreSales: 0, ecomOrders: 0 },
  });
  const place = (input: Parameters<typeof store.placeEcomOrder>[0] = {}) =>
    store.placeEcomOrder({ delayMs: HOUR, ...input });
  const orders = {
    matched: place(),
    loyalty: place({ loyaltyCents: 500 }),
    loyaltyCounted: place({ loyaltyCents: 300 }),
    never: place({ delayMs: 3650 * DAY }),
    deleted: place(),
    totalEdited: place(),
    refunded: place({ fulfillment: "pickup" }),
    voided: place(),
    broken: place(),
  };
  store.advanceClock(2 * HOUR);
  store.syncPendingEcomOrders();
  const saleIds = new Map(store.sales().map((sale) => [String(sale.source_id), sale.id]));
  const saleOf = (order: { orderNumber: string }) => {
    const id = saleIds.get(order.orderNumber);
    if (id === undefined) throw new Error(`order ${order.orderNumber} did not sync`);
    return id;
  };
  store.deleteSale(saleOf(orders.deleted));
  store.updateSale(saleOf(orders.voided), { status: "VOIDED" });
  await ingestRetail(db, { customers: store.customers(), sales: store.sales() });

  let csv = store.ecomCsvExport();
  // The export counted the redeemed points: off by exactly the Loyalty payment, still matched.
  csv = editExportOrder(csv, orders.loyaltyCounted.orderNumber, {
    order_total: money(orders.loyaltyCounted.totalCents + 300),
  });
  csv = editExportOrder(csv, orders.totalEdited.orderNumber, {
    order_total: money(orders.totalEdited.totalCents + 250),
  });
  csv = editExportOrder(csv, orders.refunded.orderNumber, {
    payment_status: "Refunded",
    payment_status_code: "REFUNDED",
  });
  csv = editExportOrder(csv, orders.broken.orderNumber, { order_total: "twelve dollars" });
  return { db, store, orders, saleOf, csv };
}

describe(`reconcileExport (${testDatabaseKind})`, () => {
  it("puts every order of the export in its category and counts them", async () => {
    const { db, store, orders, saleOf, csv } = await scenario();
    const brokenRows = orders.broken.lines.length;

    const result = await reconcileExport(db, {
      source: parseEcomCsv(csv, { timeZone: store.timeZone, batchSize: 3 }),
    });

    expect(result.counts).toEqual({
      orders: 8,
      matched: 3,
      missingInXSeries: 2,
      totalMismatch: 1,
      statusMismatch: 2,
      rejectedRows: brokenRows,
    });
    const byNumber = new Map(result.orders.map((order) => [order.ecomOrderNumber, order]));
    const get = (order: { orderNumber: string }) => byNumber.get(order.orderNumber);

    expect(get(orders.matched)).toMatchObject({
      category: "matched",
      retailSaleId: saleOf(orders.matched),
      matchedBy: "SOURCE_ID",
      exportStatus: "COMPLETED",
      xseriesStatus: "OPEN",
      placedAt: new Date(orders.matched.placedAtMs),
    });
    const loyalty = get(orders.loyalty);
    expect(loyalty?.category).toBe("matched");
    expect(loyalty?.exportTotal.toFixed(2)).toBe(money(orders.loyalty.totalCents));
    expect(loyalty?.xseriesTotal?.toFixed(2)).toBe(money(orders.loyalty.totalCents));
    expect(loyalty?.loyaltyPaid?.toFixed(2)).toBe("5.00");
    expect(loyalty?.difference?.isZero()).toBe(true);
    const counted = get(orders.loyaltyCounted);
    expect(counted?.category).toBe("matched");
    expect(counted?.difference?.toFixed(2)).toBe("-3.00");

    for (const order of [orders.never, orders.deleted]) {
      expect(get(order)).toMatchObject({
        category: "missing_in_xseries",
        xseriesTotal: null,
        difference: null,
        xseriesStatus: null,
        retailSaleId: null,
        matchedBy: null,
      });
    }
    const edited = get(orders.totalEdited);
    expect(edited?.category).toBe("total_mismatch");
    expect(edited?.difference?.toFixed(2)).toBe("-2.50");
    expect(edited?.xseriesTotal?.toFixed(2)).toBe(money(orders.totalEdited.totalCents));

    expect(get(orders.refunded)).toMatchObject({
      category: "status_mismatch",
      exportStatus: "REFUNDED",
      xseriesStatus: "OPEN",
      retailSaleId: saleOf(orders.refunded),
    });
    expect(get(orders.voided)).toMatchObject({
      category: "status_mismatch",
      exportStatus: "COMPLETED",
      xseriesStatus: "VOIDED",
    });
    expect(byNumber.has(orders.broken.orderNumber)).toBe(false);
  });

  it("gives the same result whatever the batch size, and honours the tolerance", async () => {
    const { db, store, orders, csv } = await scenario();
    const run = (batchSize: number, tolerance?: Decimal) =>
      reconcileExport(db, {
        source: parseEcomCsv(csv, { timeZone: store.timeZone, batchSize }),
        ...(tolerance ? { tolerance } : {}),
      });
    const one = await run(1);
    const all = await run(1_000);
    expect(all).toEqual(one);

    const lenient = await run(1_000, new Decimal("2.50"));
    expect(lenient.counts).toMatchObject({ matched: 4, totalMismatch: 0 });
    expect(
      lenient.orders.find((order) => order.ecomOrderNumber === orders.totalEdited.orderNumber)
        ?.category,
    ).toBe("matched");
  });
});
