import { testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { describe, expect, it } from "vitest";
import { loadEnv } from "../env";
import { createLogger } from "../logger";
import { openDatabaseForTest } from "../testing/test-database";
import { createRetailChangeHandler, createRetailChangeRetryJob } from "./retail-change-handler";
import {
  connectClient,
  eventFeed,
  startSmallSimulator,
  storeBodies,
} from "./webhooks/testing/worker-harness";
import { createWebhookWorker } from "./webhooks/webhook-worker";

const cleanup = useTestCleanup();
const silent = createLogger({ level: "silent" });
const env = loadEnv({});

async function canonical(db: Awaited<ReturnType<typeof openDatabaseForTest>>) {
  const [orders, pending, dirty, metrics] = await Promise.all([
    db.prisma.order.count(),
    db.prisma.pendingMerge.count(),
    db.prisma.customer.count({ where: { metricsDirtyAt: { not: null } } }),
    db.prisma.customerMetrics.count(),
  ]);
  return { orders, pending, dirty, metrics };
}

describe(`the retail change hand-off (${testDatabaseKind})`, () => {
  it("merges and analyses within one retry what the mirror committed when the hand-off failed", async () => {
    const db = await openDatabaseForTest(cleanup);
    const sim = await startSmallSimulator(cleanup);
    const events = eventFeed(sim);
    const customer = sim.store.createCustomer({ first_name: "Ada", last_name: "Lovelace" });
    sim.store.createSale({ customer_id: customer.id });
    sim.store.createSale({ customer_id: customer.id });
    await storeBodies(
      db,
      events().map((event) => event.body),
    );
    // The hand-off after the commit fails, as when the database goes away right then.
    const worker = createWebhookWorker({
      db,
      client: connectClient(sim),
      logger: silent,
      onRetailChanges: async () => {
        throw new Error("Connection terminated unexpectedly");
      },
    });
    expect(await worker.runOnce()).toMatchObject({ claimed: 3, done: 3 });
    expect(await canonical(db)).toEqual({ orders: 0, pending: 3, dirty: 0, metrics: 0 });

    // The retry job (every few seconds in `serve`) takes it up: no waiting for the merge sweep.
    const job = createRetailChangeRetryJob({ db, env, trigger: "test" });
    await job.run({ trigger: "schedule", signal: new AbortController().signal, logger: silent });
    expect(await canonical(db)).toEqual({ orders: 2, pending: 0, dirty: 0, metrics: 1 });
  });

  it("merges through the handler what the write recorded, and leaves nothing pending", async () => {
    const db = await openDatabaseForTest(cleanup);
    const sim = await startSmallSimulator(cleanup);
    const events = eventFeed(sim);
    sim.store.createSale();
    await storeBodies(
      db,
      events().map((event) => event.body),
    );
    const worker = createWebhookWorker({
      db,
      client: connectClient(sim),
      logger: silent,
      onRetailChanges: createRetailChangeHandler({ db, env, logger: silent, trigger: "test" }),
    });
    await worker.runOnce();
    expect(await canonical(db)).toMatchObject({ orders: 1, pending: 0, dirty: 0 });
  });
});
