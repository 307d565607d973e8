import { openTestDatabase, testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { SimulatedStore } from "@greenloop/lightspeed-simulator";
import {
  type Customer,
  customerSchema,
  type ParsedRecord,
  type Sale,
  saleSchema,
} from "@greenloop/order-sync/lightspeed";
import { describe, expect, it } from "vitest";
import { writeRetailCustomers, writeRetailSales } from "./retail-mirror";
import { parsed } from "./testing/parsed-record";

const cleanup = useTestCleanup();

async function setup() {
  const db = await openTestDatabase();
  cleanup.defer(() => db.close());
  const store = new SimulatedStore({
    seed: 11,
    store: { customers: 8, inStoreSales: 12, ecomOrders: 6, months: 1 },
  });
  store.syncPendingEcomOrders();
  const sales = store.sales().map((sale) => parsed<Sale>(saleSchema, sale));
  const customers = store.customers().map((customer) => parsed<Customer>(customerSchema, customer));
  return { db, store, sales, customers };
}

describe(`writeRetailSales (${testDatabaseKind})`, () => {
  it("stores every sale with exact money, UTC times and the raw payload", async () => {
    const { db, sales } = await setup();
    const result = await writeRetailSales(db.prisma, sales);
    expect(result.inserted).toHaveLength(sales.length);
    expect(await db.prisma.retailSale.count()).toBe(sales.length);

    const first = sales[0] as ParsedRecord<Sale>;
    const row = await db.prisma.retailSale.findUniqueOrThrow({ where: { id: first.data.id } });
    expect(row.version).toBe(BigInt(first.data.version));
    expect(row.totalPrice?.toString()).toBe(first.data.total_price.toString());
    expect(row.saleDate?.toISOString()).toBe(first.data.sale_date.toISOString());
    expect(row.attributes).toEqual(first.data.attributes);
    expect(row.payload).toEqual(first.raw);
    const ecom = sales.find((s) => s.data.source?.startsWith("ecw:"));
    expect(ecom).toBeDefined();
    const ecomRow = await db.prisma.retailSale.findUniqueOrThrow({
      where: { id: ecom?.data.id ?? "" },
    });
    expect(ecomRow.sourceId).toBe(ecom?.data.source_id);
  });

  it("changes nothing when the same batch is written twice, or an older version arrives late", async () => {
    const { db, sales } = await setup();
    await writeRetailSales(db.prisma, sales);
    const again = await writeRetailSales(db.prisma, sales);
    expect(again).toEqual({ inserted: [], updated: [], unchanged: sales.length });

    const first = sales[0] as ParsedRecord<Sale>;
    const newer = parsed<Sale>(saleSchema, {
      ...first.raw,
      version: first.data.version + 10,
      note: "newer",
    });
    const older = parsed<Sale>(saleSchema, {
      ...first.raw,
      version: first.data.version + 5,
      note: "older",
    });
    // The newer one lands first; the older one, delivered late, must not overwrite it.
    expect((await writeRetailSales(db.prisma, [newer])).updated).toEqual([first.data.id]);
    expect((await writeRetailSales(db.prisma, [older])).unchanged).toBe(1);
    const row = await db.prisma.retailSale.findUniqueOrThrow({ where: { id: first.data.id } });
    expect(row.note).toBe("newer");
    expect(row.version).toBe(BigInt(first.data.version + 10));
  });

  it("keeps the highest version when one batch holds the same sale twice", async () => {
    const { db, sales } = await setup();
    const first = sales[0] as ParsedRecord<Sale>;
    const v2 = parsed<Sale>(saleSchema, {
      ...first.raw,
      version: first.data.version + 1,
      note: "v2",
    });
    const result = await writeRetailSales(db.prisma, [v2, first]);
    expect(result.inserted).toEqual([first.data.id]);
    expect(
      (await db.prisma.retailSale.findUniqueOrThrow({ where: { id: first.data.id } })).note,
    ).toBe("v2");
  });

  it("accepts a sale whose customer it has not seen yet", async () => {
    const { db, sales } = await setup();
    const withCustomer = sales.find((s) => s.data.customer_id);
    await writeRetailSales(db.prisma, [withCustomer as ParsedRecord<Sale>]);
    expect(await db.prisma.retailCustomer.count()).toBe(0);
    expect(await db.prisma.retailSale.count()).toBe(1);
  });
});

describe(`writeRetailCustomers (${testDatabaseKind})`, () => {
  it("stores customers once, updates on a newer version and records deletions", async () => {
    const { db, store, customers } = await setup();
    await writeRetailCustomers(db.prisma, customers);
    expect(await db.prisma.retailCustomer.count()).toBe(customers.length);
    expect((await writeRetailCustomers(db.prisma, customers)).unchanged).toBe(customers.length);

    const target = customers[0] as ParsedRecord<Customer>;
    store.deleteCustomer(target.data.id);
    const deleted = parsed<Customer>(customerSchema, store.getCustomer(target.data.id) ?? {});
    expect((await writeRetailCustomers(db.prisma, [deleted])).updated).toEqual([target.data.id]);
    const row = await db.prisma.retailCustomer.findUniqueOrThrow({ where: { id: target.data.id } });
    expect(row.deletedAt).toBeInstanceOf(Date);
  });
});
