import { openTestDatabase, testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import type { ParsedRecord, Product } from "@greenloop/order-sync/lightspeed";
import { describe, expect, it } from "vitest";
import { writeRetailProducts } from "../catalog-mirror";
import { pollCatalog } from "./poll-catalog";
import { pollJobName } from "./poll-resource";
import { connectTestClient, startTestSimulator } from "./testing/simulated-lightspeed";

const cleanup = useTestCleanup();

async function setup() {
  const db = await openTestDatabase();
  cleanup.defer(() => db.close());
  const sim = await startTestSimulator(cleanup);
  return { db, sim, client: connectTestClient(sim) };
}

type Db = Awaited<ReturnType<typeof setup>>["db"];

async function mirroredProducts(db: Db) {
  return db.prisma.retailProduct.findMany({
    orderBy: { id: "asc" },
    select: {
      id: true,
      version: true,
      name: true,
      sku: true,
      brandId: true,
      categoryId: true,
      variantParentId: true,
      deletedAt: true,
      lastSeenAt: true,
    },
  });
}

describe(`pollCatalog (${testDatabaseKind})`, () => {
  it("mirrors every category, brand and product (deleted ones with deletedAt), then nothing changes", async () => {
    const { db, sim, client } = await setup();
    const served = sim.store.catalog.allProducts();

    const first = await pollCatalog({ db, client, trigger: "test" });
    expect(first.ok).toBe(true);
    expect(first.resources.products).toMatchObject({
      status: "succeeded",
      records: served.length,
      inserted: served.length,
      pages: Math.ceil(served.length / 25),
    });
    expect(await db.prisma.retailBrand.count()).toBe(12);
    expect(await db.prisma.retailProductCategory.count()).toBe(9);
    const rows = await mirroredProducts(db);
    const byId = new Map(served.map((p) => [p.id, p]));
    expect(rows).toHaveLength(served.length);
    for (const row of rows) {
      const wire = byId.get(row.id);
      expect(row).toMatchObject({
        version: BigInt(wire?.version ?? -1),
        name: wire?.name,
        sku: wire?.sku,
        brandId: wire?.brand_id,
        categoryId: wire?.product_type_id,
        variantParentId: wire?.variant_parent_id,
      });
      expect(row.deletedAt?.toISOString() ?? null).toBe(
        wire?.deleted_at ? new Date(wire.deleted_at).toISOString() : null,
      );
    }
    expect(rows.filter((row) => row.deletedAt !== null)).toHaveLength(1);
    const cursors = await db.prisma.syncCursor.findMany({ select: { resource: true } });
    expect(cursors.map((c) => c.resource).sort()).toEqual([
      "brands",
      "productCategories",
      "products",
    ]);

    const again = await pollCatalog({ db, client, trigger: "test" });
    expect(again.resources.products).toMatchObject({ pages: 0, records: 0 });
    const full = await pollCatalog({ db, client, trigger: "test", full: true });
    expect(full.resources.products).toMatchObject({
      records: served.length,
      inserted: 0,
      updated: 0,
      unchanged: served.length,
    });
    expect(await mirroredProducts(db)).toEqual(rows);
    const runs = await db.prisma.jobRun.count({ where: { job: pollJobName("products") } });
    expect(runs).toBe(3);
  });

  it("picks up a product's new category and brand at the next poll, and its deletion", async () => {
    const { db, sim, client } = await setup();
    await pollCatalog({ db, client, trigger: "test" });
    const [target, gone] = sim.store.fixtures.products;
    if (!target || !gone) throw new Error("empty catalog");
    const types = sim.store.catalog.listProductTypes({
      after: 0,
      before: null,
      pageSize: 200,
      includeDeleted: false,
    }).data;
    const newType = types.find((t) => t.id !== target.categoryId);
    sim.store.updateProduct(target.id, { product_type_id: newType?.id ?? null, brand_id: null });
    sim.store.deleteProduct(gone.id);

    const next = await pollCatalog({ db, client, trigger: "test", resources: ["products"] });
    expect(next.resources.products).toMatchObject({ records: 2, updated: 2, inserted: 0 });
    expect(next.resources.brands.status).toBe("skipped");
    const rows = await db.prisma.retailProduct.findMany({
      where: { id: { in: [target.id, gone.id] } },
      select: { id: true, categoryId: true, brandId: true, deletedAt: true },
    });
    expect(rows.find((r) => r.id === target.id)).toMatchObject({
      categoryId: newType?.id,
      brandId: null,
      deletedAt: null,
    });
    expect(rows.find((r) => r.id === gone.id)?.deletedAt).toBeInstanceOf(Date);
  });
});

describe(`writeRetailProducts (${testDatabaseKind})`, () => {
  it("writes the same page twice with no change the second time, and never goes back a version", async () => {
    const db = await openTestDatabase();
    cleanup.defer(() => db.close());
    const record = (version: number, categoryId: string): ParsedRecord<Product> => {
      const raw = {
        id: "p-1",
        version,
        name: "Gelato Pre-Roll 1g",
        sku: "401234",
        product_type_id: categoryId,
      };
      return {
        raw,
        data: {
          ...raw,
          variant_name: null,
          handle: null,
          brand_id: null,
          brand: null,
          product_type: null,
          product_category_id: null,
          product_category: null,
          variant_parent_id: null,
          supplier_id: null,
          active: null,
          price_excluding_tax: null,
          supply_price: null,
          created_at: null,
          updated_at: null,
          deleted_at: null,
          brandId: null,
          categoryId,
        },
      };
    };
    const page = [record(10, "pre-rolls")];
    const write = (batch: ParsedRecord<Product>[]) =>
      db.prisma.$transaction((tx) => writeRetailProducts(tx, batch));

    expect(await write(page)).toEqual({ inserted: ["p-1"], updated: [], unchanged: 0 });
    const stored = await db.prisma.retailProduct.findUniqueOrThrow({ where: { id: "p-1" } });
    expect(await write(page)).toEqual({ inserted: [], updated: [], unchanged: 1 });
    expect(await db.prisma.retailProduct.findUniqueOrThrow({ where: { id: "p-1" } })).toEqual(
      stored,
    );

    // An older version (a late webhook re-fetch racing a poll) is ignored; a newer one wins.
    expect(await write([record(9, "flower")])).toMatchObject({ unchanged: 1 });
    expect(await write([record(11, "flower"), record(12, "vapes")])).toEqual({
      inserted: [],
      updated: ["p-1"],
      unchanged: 0,
    });
    const latest = await db.prisma.retailProduct.findUniqueOrThrow({ where: { id: "p-1" } });
    expect(latest).toMatchObject({ version: 12n, categoryId: "vapes" });
    expect(latest.payload).toMatchObject({ product_type_id: "vapes" });
  });
});
