// The order-lines relation on a real database (PGlite, or PostgreSQL with DATABASE_URL): the
// contract the product analytics read, over canonical orders built the way the merge leaves them.
import type { Database, Prisma } from "@greenloop/db";
import { openTestDatabase, testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { describe, expect, it } from "vitest";
import { orderLinesCte } from "./order-lines-sql";

const cleanup = useTestCleanup();

interface LineRow {
  orderKey: string;
  countsInAnalytics: boolean;
  productId: string | null;
  productName: string | null;
  category: string | null;
  brand: string | null;
  quantity: string;
  total: string;
}

async function readLines(db: Database, filter = "true", ...params: unknown[]): Promise<LineRow[]> {
  return db.prisma.$queryRawUnsafe<LineRow[]>(
    `WITH ${orderLinesCte(filter)}
     SELECT o.key AS "orderKey", l."countsInAnalytics", l."productId", l."productName",
            l.category, l.brand, l.quantity::text AS quantity, l.total::text AS total
       FROM order_lines l JOIN "Order" o ON o.id = l."orderId"
      ORDER BY o.key, l."productName"`,
    ...params,
  );
}

const payload = (lineItems: Prisma.InputJsonValue[]) => ({ line_items: lineItems });

/** By order, then product name (unnamed last): the same order on both sides of a comparison. */
const byOrderAndName = (a: LineRow, b: LineRow) =>
  a.orderKey.localeCompare(b.orderKey) ||
  String(a.productName ?? "\uffff").localeCompare(String(b.productName ?? "\uffff"));

async function seedStore(db: Database) {
  const p = db.prisma;
  await p.retailProductCategory.createMany({
    data: [
      { id: "cat-flower", version: 1n, name: "Flower", payload: {} },
      { id: "cat-vapes", version: 2n, name: "Vapes", payload: {} },
    ],
  });
  await p.retailBrand.createMany({
    data: [
      { id: "brand-smoky", version: 3n, name: "Smoky Ridge Farms", payload: {} },
      { id: "brand-owl", version: 4n, name: "Night Owl Extracts", payload: {} },
    ],
  });
  await p.retailProduct.createMany({
    data: [
      {
        id: "p-flower",
        version: 5n,
        name: "Gelato - Flower 3.5g",
        sku: "401000",
        categoryId: "cat-flower",
        brandId: "brand-smoky",
        payload: {},
      },
      {
        id: "p-vape",
        version: 6n,
        name: "Gelato Cartridge 0.5g",
        sku: "402000",
        categoryId: "cat-vapes",
        brandId: "brand-owl",
        payload: {},
      },
      // A discontinued product whose SKU the store gave to a new one: eCom items are the new one.
      {
        id: "p-old",
        version: 7n,
        name: "Strawberry Cough - Flower",
        sku: "403000",
        categoryId: "cat-flower",
        brandId: "brand-smoky",
        deletedAt: new Date("2026-01-01T00:00:00Z"),
        payload: {},
      },
      {
        id: "p-new",
        version: 8n,
        name: "Strawberry Cartridge 1g",
        sku: "403000",
        categoryId: "cat-vapes",
        brandId: "brand-owl",
        payload: {},
      },
    ],
  });

  const customer = await p.customer.create({ data: { displayName: "Ada" }, select: { id: true } });
  const sale = (id: string, lines: Prisma.InputJsonValue[]) =>
    p.retailSale.create({ data: { id, version: 10n, payload: payload(lines) } });
  await sale("s-retail", [
    { product_id: "p-flower", quantity: 2, price: 35, price_total: 70 },
    // No price_total: price × quantity.
    { product_id: "p-vape", quantity: 1, price: 31.5 },
    // A product the catalog mirror has not seen yet.
    { product_id: "p-unsynced", quantity: 1, price: 9, price_total: 9 },
  ]);
  await sale("s-synced", [{ product_id: "p-vape", quantity: 1, price: 31.5, price_total: 31.5 }]);
  await sale("s-voided", [{ product_id: "p-flower", quantity: 1, price: 35, price_total: 35 }]);

  const run = await p.importRun.create({
    data: { format: "ecwid", fileName: "orders.csv", fileSha256: "x", fileBytes: 1n },
    select: { id: true },
  });
  const ecom = (
    orderNumber: string,
    items: Array<{ sku: string | null; name: string; quantity: number; total: number }>,
  ) =>
    p.ecomOrder.create({
      data: {
        orderNumber,
        placedAt: new Date("2026-02-01T18:00:00Z"),
        total: items.reduce((sum, item) => sum + item.total, 0),
        contentHash: orderNumber,
        rows: [],
        firstImportRunId: run.id,
        lastImportRunId: run.id,
        items: {
          create: items.map((item, position) => ({
            position,
            sku: item.sku,
            name: item.name,
            quantity: item.quantity,
            unitPrice: item.total / item.quantity,
            total: item.total,
          })),
        },
      },
    });
  // Synced: its X-Series sale is the order's record; the export's items must not count again.
  await ecom("1001", [
    { sku: "402000", name: "Gelato Cartridge 0.5g (export)", quantity: 1, total: 31.5 },
  ]);
  await ecom("1002", [
    { sku: "402000", name: "Gelato Cartridge 0.5g (export)", quantity: 2, total: 63 },
    { sku: "999999", name: "Mystery item", quantity: 1, total: 5 },
    { sku: "403000", name: "Strawberry (export)", quantity: 1, total: 52 },
    { sku: null, name: "Gift note", quantity: 1, total: 0 },
  ]);

  const order = (data: {
    key: string;
    channel: "RETAIL" | "ECOM";
    retailSaleId?: string;
    ecomOrderNumber?: string;
    countsInAnalytics?: boolean;
    status?: "COMPLETED" | "VOIDED";
  }) =>
    p.order.create({
      data: {
        source: data.channel === "RETAIL" ? "retail" : "ecom",
        status: "COMPLETED",
        placedAt: new Date("2026-02-01T18:00:00Z"),
        total: 0,
        customerId: customer.id,
        ...data,
      },
    });
  await order({ key: "a-retail", channel: "RETAIL", retailSaleId: "s-retail" });
  await order({
    key: "b-synced",
    channel: "ECOM",
    retailSaleId: "s-synced",
    ecomOrderNumber: "1001",
  });
  await order({ key: "c-unsynced", channel: "ECOM", ecomOrderNumber: "1002" });
  await order({
    key: "d-voided",
    channel: "RETAIL",
    retailSaleId: "s-voided",
    countsInAnalytics: false,
    status: "VOIDED",
  });
  return { customerId: customer.id };
}

describe(`orderLinesCte (${testDatabaseKind})`, () => {
  it("gives each order's lines their category and brand: X-Series lines by product id, unsynced eCom items by SKU, synced orders once", async () => {
    const db = await openTestDatabase();
    cleanup.defer(() => db.close());
    await seedStore(db);

    const line = (
      orderKey: string,
      productId: string | null,
      productName: string | null,
      category: string | null,
      brand: string | null,
      quantity: string,
      total: string,
      countsInAnalytics = true,
    ): LineRow => ({
      orderKey,
      countsInAnalytics,
      productId,
      productName,
      category,
      brand,
      quantity,
      total,
    });
    const rows = await readLines(db);
    const numbers = (row: LineRow) => ({
      ...row,
      quantity: Number(row.quantity),
      total: Number(row.total),
    });
    expect(rows.sort(byOrderAndName).map(numbers)).toEqual(
      [
        line(
          "a-retail",
          "p-flower",
          "Gelato - Flower 3.5g",
          "Flower",
          "Smoky Ridge Farms",
          "2",
          "70",
        ),
        line(
          "a-retail",
          "p-vape",
          "Gelato Cartridge 0.5g",
          "Vapes",
          "Night Owl Extracts",
          "1",
          "31.5",
        ),
        // Not in the catalog mirror yet: the line keeps its product id, nothing else is known.
        line("a-retail", "p-unsynced", null, null, null, "1", "9"),
        line(
          "b-synced",
          "p-vape",
          "Gelato Cartridge 0.5g",
          "Vapes",
          "Night Owl Extracts",
          "1",
          "31.5",
        ),
        line(
          "c-unsynced",
          "p-vape",
          "Gelato Cartridge 0.5g",
          "Vapes",
          "Night Owl Extracts",
          "2",
          "63",
        ),
        // An unknown SKU, and an item without one: no product, no category.
        line("c-unsynced", null, "Mystery item", null, null, "1", "5"),
        line("c-unsynced", null, "Gift note", null, null, "1", "0"),
        // The SKU's live product, not the deleted one that once had it.
        line(
          "c-unsynced",
          "p-new",
          "Strawberry Cartridge 1g",
          "Vapes",
          "Night Owl Extracts",
          "1",
          "52",
        ),
        line(
          "d-voided",
          "p-flower",
          "Gelato - Flower 3.5g",
          "Flower",
          "Smoky Ridge Farms",
          "1",
          "35",
          false,
        ),
      ]
        .sort(byOrderAndName)
        .map(numbers),
    );
    // Money stays exact: numeric, not float.
    expect(rows.find((row) => row.productId === "p-vape")?.total).toMatch(/^31\.50*$/);
  });

  it("takes an order filter with parameters, and shows a product's new category at the next read", async () => {
    const db = await openTestDatabase();
    cleanup.defer(() => db.close());
    const { customerId } = await seedStore(db);

    const mine = await readLines(
      db,
      `o."customerId" = ANY($1::uuid[]) AND o.key = $2`,
      [customerId],
      "a-retail",
    );
    expect(mine.map((row) => row.productId).sort()).toEqual(["p-flower", "p-unsynced", "p-vape"]);
    expect(
      await readLines(db, `o."customerId" = ANY($1::uuid[])`, [
        "00000000-0000-0000-0000-000000000000",
      ]),
    ).toEqual([]);

    await db.prisma.retailProduct.update({
      where: { id: "p-flower" },
      data: { categoryId: "cat-vapes", brandId: null, version: 20n },
    });
    const after = await readLines(db, `o.key = $1`, "a-retail");
    expect(after.find((row) => row.productId === "p-flower")).toMatchObject({
      category: "Vapes",
      brand: null,
    });
  });

  it("reads a sale mirrored through the date-versioned API: product.id and pricing, a line without a price as 0", async () => {
    const db = await openTestDatabase();
    cleanup.defer(() => db.close());
    await seedStore(db);
    await db.prisma.retailSale.create({
      data: {
        id: "s-dated",
        version: 11n,
        payload: payload([
          {
            id: "l1",
            product: { id: "p-flower" },
            quantity: "2",
            pricing: { price: "35", total: "70" },
          },
          // No pricing.total: pricing.price × quantity.
          { id: "l2", product: { id: "p-vape" }, quantity: 1, pricing: { price: 31.5 } },
          { id: "l3", product: { id: "p-unsynced" }, quantity: 1, pricing: {} },
        ]),
      },
    });
    await db.prisma.order.create({
      data: {
        key: "e-dated",
        source: "retail",
        channel: "RETAIL",
        status: "COMPLETED",
        placedAt: new Date("2026-02-02T18:00:00Z"),
        total: 101.5,
        retailSaleId: "s-dated",
      },
    });
    const lines = await readLines(db, `o.key = $1`, "e-dated");
    expect(
      lines.map(({ productId, category, quantity, total }) => ({
        productId,
        category,
        quantity: Number(quantity),
        total: Number(total),
      })),
    ).toEqual([
      { productId: "p-flower", category: "Flower", quantity: 2, total: 70 },
      { productId: "p-vape", category: "Vapes", quantity: 1, total: 31.5 },
      { productId: "p-unsynced", category: null, quantity: 1, total: 0 },
    ]);
  });
});
