// The merge on a real database with the simulator's store and its eCom export: one order per real
// order, one customer per person, and the same result whatever arrives first.
import { testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { SimulatedStore } from "@greenloop/lightspeed-simulator";
import { describe, expect, it } from "vitest";
import { importEcomOrders } from "../imports/import-ecom-orders";
import { ecomOrder } from "../imports/testing/ecom-order-fixtures";
import { openDatabaseForTest } from "../testing/test-database";
import { mergeChanges } from "./merge-changes";
import { canonicalSnapshot } from "./testing/canonical-snapshot";
import { addEmailOnlyAndPhoneOnly, addFamilyEmail } from "./testing/identity-scenarios";
import {
  emptyStore,
  importStoreExport,
  ingestRetail,
  testMergeRules,
} from "./testing/merge-harness";

const cleanup = useTestCleanup();
const HOUR = 3_600_000;

function smallStore(seed = 21) {
  return new SimulatedStore({
    seed,
    store: { customers: 25, inStoreSales: 40, ecomOrders: 30, months: 2 },
  });
}

describe(`mergeChanges (${testDatabaseKind})`, () => {
  it("counts an eCom order imported from CSV and later synced to X-Series once", async () => {
    const db = await openDatabaseForTest(cleanup);
    const store = smallStore();
    // Half the online orders are still waiting for X-Series when the CSV is imported.
    await ingestRetail(db, { sales: store.sales(), customers: store.customers() });
    await importStoreExport(db, store);
    const unsyncedBefore = await db.prisma.order.count({ where: { source: "ecom_unsynced" } });
    expect(unsyncedBefore).toBe(store.pendingEcomOrders().length);

    const importedAt = store.now().getTime();
    store.advanceClock(10 * 24 * HOUR); // orders due within ten days sync on their own
    store.syncPendingEcomOrders();
    await ingestRetail(db, { sales: store.sales(), customers: store.customers() });
    const syncedLater = store
      .sales()
      .filter(
        (sale) => sale.source?.startsWith("ecw:") && Date.parse(sale.created_at) > importedAt,
      );
    expect(syncedLater.length).toBeGreaterThan(0);

    const ecomOrders = store.ecomOrders();
    const inStore = store
      .sales()
      .filter((sale) => !sale.source?.startsWith("ecw:") && sale.deleted_at === null);
    expect(await db.prisma.order.count()).toBe(ecomOrders.length + inStore.length);
    // The simulator never syncs some orders: those stay unsynced, and are still counted once.
    expect(await db.prisma.order.count({ where: { source: "ecom_unsynced" } })).toBe(
      store.pendingEcomOrders().length,
    );

    for (const sale of store.sales().filter((s) => s.source?.startsWith("ecw:"))) {
      const order = await db.prisma.order.findUniqueOrThrow({
        where: { key: `ecom:${sale.source_id}` },
      });
      expect(order).toMatchObject({ retailSaleId: sale.id, matchedBy: "SOURCE_ID" });
      expect(order.reachedRetailAt?.toISOString()).toBe(new Date(sale.created_at).toISOString());
      // placed (minute precision in the export) → reached X-Series (the sale's created_at).
      const expected = (Date.parse(sale.created_at) - order.placedAt.getTime()) / 1000;
      expect(order.syncDelaySeconds).toBe(Math.max(0, Math.floor(expected)));
    }
  });

  it("ends with the same customers and orders whichever source arrives first", async () => {
    const store = smallStore(5);
    store.advanceClock(3 * 24 * HOUR);
    store.syncPendingEcomOrders();

    const csvFirst = await openDatabaseForTest(cleanup);
    await importStoreExport(csvFirst, store);
    await ingestRetail(csvFirst, { sales: store.sales() });
    await ingestRetail(csvFirst, { customers: store.customers() });

    const retailFirst = await openDatabaseForTest(cleanup);
    await ingestRetail(retailFirst, { customers: store.customers().reverse() });
    for (const sale of store.sales().reverse()) await ingestRetail(retailFirst, { sales: [sale] });
    await importStoreExport(retailFirst, store);

    const a = await canonicalSnapshot(csvFirst);
    expect(a.orders.length).toBeGreaterThan(50);
    expect(await canonicalSnapshot(retailFirst)).toEqual(a);
  });

  it("merges an email-only and a phone-only X-Series record through an online order", async () => {
    const db = await openDatabaseForTest(cleanup);
    const store = emptyStore(8);
    addEmailOnlyAndPhoneOnly(store, {
      first_name: "Dana",
      last_name: "Reed",
      email: "dana.reed@example.com",
      mobile: "(615) 555-0142",
    });
    await ingestRetail(db, { sales: store.sales(), customers: store.customers() });
    expect(await db.prisma.customer.count({ where: { mergedIntoId: null } })).toBe(2);

    store.placeEcomOrder({ email: "Dana.Reed@example.com", phoneDigits: "6155550142" });
    await importStoreExport(db, store);

    const live = await db.prisma.customer.findMany({ where: { mergedIntoId: null } });
    expect(live).toHaveLength(1);
    const [customer] = live;
    expect(await db.prisma.order.count({ where: { customerId: customer?.id } })).toBe(3);
    expect(await db.prisma.customer.count({ where: { mergedIntoId: customer?.id } })).toBe(1);
    const merge = await db.prisma.identityEvent.findFirst({
      where: { customerId: customer?.id, kind: "MERGE" },
    });
    expect(merge?.reason).toMatch(/^same (email|phone)/);
  });

  it("keeps two people who share a family email apart and flags the email", async () => {
    const db = await openDatabaseForTest(cleanup);
    const store = emptyStore(9);
    const { mom, son } = addFamilyEmail(store, "the.garcias@example.com", {
      mom: { first_name: "Ana", mobile: "615-555-0101" },
      son: { first_name: "Leo", mobile: "615-555-0102" },
    });
    for (const customer of [mom, son]) store.createSale({ customer_id: customer.id });
    await ingestRetail(db, { sales: store.sales(), customers: store.customers() });

    const customers = await db.prisma.customer.findMany({
      select: { id: true, displayName: true },
      orderBy: { displayName: "asc" },
    });
    expect(customers.map((c) => c.displayName)).toEqual(["Ana", "Leo"]);
    for (const customer of customers) {
      expect(await db.prisma.order.count({ where: { customerId: customer.id } })).toBe(2);
    }
    const flagged = await db.prisma.flaggedIdentifier.findMany();
    expect(flagged.map((f) => [f.kind, f.value, f.reason])).toContainEqual([
      "EMAIL",
      "the.garcias@example.com",
      "shared",
    ]);
  });

  it("detects an email on more X-Series customers than the limit as a placeholder, in any order", async () => {
    const store = emptyStore(12);
    const shared = "frontdesk@greenshop.example.com";
    for (let i = 0; i < 7; i++) store.createCustomer({ first_name: `P${i}`, email: shared });
    const all = await openDatabaseForTest(cleanup);
    await ingestRetail(all, { customers: store.customers() });
    const oneByOne = await openDatabaseForTest(cleanup);
    for (const customer of store.customers())
      await ingestRetail(oneByOne, { customers: [customer] });

    for (const db of [all, oneByOne]) {
      expect(await db.prisma.customer.count({ where: { mergedIntoId: null } })).toBe(7);
      const [flag] = await db.prisma.flaggedIdentifier.findMany({ where: { kind: "EMAIL" } });
      expect(flag).toMatchObject({ value: shared, reason: "placeholder" });
      expect(flag?.detail).toBe("carried by 7 X-Series customers (limit 5)");
    }
    expect(await canonicalSnapshot(oneByOne)).toEqual(await canonicalSnapshot(all));
  });

  it("changes nothing when the same records are merged again", async () => {
    const db = await openDatabaseForTest(cleanup);
    const store = smallStore(3);
    await ingestRetail(db, { sales: store.sales(), customers: store.customers() });
    await importStoreExport(db, store);
    const before = await canonicalSnapshot(db);
    const events = await db.prisma.identityEvent.count();

    const again = await mergeChanges(
      db,
      {
        saleIds: store.sales().map((s) => s.id),
        retailCustomerIds: store.customers().map((c) => c.id),
        ecomOrderNumbers: store.ecomOrders().map((o) => o.orderNumber),
      },
      testMergeRules,
    );
    expect(again).toMatchObject({ ordersChanged: 0, recordsChanged: 0, customersTouched: 0 });
    expect(await canonicalSnapshot(db)).toEqual(before);
    expect(await db.prisma.identityEvent.count()).toBe(events);
  });

  it("joins an eCom order to the sale its export's X-series Order ID names, never by invoice number", async () => {
    const db = await openDatabaseForTest(cleanup);
    const store = new SimulatedStore({
      seed: 14,
      store: { customers: 1, inStoreSales: 0, ecomOrders: 0 },
    });
    const [customer] = store.customers();
    // A sale that carries no eCom evidence itself, and another whose invoice number collides.
    const named = store.createSale({ customer_id: customer?.id });
    const collides = store.createSale({ customer_id: customer?.id });
    await ingestRetail(db, { sales: store.sales(), customers: store.customers() });
    const orders = [
      ecomOrder(5001, { xseriesOrderIdHint: named.id }),
      ecomOrder(Number(collides.invoice_number)),
    ];
    await importEcomOrders({
      db,
      source: (async function* () {
        yield { orders, rejected: [], rowsRead: 2, rowsRejected: 0 };
      })(),
      file: { name: "hint.csv", sha256: "test", bytes: 0 },
      format: "ecwid",
      onEcomOrdersChanged: (numbers) =>
        mergeChanges(db, { ecomOrderNumbers: numbers }, testMergeRules).then(() => undefined),
    });
    const rows = await db.prisma.order.findMany({
      orderBy: { key: "asc" },
      select: { key: true, retailSaleId: true, matchedBy: true, source: true },
    });
    expect(rows).toEqual(
      [
        {
          key: "ecom:5001",
          retailSaleId: named.id,
          matchedBy: "XSERIES_ORDER_ID_HINT",
          source: "ecom_synced",
        },
        {
          key: `ecom:${collides.invoice_number}`,
          retailSaleId: null,
          matchedBy: "UNMATCHED",
          source: "ecom_unsynced",
        },
        {
          key: `retail:${collides.id}`,
          retailSaleId: collides.id,
          matchedBy: "UNMATCHED",
          source: "retail",
        },
      ].sort((a, b) => (a.key < b.key ? -1 : 1)),
    );
  });

  it("takes voided and deleted sales out of the analytics", async () => {
    const db = await openDatabaseForTest(cleanup);
    const store = new SimulatedStore({
      seed: 10,
      store: { customers: 2, inStoreSales: 0, ecomOrders: 0 },
    });
    const [customer] = store.customers();
    const kept = store.createSale({ customer_id: customer?.id });
    const voided = store.createSale({ customer_id: customer?.id });
    const deleted = store.createSale({ customer_id: customer?.id });
    await ingestRetail(db, { sales: store.sales(), customers: store.customers() });
    expect(await db.prisma.order.count()).toBe(3);

    await ingestRetail(db, {
      sales: [store.updateSale(voided.id, { status: "VOIDED" }), store.deleteSale(deleted.id)],
    });
    const orders = await db.prisma.order.findMany({
      select: { key: true, countsInAnalytics: true },
    });
    expect(orders).toEqual(
      expect.arrayContaining([
        { key: `retail:${kept.id}`, countsInAnalytics: true },
        { key: `retail:${voided.id}`, countsInAnalytics: false },
      ]),
    );
    expect(orders).toHaveLength(2);
  });
});
