import { openTestDatabase, testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import type { ParsedEcomOrder } from "@greenloop/order-sync/csv";
import { describe, expect, it } from "vitest";
import { importEcomOrders } from "./import-ecom-orders";
import { dec, ecomBatches, ecomItem, ecomOrder, ecomOrders } from "./testing/ecom-order-fixtures";

const cleanup = useTestCleanup();

async function setup() {
  const db = await openTestDatabase();
  cleanup.defer(() => db.close());
  return db;
}

type Db = Awaited<ReturnType<typeof setup>>;

const file = { name: "orders.csv", sha256: "a".repeat(64), bytes: 1234 };

function run(
  db: Db,
  orders: ParsedEcomOrder[],
  extra: Partial<Parameters<typeof importEcomOrders>[0]> = {},
) {
  return importEcomOrders({
    db,
    source: ecomBatches(orders, 4),
    file,
    format: "ecwid",
    ordersPerTransaction: 3,
    ...extra,
  });
}

async function counts(db: Db) {
  return {
    orders: await db.prisma.ecomOrder.count(),
    items: await db.prisma.ecomOrderItem.count(),
    changes: await db.prisma.ecomOrderChange.count(),
    runs: await db.prisma.importRun.count(),
  };
}

describe(`importEcomOrders (${testDatabaseKind})`, () => {
  it("creates every order with its items, exact money and UTC times, and records the run", async () => {
    const db = await setup();
    const orders = ecomOrders(1001, 1010);
    const rejected = [
      { line: 7, column: "order_total", message: "not a number", orderNumber: "999" },
    ];
    const result = await importEcomOrders({
      db,
      source: ecomBatches(orders, 4, { rejected }),
      file: { name: "orders.csv", sha256: () => "b".repeat(64), bytes: () => 4321 },
      format: "ecwid",
    });
    expect(result).toMatchObject({
      rowsRead: 20,
      rowsRejected: 1,
      ordersCreated: 10,
      ordersUpdated: 0,
      ordersUnchanged: 0,
      errors: rejected,
      errorsTotal: 1,
      customersTouched: 7,
      dryRun: false,
      interrupted: false,
    });
    expect(await counts(db)).toEqual({ orders: 10, items: 20, changes: 0, runs: 1 });

    const row = await db.prisma.ecomOrder.findUniqueOrThrow({
      where: { orderNumber: "1001" },
      include: { items: { orderBy: { position: "asc" } } },
    });
    const first = orders[0] as ParsedEcomOrder;
    expect(row.placedAt.toISOString()).toBe(first.placedAt.toISOString());
    expect(row.total.toString()).toBe(first.total.toString());
    expect(row.discount).toBeNull();
    expect(row.email).toBe(first.email);
    expect(row.firstImportRunId).toBe(result.importRunId);
    expect(row.lastImportRunId).toBe(result.importRunId);
    // The audit copy: the order's CSV records as they were in the file.
    expect(row.rows).toEqual(["1001;SKU-0;", "1001;SKU-1;"]);
    expect(row.items.map((i) => [i.position, i.sku, i.unitPrice.toString()])).toEqual([
      [0, "SKU-0", "25"],
      [1, "SKU-1", "25"],
    ]);

    const run = await db.prisma.importRun.findUniqueOrThrow({
      where: { id: result.importRunId ?? "" },
    });
    expect(run).toMatchObject({
      status: "SUCCEEDED",
      fileName: "orders.csv",
      fileSha256: "b".repeat(64),
      fileBytes: 4321n,
      rowsTotal: 20,
      rowsRejected: 1,
      ordersCreated: 10,
      ordersUpdated: 0,
      ordersUnchanged: 0,
      errorReport: {
        total: 1,
        omitted: 0,
        issues: [{ line: 7, column: "order_total", reason: "not a number", orderNumber: "999" }],
      },
    });
    expect(run.finishedAt).not.toBeNull();
  });

  it("stores text with tabs, line breaks, backslashes and a literal \\N exactly, and a re-import finds it unchanged", async () => {
    const db = await setup();
    const awkward = 'Tab\there, "quoted";\r\nnext line \\ back\\slash \\N é 🌿';
    const order = ecomOrder(2001, {
      customerName: awkward,
      records: [`2001;"${awkward}";`, "2001;\\N;\t"],
      items: [ecomItem(0, { name: awkward, options: "\\N", sku: null })],
    });
    const first = await run(db, [order]);
    expect(first.ordersCreated).toBe(1);
    const row = await db.prisma.ecomOrder.findUniqueOrThrow({
      where: { orderNumber: "2001" },
      include: { items: true },
    });
    expect(row.customerName).toBe(awkward);
    expect(row.rows).toEqual(order.records);
    expect(row.items.map((i) => [i.name, i.options, i.sku])).toEqual([[awkward, "\\N", null]]);
    const again = await run(db, [order]);
    expect(again).toMatchObject({ ordersCreated: 0, ordersUpdated: 0, ordersUnchanged: 1 });
  });

  it("reports zero changes and writes no new order, item or change row when the same batches come again", async () => {
    const db = await setup();
    const orders = ecomOrders(1, 10);
    await run(db, orders);
    const before = await db.prisma.ecomOrder.findMany({ orderBy: { orderNumber: "asc" } });

    const again = await run(db, ecomOrders(1, 10));
    expect(again).toMatchObject({
      ordersCreated: 0,
      ordersUpdated: 0,
      ordersUnchanged: 10,
      customersTouched: 0,
    });
    expect(await counts(db)).toEqual({ orders: 10, items: 20, changes: 0, runs: 2 });
    // Unchanged orders are not touched at all (lastImportRunId stays on the run that wrote them).
    expect(await db.prisma.ecomOrder.findMany({ orderBy: { orderNumber: "asc" } })).toEqual(before);
  });

  it("updates orders of a newer overlapping export and records what changed from what to what", async () => {
    const db = await setup();
    const first = await run(db, ecomOrders(1, 6));

    const newer = [
      ...ecomOrders(1, 3),
      ecomOrder(4, { fulfillmentStatusCode: "SHIPPED", fulfillmentStatusLabel: "Shipped" }),
      ecomOrder(5, {
        paymentStatusCode: "REFUNDED",
        paymentStatusLabel: "Refunded",
        total: dec("0"),
      }),
      ecomOrder(6),
      ...ecomOrders(7, 8),
    ];
    const second = await run(db, newer, { file: { ...file, sha256: "c".repeat(64) } });
    expect(second).toMatchObject({ ordersCreated: 2, ordersUpdated: 2, ordersUnchanged: 4 });
    expect(second.customersTouched).toBe(4);
    expect(await counts(db)).toEqual({ orders: 8, items: 16, changes: 2, runs: 2 });

    const changes = await db.prisma.ecomOrderChange.findMany({
      include: { ecomOrder: { select: { orderNumber: true } } },
      orderBy: { ecomOrder: { orderNumber: "asc" } },
    });
    expect(changes.map((c) => [c.ecomOrder.orderNumber, c.importRunId, c.changes])).toEqual([
      [
        "4",
        second.importRunId,
        {
          fulfillmentStatusCode: { from: "AWAITING_PROCESSING", to: "SHIPPED" },
          fulfillmentStatusLabel: { from: "Awaiting processing", to: "Shipped" },
        },
      ],
      [
        "5",
        second.importRunId,
        {
          paymentStatusCode: { from: "PAID", to: "REFUNDED" },
          paymentStatusLabel: { from: "Paid", to: "Refunded" },
          total: { from: "54.63", to: "0" },
        },
      ],
    ]);
    const refunded = await db.prisma.ecomOrder.findUniqueOrThrow({ where: { orderNumber: "5" } });
    expect(refunded.paymentStatusCode).toBe("REFUNDED");
    expect(refunded.total.toString()).toBe("0");
    expect(refunded.firstImportRunId).toBe(first.importRunId);
    expect(refunded.lastImportRunId).toBe(second.importRunId);

    // The same newer export once more: nothing new.
    const third = await run(db, newer);
    expect(third).toMatchObject({ ordersCreated: 0, ordersUpdated: 0, ordersUnchanged: 8 });
    expect(await counts(db)).toEqual({ orders: 8, items: 16, changes: 2, runs: 3 });
  });

  it("removes an item the order lost and updates a changed one in place", async () => {
    const db = await setup();
    await run(db, [ecomOrder(1, { items: [ecomItem(0), ecomItem(1), ecomItem(2)] })]);
    const itemIds = await db.prisma.ecomOrderItem.findMany({
      select: { id: true, position: true },
      orderBy: { position: "asc" },
    });

    const result = await run(db, [
      ecomOrder(1, { items: [ecomItem(0), ecomItem(1, { quantity: dec(2), total: dec(50) })] }),
    ]);
    expect(result).toMatchObject({ ordersUpdated: 1 });
    const items = await db.prisma.ecomOrderItem.findMany({ orderBy: { position: "asc" } });
    expect(items.map((i) => [i.id, i.position, i.quantity.toString(), i.total.toString()])).toEqual(
      [
        [itemIds[0]?.id, 0, "1", "25"],
        [itemIds[1]?.id, 1, "2", "50"],
      ],
    );
    const [change] = await db.prisma.ecomOrderChange.findMany();
    // Same subtotal (3 × 25 = 25 + 2 × 25): only the items changed.
    expect(Object.keys(change?.changes ?? {})).toEqual(["items"]);
    expect(change?.changes).toMatchObject({
      items: {
        from: [{ position: 0 }, { position: 1, quantity: "1" }, { position: 2 }],
        to: [{ position: 0 }, { position: 1, quantity: "2", total: "50" }],
      },
    });
  });

  it("writes nothing on a dry run, not even an ImportRun, and counts what would change", async () => {
    const db = await setup();
    await run(db, ecomOrders(1, 4));
    const before = await counts(db);

    const newer = [
      ...ecomOrders(1, 3),
      ecomOrder(4, { paymentStatusCode: "REFUNDED" }),
      ...ecomOrders(5, 6),
    ];
    // Order 6 again in a later batch: a repeat, not a second creation.
    const result = await run(db, [...newer, ...ecomOrders(7, 8), ecomOrder(6)], { dryRun: true });
    expect(result).toMatchObject({
      importRunId: null,
      dryRun: true,
      ordersCreated: 4,
      ordersUpdated: 1,
      ordersUnchanged: 4,
      customersTouched: 5,
    });
    expect(await counts(db)).toEqual(before);
  });

  it("keeps batch 1 committed when batch 2 fails, and a re-run completes the import", async () => {
    const db = await setup();
    const orders = ecomOrders(1, 10);
    await expect(
      importEcomOrders({
        db,
        source: ecomBatches(orders, 4, { failAtBatch: 1 }),
        file,
        format: "ecwid",
      }),
    ).rejects.toThrow("injected failure in batch 2");
    expect(await counts(db)).toMatchObject({ orders: 4, items: 8 });
    const failed = await db.prisma.importRun.findFirstOrThrow();
    expect(failed).toMatchObject({
      status: "FAILED",
      error: "injected failure in batch 2",
      ordersCreated: 4,
      rowsTotal: 8,
    });

    const rerun = await run(db, orders);
    expect(rerun).toMatchObject({ ordersCreated: 6, ordersUpdated: 0, ordersUnchanged: 4 });
    expect(await counts(db)).toMatchObject({ orders: 10, items: 20, changes: 0 });
  });

  it("stops after the current batch when the signal is aborted, records the run INTERRUPTED, and a re-run finishes", async () => {
    const db = await setup();
    const orders = ecomOrders(1, 12);
    const stop = new AbortController();
    const changed: string[][] = [];
    const result = await run(db, orders, {
      signal: stop.signal,
      onProgress: () => stop.abort("SIGINT"),
      onEcomOrdersChanged: async (numbers) => {
        changed.push(numbers);
      },
    });
    expect(result).toMatchObject({ interrupted: true, ordersCreated: 4 });
    expect(changed).toEqual([["1", "2", "3"], ["4"]]);
    expect(await counts(db)).toMatchObject({ orders: 4, items: 8 });
    const interrupted = await db.prisma.importRun.findFirstOrThrow();
    expect(interrupted).toMatchObject({ status: "INTERRUPTED", ordersCreated: 4 });
    expect(interrupted.finishedAt).toBeInstanceOf(Date);
    expect(interrupted.error).toMatch(/^Interrupted \(SIGINT\)/);

    const rerun = await run(db, orders);
    expect(rerun).toMatchObject({ interrupted: false, ordersCreated: 8, ordersUnchanged: 4 });
    expect(await counts(db)).toMatchObject({ orders: 12, items: 24 });
  });

  it("creates each order once when two imports of the same orders run at the same time", async () => {
    const db = await setup();
    const orders = ecomOrders(1, 40);
    const [a, b] = await Promise.all([
      run(db, orders, { ordersPerTransaction: 7 }),
      run(db, ecomOrders(1, 40), { ordersPerTransaction: 5 }),
    ]);
    // Whoever stored an order first created it; the other found it unchanged (plain inserts
    // that lost the race were retried as upserts).
    expect(a.ordersCreated + b.ordersCreated).toBe(40);
    expect(a.ordersUnchanged + b.ordersUnchanged).toBe(40);
    expect(a.ordersUpdated + b.ordersUpdated).toBe(0);
    expect(await counts(db)).toEqual({ orders: 40, items: 80, changes: 0, runs: 2 });
    const runs = await db.prisma.importRun.findMany({
      select: { ordersCreated: true, ordersUnchanged: true, rowsTotal: true, status: true },
    });
    expect(runs.map((r) => r.ordersCreated + r.ordersUnchanged)).toEqual([40, 40]);
    expect(runs.every((r) => r.rowsTotal === 80 && r.status === "SUCCEEDED")).toBe(true);
  });

  it("keeps the import going when onEcomOrdersChanged fails", async () => {
    const db = await setup();
    const result = await run(db, ecomOrders(1, 5), {
      onEcomOrdersChanged: async () => {
        throw new Error("merge down");
      },
    });
    expect(result).toMatchObject({ ordersCreated: 5, onEcomOrdersChangedFailures: 3 });
  });

  it("caps the stored issues at 1,000 and counts the rest", async () => {
    const db = await setup();
    const rejected = Array.from({ length: 1_005 }, (_, i) => ({
      line: i + 2,
      column: null,
      message: "bad row",
    }));
    const result = await importEcomOrders({
      db,
      source: ecomBatches(ecomOrders(1, 1), 4, { rejected }),
      file,
      format: "ecwid",
    });
    expect(result.errors).toHaveLength(1_000);
    expect(result.errorsTotal).toBe(1_005);
    const run = await db.prisma.importRun.findFirstOrThrow();
    expect(run.errorReport).toMatchObject({ total: 1_005, omitted: 5 });
  });
});
