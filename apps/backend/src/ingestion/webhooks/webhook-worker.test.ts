import { openDatabase } from "@greenloop/db";
import { openTestDatabase, testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { describe, expect, it, vi } from "vitest";
import { createApp } from "../../http/app";
import { createLogger } from "../../logger";
import { jobLockKeys } from "../../scheduler/job-lock-keys";
import { readSyncCursor } from "../polling/sync-cursor";
import type { RetailChanges } from "../retail-changes";
import { replayDeadDeliveries } from "./replay-dead-deliveries";
import { signedHeaders, webhookBody } from "./testing/webhook-fixtures";
import {
  connectClient,
  countingClient,
  deliveryRows,
  eventFeed,
  mirroredSales,
  startSmallSimulator,
  storeBodies,
  workerClock,
} from "./testing/worker-harness";
import { claimDueDeliveries } from "./webhook-inbox";
import { getWebhookInboxStats } from "./webhook-inbox-stats";
import { createWebhookWorker, type WebhookWorkerOptions } from "./webhook-worker";

const cleanup = useTestCleanup();
const silent = createLogger({ level: "silent" });
const minute = 60_000;

async function setup(options: Partial<WebhookWorkerOptions> = {}) {
  const db = await openTestDatabase();
  cleanup.defer(() => db.close());
  const sim = await startSmallSimulator(cleanup);
  const counting = countingClient(connectClient(sim));
  const clock = workerClock();
  const changes: RetailChanges[] = [];
  const worker = createWebhookWorker({
    db,
    client: counting.client,
    logger: silent,
    now: clock.now,
    backoff: { baseDelayMs: minute, maxDelayMs: 60 * minute, random: () => 0.5 },
    onRetailChanges: async (change) => {
      changes.push(change);
    },
    ...options,
  });
  cleanup.defer(() => worker.stop());
  return { db, sim, store: sim.store, worker, clock, changes, fetched: counting.fetched };
}

describe(`createWebhookWorker (${testDatabaseKind})`, () => {
  it("mirrors the sales and customers the deliveries name, at their latest version, fetching each once", async () => {
    const { db, sim, store, worker, changes, fetched } = await setup();
    const events = eventFeed(sim);
    const customer = store.createCustomer({ first_name: "Ada", last_name: "Lovelace" });
    const sale = store.createSale({ customer_id: customer.id });
    store.updateSale(sale.id, { note: "gift wrap" });
    const bodies = events().map((event) => event.body);
    expect(bodies).toHaveLength(3);
    await storeBodies(db, bodies);

    const result = await worker.runOnce();
    expect(result).toMatchObject({ claimed: 3, done: 3, retried: 0, dead: 0, lostLease: 0 });
    expect(fetched.sort()).toEqual([`customer:${customer.id}`, `sale:${sale.id}`]);
    expect(changes).toEqual([{ sales: [sale.id], customers: [customer.id] }]);

    expect(await mirroredSales(db)).toEqual([
      { id: sale.id, version: store.getSale(sale.id).version },
    ]);
    const mirroredCustomer = await db.prisma.retailCustomer.findUniqueOrThrow({
      where: { id: customer.id },
      select: { version: true, firstName: true },
    });
    expect(mirroredCustomer).toEqual({
      version: BigInt(store.getCustomer(customer.id).version),
      firstName: "Ada",
    });
    const rows = await deliveryRows(db);
    expect(rows.map((r) => [r.status, r.attempts, r.lastError])).toEqual([
      ["DONE", 1, null],
      ["DONE", 1, null],
      ["DONE", 1, null],
    ]);
    expect(rows.every((r) => r.processedAt instanceof Date)).toBe(true);
    expect((await worker.runOnce()).claimed).toBe(0);
  });

  it("changes nothing when the same deliveries are processed again", async () => {
    const { db, sim, store, worker, changes } = await setup();
    const events = eventFeed(sim);
    const sale = store.createSale();
    await storeBodies(
      db,
      events().map((e) => e.body),
    );
    await worker.runOnce();
    const before = await db.prisma.retailSale.findUniqueOrThrow({ where: { id: sale.id } });

    // The same bytes again are not even stored; a done delivery forced back is a no-op.
    expect(
      await storeBodies(
        db,
        store.webhooks.events.map((e) => e.body),
      ),
    ).toEqual([]);
    await db.prisma.webhookDelivery.updateMany({
      data: { status: "PENDING", nextAttemptAt: new Date(0) },
    });
    const again = await worker.runOnce();
    expect(again).toMatchObject({ claimed: 1, done: 1, changes: { sales: [], customers: [] } });
    expect(changes).toHaveLength(1);
    expect(await db.prisma.retailSale.findUniqueOrThrow({ where: { id: sale.id } })).toEqual(
      before,
    );
  });

  it("keeps the newest version when an older delivery is processed after a newer one", async () => {
    const { db, sim, store, worker } = await setup();
    const events = eventFeed(sim);
    const sale = store.createSale({ status: "AWAITING_PICKUP" });
    const created = events();
    store.updateSale(sale.id, { status: "PICKED_UP_CLOSED" });
    const updated = events();
    const latest = store.getSale(sale.id).version;

    await storeBodies(
      db,
      updated.map((e) => e.body),
    );
    await worker.runOnce();
    await storeBodies(
      db,
      created.map((e) => e.body),
    );
    const late = await worker.runOnce();
    expect(late).toMatchObject({ claimed: 1, done: 1, changes: { sales: [], customers: [] } });
    const row = await db.prisma.retailSale.findUniqueOrThrow({
      where: { id: sale.id },
      select: { version: true, status: true },
    });
    expect(row).toEqual({ version: BigInt(latest), status: "PICKED_UP_CLOSED" });
  });

  it("retries with backoff while the API answers 5xx, then succeeds", async () => {
    const { db, sim, store, worker, clock } = await setup();
    const events = eventFeed(sim);
    const a = store.createSale();
    const b = store.createSale();
    await storeBodies(
      db,
      events().map((e) => e.body),
    );
    store.faults.failNext(3, 503);

    expect(await worker.runOnce()).toMatchObject({ claimed: 2, retried: 2, done: 0 });
    const failed = await deliveryRows(db);
    expect(failed.map((r) => [r.status, r.attempts])).toEqual([
      ["PENDING", 1],
      ["PENDING", 1],
    ]);
    expect(failed[0]?.lastError).toContain("503");
    // Not due before the backoff (1 minute ± 25 %, jitter fixed at the middle) has passed.
    expect((await worker.runOnce()).claimed).toBe(0);
    clock.advance(minute + 1_000);
    expect(await worker.runOnce()).toMatchObject({ claimed: 2, retried: 1, done: 1 });
    clock.advance(2 * minute + 1_000);
    expect(await worker.runOnce()).toMatchObject({ claimed: 1, retried: 0, done: 1 });

    const rows = await deliveryRows(db);
    expect(rows.map((r) => r.status)).toEqual(["DONE", "DONE"]);
    expect(rows.map((r) => r.attempts).sort()).toEqual([2, 3]);
    expect(await mirroredSales(db)).toEqual(
      [a, b]
        .map((s) => ({ id: s.id, version: store.getSale(s.id).version }))
        .sort((x, y) => x.id.localeCompare(y.id)),
    );
  });

  it("dead-letters a delivery that keeps failing, and a replay after the fault clears finishes it", async () => {
    const { db, sim, store, worker, clock } = await setup({ maxAttempts: 3 });
    const events = eventFeed(sim);
    const sale = store.createSale();
    await storeBodies(
      db,
      events().map((e) => e.body),
    );
    store.faults.failNext(1_000, 500);

    for (let attempt = 1; attempt <= 3; attempt++) {
      const result = await worker.runOnce();
      expect(result.claimed).toBe(1);
      clock.advance(60 * minute);
    }
    const [dead] = await deliveryRows(db);
    expect(dead).toMatchObject({ status: "DEAD", attempts: 3 });
    expect(dead?.lastError).toMatch(/^UNAVAILABLE: Lightspeed answered 500/);
    expect((await worker.runOnce()).claimed).toBe(0);
    expect(await getWebhookInboxStats(db)).toMatchObject({ dead: 1, pending: 0, done: 0 });

    store.faults.reset();
    expect(await replayDeadDeliveries(db)).toEqual({ replayed: [dead?.id], skipped: [] });
    expect(await worker.runOnce()).toMatchObject({ claimed: 1, done: 1 });
    const [replayed] = await deliveryRows(db);
    expect(replayed).toMatchObject({ status: "DONE", attempts: 1, lastError: null });
    expect(await mirroredSales(db)).toEqual([
      { id: sale.id, version: store.getSale(sale.id).version },
    ]);
  });

  it("settles a delivery for a record Lightspeed no longer has (404) with a note, and ignores types it does not mirror", async () => {
    const { db, worker } = await setup();
    await storeBodies(db, [
      webhookBody({ payload: { id: "no-such-sale" }, type: "sale.update" }),
      webhookBody({ payload: { id: "no-such-customer" }, type: "customer.update" }),
      webhookBody({ payload: { id: "product-1" }, type: "inventory.update" }),
    ]);
    expect(await worker.runOnce()).toMatchObject({ claimed: 3, gone: 2, ignored: 1, retried: 0 });
    // By object id: the three were received within the same millisecond or two.
    const rows = (await deliveryRows(db)).sort((a, b) =>
      String(a.objectId).localeCompare(String(b.objectId)),
    );
    expect(rows.map((r) => [r.objectId, r.status, r.lastError])).toEqual([
      [
        "no-such-customer",
        "DONE",
        "gone: Lightspeed answered 404 for customer no-such-customer (deleted or never existed); nothing to mirror",
      ],
      [
        "no-such-sale",
        "DONE",
        "gone: Lightspeed answered 404 for sale no-such-sale (deleted or never existed); nothing to mirror",
      ],
      ["product-1", "DONE", "ignored: inventory.update deliveries are not mirrored"],
    ]);
    expect(await db.prisma.retailSale.count()).toBe(0);
  });

  it("re-fetches the product a product.update names and mirrors its new category, once per product", async () => {
    const { db, sim, store, worker, changes, fetched } = await setup();
    const events = eventFeed(sim);
    const [product] = store.catalog.allProducts().filter((p) => p.deleted_at === null);
    if (!product) throw new Error("empty catalog");
    const types = store.catalog.listProductTypes({
      after: 0,
      before: null,
      pageSize: 200,
      includeDeleted: false,
    }).data;
    const [first, second] = types.filter((t) => t.id !== product.product_type_id);
    store.updateProduct(product.id, { product_type_id: first?.id ?? null });
    store.updateProduct(product.id, { product_type_id: second?.id ?? null, price: 12.5 });
    const bodies = events().map((event) => event.body);
    expect(bodies).toHaveLength(2);
    await storeBodies(db, bodies);
    expect((await deliveryRows(db)).map((row) => row.type)).toEqual([
      "product.update",
      "product.update",
    ]);

    expect(await worker.runOnce()).toMatchObject({ claimed: 2, done: 2, retried: 0 });
    expect(fetched).toEqual([`product:${product.id}`]);
    expect(changes).toEqual([]);
    const mirrored = await db.prisma.retailProduct.findUniqueOrThrow({
      where: { id: product.id },
      select: { version: true, categoryId: true, sku: true },
    });
    expect(mirrored).toEqual({
      version: BigInt(store.getProduct(product.id).version),
      categoryId: second?.id,
      sku: product.sku,
    });
  });

  it("covers product deliveries in a burst by reading the products feed once", async () => {
    const { db, sim, store, worker, fetched } = await setup({ burstThreshold: 5 });
    const events = eventFeed(sim);
    const products = store.catalog
      .allProducts()
      .filter((p) => p.deleted_at === null)
      .slice(0, 6);
    for (const product of products)
      store.updateProduct(product.id, { name: `${product.name} (new)` });
    store.createSale();
    await storeBodies(
      db,
      events().map((event) => event.body),
    );

    expect(await worker.runOnce()).toMatchObject({ claimed: 7, done: 7, readByFeed: 7 });
    expect(fetched.filter((f) => f.startsWith("product:"))).toEqual([]);
    expect(fetched.filter((f) => f === "page:products").length).toBeGreaterThan(0);
    const names = await db.prisma.retailProduct.findMany({
      where: { id: { in: products.map((p) => p.id) } },
      select: { name: true },
    });
    expect(names).toHaveLength(6);
    expect(names.every((row) => row.name.endsWith("(new)"))).toBe(true);
    expect(await readSyncCursor(db.prisma, "products")).toBe(store.version - 1);
  });

  it("resolves a delivery nothing typed by its id: a sale, else a customer, else left to the poll", async () => {
    const { db, store, worker, changes } = await setup();
    const customer = store.createCustomer({ first_name: "Grace", last_name: "Hopper" });
    const sale = store.createSale();
    await storeBodies(db, [
      webhookBody({ payload: { id: sale.id } }),
      webhookBody({ payload: { id: customer.id } }),
      webhookBody({ payload: { id: "not-a-record" } }),
    ]);
    expect((await deliveryRows(db)).map((row) => row.type)).toEqual([
      "unknown",
      "unknown",
      "unknown",
    ]);
    expect(await worker.runOnce()).toMatchObject({ claimed: 3, done: 2, ignored: 1, retried: 0 });
    expect(changes).toEqual([{ sales: [sale.id], customers: [customer.id] }]);
    const ignored = (await deliveryRows(db)).find((row) => row.objectId === "not-a-record");
    expect(ignored).toMatchObject({
      status: "DONE",
      lastError:
        "ignored: not-a-record is neither a sale nor a customer in Lightspeed; the next poll covers anything we mirror",
    });
  });

  it("reads a burst through the version feed, a page per request, and settles every delivery it covers", async () => {
    const { db, sim, store, worker, changes, fetched } = await setup({ burstThreshold: 20 });
    const events = eventFeed(sim);
    const sales = Array.from({ length: 30 }, () => store.createSale());
    store.updateSale(sales[0]?.id ?? "", { note: "changed after" });
    await storeBodies(
      db,
      events().map((event) => event.body),
    );

    const result = await worker.runOnce();
    expect(result).toMatchObject({ claimed: 31, done: 31, readByFeed: 31, retried: 0 });
    // Two requests (one page of each feed), not 31 fetches.
    expect(fetched).toEqual(["page:customers", "page:sales"]);
    expect(await mirroredSales(db)).toEqual(
      sales
        .map((sale) => ({ id: sale.id, version: store.getSale(sale.id).version }))
        .sort((a, b) => a.id.localeCompare(b.id)),
    );
    expect(changes.flatMap((change) => change.sales).sort()).toEqual(
      sales.map((sale) => sale.id).sort(),
    );
    expect((await deliveryRows(db)).every((row) => row.status === "DONE")).toBe(true);
    // The poll's cursor moved on: the next poll reads nothing again.
    expect(await readSyncCursor(db.prisma, "sales")).toBe(
      store.getSale(sales[0]?.id ?? "").version,
    );
  });

  it("leaves a burst for the next run while a poll holds the lock", async () => {
    const { db, sim, store, worker, fetched } = await setup({ burstThreshold: 2 });
    const events = eventFeed(sim);
    store.createSale();
    store.createSale();
    await storeBodies(
      db,
      events().map((event) => event.body),
    );
    const during = await db.withJobLock(jobLockKeys.poll, () => worker.runOnce());
    expect(during).toMatchObject({ acquired: true, result: { claimed: 0, done: 0 } });
    expect(fetched).toEqual([]);
    expect((await deliveryRows(db)).map((row) => row.status)).toEqual(["PENDING", "PENDING"]);
    expect(await worker.runOnce()).toMatchObject({ claimed: 2, readByFeed: 2 });
  });

  it("gives its batch back at once when settling fails (the database went away mid-batch)", async () => {
    const { db, sim, store } = await setup();
    const events = eventFeed(sim);
    const sale = store.createSale();
    await storeBodies(
      db,
      events().map((event) => event.body),
    );
    // The settle's transaction fails once, as it does when PostgreSQL stops under it.
    let failSettle = true;
    const blinking = {
      ...db,
      prisma: new Proxy(db.prisma, {
        get(target, key, receiver) {
          if (key === "$transaction" && failSettle) {
            failSettle = false;
            return () => Promise.reject(new Error("Connection terminated unexpectedly"));
          }
          return Reflect.get(target, key, receiver);
        },
      }),
    };
    const worker = createWebhookWorker({
      db: blinking,
      client: connectClient(sim),
      logger: silent,
    });
    await expect(worker.runOnce()).rejects.toThrow("Connection terminated unexpectedly");
    // Due again now, not at the end of its lease.
    expect((await deliveryRows(db)).map((row) => row.status)).toEqual(["PENDING"]);
    expect(await worker.runOnce()).toMatchObject({ claimed: 1, done: 1 });
    expect(await mirroredSales(db)).toEqual([
      { id: sale.id, version: store.getSale(sale.id).version },
    ]);
  });

  it.runIf(testDatabaseKind === "pglite")(
    "takes back at start what a killed process left claimed (PGlite: one process per data directory)",
    async () => {
      const { db, sim, store } = await setup();
      const events = eventFeed(sim);
      store.createSale();
      await storeBodies(
        db,
        events().map((event) => event.body),
      );
      await claimDueDeliveries(db, { now: new Date(), leaseMs: 10 * minute, limit: 10 });
      const restarted = createWebhookWorker({ db, client: connectClient(sim), logger: silent });
      restarted.start();
      await restarted.stop();
      expect((await deliveryRows(db)).map((row) => row.status)).toEqual(["PENDING"]);
    },
  );

  it("reclaims the rows of a worker that died mid-batch once its lease expires, losing and duplicating nothing", async () => {
    const { db, sim, store, worker, clock, fetched } = await setup({ leaseMs: 5 * minute });
    const events = eventFeed(sim);
    const sales = [store.createSale(), store.createSale(), store.createSale()];
    await storeBodies(
      db,
      events().map((e) => e.body),
    );

    // The doomed worker claims the batch, then hangs on its first fetch (as if killed).
    let release: () => void = () => undefined;
    const hung = new Promise<void>((resolve) => {
      release = resolve;
    });
    const real = connectClient(sim);
    const doomed = createWebhookWorker({
      db,
      logger: silent,
      now: clock.now,
      leaseMs: 5 * minute,
      client: {
        ...real,
        fetchSale: async (id) => {
          await hung;
          return real.fetchSale(id);
        },
      },
    });
    const doomedRun = doomed.runOnce();
    await vi.waitFor(async () => {
      expect((await deliveryRows(db)).every((r) => r.status === "PROCESSING")).toBe(true);
    });
    expect((await worker.runOnce()).claimed).toBe(0); // leased

    clock.advance(5 * minute + 1_000);
    expect(await worker.runOnce()).toMatchObject({ claimed: 3, done: 3 });
    // The doomed worker wakes up late: its lease is gone, so it settles and writes nothing.
    release();
    expect(await doomedRun).toMatchObject({ claimed: 3, done: 0, lostLease: 3 });

    const rows = await deliveryRows(db);
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([
      ["DONE", 2],
      ["DONE", 2],
      ["DONE", 2],
    ]);
    expect(fetched).toHaveLength(3);
    expect(await mirroredSales(db)).toEqual(
      sales
        .map((s) => ({ id: s.id, version: store.getSale(s.id).version }))
        .sort((x, y) => x.id.localeCompare(y.id)),
    );
  });

  it("never lets two concurrent workers process the same delivery", async () => {
    const { db, sim, store } = await setup();
    const events = eventFeed(sim);
    const sales = Array.from({ length: 40 }, () => store.createSale());
    await storeBodies(
      db,
      events().map((e) => e.body),
    );

    // On PostgreSQL the second worker has its own connection pool, like another replica.
    const otherDb = db.databaseUrl ? await openDatabase({ databaseUrl: db.databaseUrl }) : db;
    if (otherDb !== db) cleanup.defer(() => otherDb.close());
    const counting = [countingClient(connectClient(sim)), countingClient(connectClient(sim))];
    const workers = [db, otherDb].map((database, i) =>
      createWebhookWorker({
        db: database,
        client: counting[i]?.client ?? connectClient(sim),
        logger: silent,
        batchSize: 3,
        // Record by record: this is about claims (a burst is read under the poll's lock).
        burstThreshold: Number.POSITIVE_INFINITY,
      }),
    );
    const drain = async (worker: (typeof workers)[number]) => {
      let processed = 0;
      for (;;) {
        const result = await worker.runOnce();
        if (result.claimed === 0) return processed;
        processed += result.done;
      }
    };
    const processed = await Promise.all(workers.map(drain));

    expect(processed.reduce((sum, n) => sum + n, 0)).toBe(40);
    const fetched = counting.flatMap((c) => c.fetched);
    expect(fetched).toHaveLength(40);
    expect(new Set(fetched).size).toBe(40);
    const rows = await deliveryRows(db);
    expect(rows.every((r) => r.status === "DONE" && r.attempts === 1)).toBe(true);
    expect((await mirroredSales(db)).length).toBe(sales.length);
  });

  it("runs in the background and wakes as soon as the route stores a delivery", async () => {
    const { db, sim, store, worker } = await setup({ pollIntervalMs: 60 * minute });
    const events = eventFeed(sim);
    const secret = "bg-secret";
    const app = createApp({
      db,
      logger: silent,
      webhooks: { clientSecret: secret, onStored: worker.wake },
    });
    worker.start();
    const sale = store.createSale();
    const [event] = events();
    const body = event?.body ?? "";
    const response = await app.request("/api/webhooks/lightspeed", {
      method: "POST",
      body,
      headers: signedHeaders(body, secret),
    });
    expect(response.status).toBe(200);
    // The poll interval is an hour: only the wake-up can have processed it.
    await vi.waitFor(async () => {
      expect(await mirroredSales(db)).toEqual([
        { id: sale.id, version: store.getSale(sale.id).version },
      ]);
    });
    await worker.stop();
    expect((await deliveryRows(db)).map((r) => r.status)).toEqual(["DONE"]);
  });
});
