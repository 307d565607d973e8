// The sync history procedures over a real database and the simulated store: runs that really
// failed (a refused token, a store answering 503) with their reason and retryable flag; resync
// from scratch; the webhook inbox with each attempt's error, its filters, a delivery's masked
// payload and replay by filter. Operator procedures refuse a viewer.
import { testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { createLightspeedClient } from "@greenloop/order-sync/lightspeed";
import { describe, expect, it } from "vitest";
import { pollCatalog } from "../../ingestion/polling/poll-catalog";
import { pollRetail } from "../../ingestion/polling/poll-retail";
import {
  connectTestClient,
  readCursors,
  startTestSimulator,
} from "../../ingestion/polling/testing/simulated-lightspeed";
import { webhookBody } from "../../ingestion/webhooks/testing/webhook-fixtures";
import {
  connectClient,
  startSmallSimulator,
  storeBodies,
  workerClock,
} from "../../ingestion/webhooks/testing/worker-harness";
import { createWebhookWorker } from "../../ingestion/webhooks/webhook-worker";
import { createLogger } from "../../logger";
import { openDatabaseForTest } from "../../testing/test-database";
import { testApi, trpcErrorCode } from "../testing/api-test-kit";

const cleanup = useTestCleanup();
const silent = createLogger({ level: "silent" });
const minute = 60_000;

/** A store polled once with a refused token, once while it answers 503, then successfully. */
async function storeWithPollHistory() {
  const db = await openDatabaseForTest(cleanup);
  const sim = await startTestSimulator(cleanup, { inStoreSales: 30 });
  const refused = createLightspeedClient({ baseUrl: sim.baseUrl, token: "not-the-token" });
  await pollRetail({ db, client: refused, trigger: "test", resources: ["customers"] });
  sim.store.faults.failNext(1_000, 503);
  await pollRetail({ db, client: connectTestClient(sim), trigger: "test", resources: ["sales"] });
  sim.store.faults.reset();
  const ok = await pollRetail({ db, client: connectTestClient(sim), trigger: "test" });
  expect(ok.ok).toBe(true);
  return { db, sim };
}

describe(`sync.runs (${testDatabaseKind})`, () => {
  it("lists runs newest first with records, duration, the failure reason and whether to retry", async () => {
    const { db, sim } = await storeWithPollHistory();
    const { caller } = await testApi(db, "viewer");
    const page = await caller.sync.runs({ limit: 100 });
    expect(page.runs.map((run) => [run.job, run.status])).toEqual([
      ["poll.sales", "SUCCEEDED"],
      ["poll.customers", "SUCCEEDED"],
      ["poll.sales", "FAILED"],
      ["poll.customers", "FAILED"],
    ]);
    expect(page.jobs).toEqual(["poll.customers", "poll.sales"]);
    const [sales, , unavailable, refused] = page.runs;
    expect(sales).toMatchObject({
      records: sim.store.sales().length,
      error: null,
      retryable: null,
    });
    expect(sales?.durationMs).toBe(
      (sales?.finishedAt?.getTime() ?? 0) - (sales?.startedAt.getTime() ?? 0),
    );
    expect(sales?.durationMs).toBeGreaterThanOrEqual(0);
    expect(unavailable).toMatchObject({ errorCode: "UNAVAILABLE", retryable: true });
    expect(unavailable?.error).toContain("503");
    expect(refused).toMatchObject({ errorCode: "UNAUTHORIZED", retryable: false });
    expect(refused?.error).toContain("401");
  });

  it("filters by job family and outcome, and pages by keyset", async () => {
    const { db } = await storeWithPollHistory();
    const { caller } = await testApi(db, "viewer");
    const failed = await caller.sync.runs({ outcome: "FAILED" });
    expect(failed.runs.map((run) => run.job)).toEqual(["poll.sales", "poll.customers"]);
    const customers = await caller.sync.runs({ job: "poll.customers" });
    expect(customers.runs.map((run) => run.status)).toEqual(["SUCCEEDED", "FAILED"]);
    expect((await caller.sync.runs({ job: "poll" })).runs).toHaveLength(4);
    expect((await caller.sync.runs({ job: "poll.s" })).runs).toHaveLength(0);

    const all = (await caller.sync.runs({ limit: 100 })).runs.map((run) => run.id);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await caller.sync.runs({ limit: 1, ...(cursor ? { cursor } : {}) });
      seen.push(...page.runs.map((run) => run.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(all);
    expect(await trpcErrorCode(caller.sync.runs({ cursor: "not-a-cursor" }))).toBe("BAD_REQUEST");
  });
});

describe(`sync.resync (${testDatabaseKind})`, () => {
  it("resets the chosen cursors for an operator, recorded with their name; a viewer is refused", async () => {
    const { db } = await storeWithPollHistory();
    const viewer = await testApi(db, "viewer");
    expect(await trpcErrorCode(viewer.caller.sync.resync({ resources: ["sales"] }))).toBe(
      "FORBIDDEN",
    );
    expect(Number((await readCursors(db)).sales?.afterVersion)).toBeGreaterThan(0);

    const { caller } = await testApi(db, "operator");
    const result = await caller.sync.resync({ resources: ["sales"] });
    expect(result.resources.map((entry) => entry.resource)).toEqual(["sales"]);
    expect(Number((await readCursors(db)).sales?.afterVersion)).toBe(0);
    expect(Number((await readCursors(db)).customers?.afterVersion)).toBeGreaterThan(0);
    const [latest] = (await caller.sync.runs({ job: "resync" })).runs;
    expect(latest).toMatchObject({
      id: result.jobRunId,
      status: "SUCCEEDED",
      requestedBy: "test-operator",
    });
  });

  it("resets the catalog's cursors too, and the next catalog poll re-reads every product", async () => {
    const { db, sim } = await storeWithPollHistory();
    const client = connectTestClient(sim);
    const first = await pollCatalog({ db, client, trigger: "test" });
    expect(first.ok).toBe(true);
    const products = await db.prisma.retailProduct.count();
    expect(products).toBeGreaterThan(0);
    const before = await readCursors(db);
    expect(Number(before.products?.afterVersion)).toBeGreaterThan(0);

    const { caller } = await testApi(db, "operator");
    const result = await caller.sync.resync({ resources: ["products", "sales", "brands"] });
    // The polls' order: retail first, then the catalog's; each with where it was.
    expect(result.resources).toEqual([
      { resource: "sales", previousCursor: Number(before.sales?.afterVersion) },
      { resource: "brands", previousCursor: Number(before.brands?.afterVersion) },
      { resource: "products", previousCursor: Number(before.products?.afterVersion) },
    ]);
    const after = await readCursors(db);
    expect(Number(after.products?.afterVersion)).toBe(0);
    expect(Number(after.brands?.afterVersion)).toBe(0);
    expect(Number(after.productCategories?.afterVersion)).toBe(
      Number(before.productCategories?.afterVersion),
    );
    const again = await pollCatalog({ db, client, trigger: "test" });
    expect(again.ok).toBe(true);
    expect(await db.prisma.retailProduct.count()).toBe(products);
    expect(Number((await readCursors(db)).products?.afterVersion)).toBe(
      Number(before.products?.afterVersion),
    );
  });
});

/** Three deliveries: a sale processed after one 503, a customer processed at once, one unknown. */
async function inboxWithFailures() {
  const db = await openDatabaseForTest(cleanup);
  const sim = await startSmallSimulator(cleanup);
  const customer = sim.store.createCustomer({
    first_name: "Ada",
    email: "ada@example.com",
    phone: "+61 412 345 678",
  });
  const sale = sim.store.createSale({ customer_id: customer.id });
  const clock = workerClock();
  const worker = createWebhookWorker({
    db,
    client: connectClient(sim),
    logger: silent,
    now: clock.now,
    batchSize: 1,
    backoff: { baseDelayMs: minute, maxDelayMs: minute, random: () => 0.5 },
  });
  const [saleDelivery] = await storeBodies(db, [
    webhookBody({ type: "sale.update", payload: { id: sale.id } }),
  ]);
  sim.store.faults.failNext(1, 503);
  expect(await worker.runOnce()).toMatchObject({ retried: 1 });
  clock.advance(2 * minute);
  const [customerDelivery] = await storeBodies(db, [
    webhookBody({
      type: "customer.update",
      payload: { id: customer.id, email: "ada@example.com", phone: "+61 412 345 678" },
    }),
  ]);
  while ((await worker.runOnce()).claimed > 0) {}
  return { db, saleDelivery: saleDelivery ?? "", customerDelivery: customerDelivery ?? "" };
}

describe(`sync.webhookInbox (${testDatabaseKind})`, () => {
  it("lists deliveries with every failed attempt's error, and filters them", async () => {
    const { db, saleDelivery, customerDelivery } = await inboxWithFailures();
    const { caller } = await testApi(db, "viewer");
    const all = await caller.sync.webhookInbox();
    expect(all.total).toBe(2);
    expect(all.types).toEqual(["customer.update", "sale.update"]);
    expect(all.deliveries.map((d) => [d.id, d.status])).toEqual([
      [customerDelivery, "DONE"],
      [saleDelivery, "DONE"],
    ]);
    const sale = all.deliveries[1];
    expect(sale?.failureCount).toBe(1);
    expect(sale?.failures[0]).toMatchObject({ attempt: 1, retryable: true });
    expect(sale?.failures[0]?.error).toMatch(/^UNAVAILABLE: .*503/);
    expect(all.deliveries[0]?.failures).toEqual([]);

    const ids = async (input: Parameters<typeof caller.sync.webhookInbox>[0]) =>
      (await caller.sync.webhookInbox(input)).deliveries.map((d) => d.id);
    expect(await ids({ type: "sale.update" })).toEqual([saleDelivery]);
    expect(await ids({ errorContains: "503" })).toEqual([saleDelivery]);
    expect(await ids({ errorContains: "no such error" })).toEqual([]);
    expect(await ids({ failedOnly: true })).toEqual([saleDelivery]);
    expect(await ids({ status: "DEAD" })).toEqual([]);
    const customerId = all.deliveries[0]?.objectId ?? "";
    expect(await ids({ objectId: customerId })).toEqual([customerDelivery]);
    const rows = await db.prisma.webhookDelivery.findMany({
      select: { id: true, receivedAt: true },
    });
    const customerAt = rows.find((row) => row.id === customerDelivery)?.receivedAt ?? new Date();
    expect(await ids({ receivedFrom: customerAt })).toEqual([customerDelivery]);
    expect(await ids({ receivedBefore: customerAt })).toEqual([saleDelivery]);

    const first = await caller.sync.webhookInbox({ limit: 1 });
    expect(first.deliveries.map((d) => d.id)).toEqual([customerDelivery]);
    const second = await caller.sync.webhookInbox({ limit: 1, cursor: first.nextCursor ?? "" });
    expect(second.deliveries.map((d) => d.id)).toEqual([saleDelivery]);
    expect(second.nextCursor).toBeNull();
  });

  it("opens a delivery with its payload's emails and phone numbers masked", async () => {
    const { db, customerDelivery, saleDelivery } = await inboxWithFailures();
    const { caller } = await testApi(db, "viewer");
    const detail = await caller.sync.webhookDelivery({ id: customerDelivery });
    expect(detail.body.payload).toContain('"email": "[email]"');
    expect(detail.body.payload).toContain('"phone": "[phone]"');
    expect(JSON.stringify(detail)).not.toMatch(/ada@example|412 345/);
    const sale = await caller.sync.webhookDelivery({ id: saleDelivery });
    expect(sale.failures).toHaveLength(1);
    expect(
      await trpcErrorCode(
        caller.sync.webhookDelivery({ id: "00000000-0000-4000-8000-000000000000" }),
      ),
    ).toBe("NOT_FOUND");
  });
});

describe(`sync.replayWebhooks (${testDatabaseKind})`, () => {
  it("previews and replays what the filter matches, for an operator only", async () => {
    const { db, saleDelivery, customerDelivery } = await inboxWithFailures();
    const viewer = await testApi(db, "viewer");
    expect(await trpcErrorCode(viewer.caller.sync.replayPreview({}))).toBe("FORBIDDEN");
    expect(await trpcErrorCode(viewer.caller.sync.replayWebhooks({}))).toBe("FORBIDDEN");

    const { caller } = await testApi(db, "operator");
    expect(await caller.sync.replayPreview({ errorContains: "503" })).toEqual({ count: 1 });
    expect(await caller.sync.replayPreview({})).toEqual({ count: 2 });
    expect(await caller.sync.replayPreview({ status: "PENDING" })).toEqual({ count: 0 });

    const result = await caller.sync.replayWebhooks({ errorContains: "503" });
    expect(result).toEqual({ replayed: [saleDelivery], skipped: [] });
    const rows = await db.prisma.webhookDelivery.findMany({
      select: { id: true, status: true, attempts: true },
    });
    expect(rows.find((row) => row.id === saleDelivery)).toMatchObject({
      status: "PENDING",
      attempts: 0,
    });
    expect(rows.find((row) => row.id === customerDelivery)?.status).toBe("DONE");
    expect(await caller.sync.replayPreview({ errorContains: "503" })).toEqual({ count: 0 });
  });
});
