// The ingestion promise, end to end over loopback: webhooks that Lightspeed drops, duplicates and
// reorders, then one poll, leave the mirror holding exactly what X-Series holds, nothing twice.
import { openTestDatabase, testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { startSimulator } from "@greenloop/lightspeed-simulator";
import { describe, expect, it } from "vitest";
import { createApp } from "../http/app";
import { startServer } from "../http/start-server";
import { createLogger } from "../logger";
import { pollRetail } from "./polling/poll-retail";
import {
  connectTestClient,
  mirrorVersions,
  storeVersions,
} from "./polling/testing/simulated-lightspeed";
import { createWebhookWorker } from "./webhooks/webhook-worker";

const cleanup = useTestCleanup();
const logger = createLogger({ level: "silent" });
const clientSecret = "e2e-client-secret";

describe(`webhooks + polling (${testDatabaseKind})`, () => {
  it("mirrors 1,000 sales exactly once at their latest versions despite dropped, duplicated and reordered webhooks", async () => {
    const db = await openTestDatabase();
    cleanup.defer(() => db.close());
    const sim = await startSimulator({
      seed: 21,
      store: { customers: 25, inStoreSales: 0, ecomOrders: 0, months: 1 },
      rateLimit: { limit: 1_000_000, windowMs: 300_000 },
    });
    cleanup.defer(() => sim.close());
    const server = await startServer(createApp({ db, logger, webhooks: { clientSecret } }), {
      port: 0,
      host: "127.0.0.1",
    });
    cleanup.defer(() => server.close());
    sim.store.webhooks.configure({ url: `${server.url}/api/webhooks/lightspeed`, clientSecret });
    const customers = sim.store.customers();

    // 1,000 sales in batches of 10; in each batch Lightspeed drops 2 deliveries (20%),
    // duplicates 1 (10%) and sends the batch in reverse order.
    let delivered = 0;
    for (let batch = 0; batch < 100; batch++) {
      for (let i = 0; i < 10; i++) {
        const customer = customers[(batch * 10 + i) % customers.length];
        sim.store.createSale({ customer_id: customer?.id ?? null });
      }
      sim.store.faults.dropNextWebhooks(2);
      sim.store.faults.duplicateNextWebhooks(1);
      sim.store.faults.reorderNextWebhookBatches(1);
      delivered += (await sim.store.webhooks.deliverDue()).length;
    }
    // Later edits of some sales: the mirror must end at these newer versions.
    for (const sale of sim.store.sales().slice(0, 50))
      sim.store.updateSale(sale.id, { note: "edited" });
    await sim.store.webhooks.deliverDue();
    expect(delivered).toBeGreaterThan(1_000); // the duplicates went over the wire too

    const worker = createWebhookWorker({
      db,
      client: connectTestClient(sim),
      logger,
      batchSize: 100,
      // Record by record, so that the dropped deliveries show (a burst read through the version
      // feed would mirror them too).
      burstThreshold: Number.POSITIVE_INFINITY,
    });
    while ((await worker.runOnce()).claimed > 0) {}
    const afterWebhooks = await mirrorVersions(db);
    expect(afterWebhooks.sales.length).toBeLessThan(1_000); // some deliveries were really dropped
    expect(afterWebhooks.sales.length).toBeGreaterThan(700);

    const poll = await pollRetail({ db, client: connectTestClient(sim), trigger: "test" });
    expect(poll.ok).toBe(true);

    const truth = storeVersions(sim);
    expect(truth.sales).toHaveLength(1_000);
    const mirror = await mirrorVersions(db);
    expect(mirror.sales).toEqual(truth.sales);
    expect(mirror.customers).toEqual(truth.customers);
    expect(await db.prisma.retailSale.count({ where: { note: "edited" } })).toBe(50);
    // Every stored delivery is distinct: the duplicates were stored once.
    const rows = await db.prisma.webhookDelivery.count();
    const distinct = await db.prisma.webhookDelivery.groupBy({ by: ["dedupeKey"] });
    expect(distinct).toHaveLength(rows);
    expect(await db.prisma.webhookDelivery.count({ where: { status: { not: "DONE" } } })).toBe(0);
  });
});
