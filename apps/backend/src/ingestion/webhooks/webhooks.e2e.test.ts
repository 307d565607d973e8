// End to end over loopback: the simulator's real webhook deliveries (signed, with drops,
// duplicates and reordering) reach the real HTTP server, land in the inbox, and the worker
// mirrors every delivered sale once, at its latest version.
import { openTestDatabase, testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { describe, expect, it } from "vitest";
import { createApp } from "../../http/app";
import { startServer } from "../../http/start-server";
import { createLogger } from "../../logger";
import {
  connectClient,
  deliveryRows,
  mirroredSales,
  startSmallSimulator,
} from "./testing/worker-harness";
import { webhookCounters } from "./webhook-inbox";
import { getWebhookInboxStats } from "./webhook-inbox-stats";
import { createWebhookWorker } from "./webhook-worker";

const cleanup = useTestCleanup();
const silent = createLogger({ level: "silent" });
const clientSecret = "e2e-client-secret";

describe(`Lightspeed webhooks end to end (${testDatabaseKind})`, () => {
  it("mirrors every delivered sale once at its latest version despite drops, duplicates, reordering and a wrong secret", async () => {
    const db = await openTestDatabase();
    cleanup.defer(() => db.close());
    const sim = await startSmallSimulator(cleanup);
    const { store } = sim;
    // Not started: the test drains it explicitly, so every step is deterministic.
    const worker = createWebhookWorker({ db, client: connectClient(sim), logger: silent });
    const server = await startServer(
      createApp({ db, logger: silent, webhooks: { clientSecret, onStored: worker.wake } }),
      { port: 0, host: "127.0.0.1" },
    );
    cleanup.defer(() => server.close());
    store.webhooks.configure({ url: `${server.url}/api/webhooks/lightspeed`, clientSecret });

    // Round 1: duplicates and a reversed batch.
    store.faults.duplicateNextWebhooks(3);
    store.faults.reorderNextWebhookBatches(1);
    const sales = Array.from({ length: 5 }, () => store.createSale({ status: "AWAITING_PICKUP" }));
    store.updateSale(sales[0]?.id ?? "", { status: "PICKED_UP_CLOSED" });
    store.updateSale(sales[1]?.id ?? "", { note: "changed" });
    const round1 = await store.webhooks.deliverDue();
    expect(round1.map((a) => a.status)).toEqual(Array(7 + 3).fill(200));

    // Round 2: the first delivery is dropped (never retried, as upstream "does not guarantee").
    store.faults.dropNextWebhooks(1);
    const dropped = store.createSale();
    const kept = store.createSale();
    const round2 = await store.webhooks.deliverDue();
    expect(round2.map((a) => [a.entityId, a.outcome, a.status])).toEqual([
      [dropped.id, "dropped", null],
      [kept.id, "delivered", 200],
    ]);

    // Round 3: signed with the wrong secret → 401 and Lightspeed retries; fixed → delivered.
    store.webhooks.configure({ clientSecret: "rotated-by-mistake" });
    store.updateSale(sales[2]?.id ?? "", { note: "after the rotation" });
    const refused = await store.webhooks.deliverDue();
    expect(refused.map((a) => a.status)).toEqual([401]);
    store.webhooks.configure({ clientSecret });
    store.advanceClock(60_000);
    const retried = await store.webhooks.deliverDue();
    expect(retried.map((a) => [a.attempt, a.status])).toEqual([[2, 200]]);

    // The inbox holds each distinct delivery once.
    const delivered = new Set(
      store.webhooks.log.filter((a) => a.status === 200).map((a) => a.eventId),
    );
    expect(await db.prisma.webhookDelivery.count()).toBe(delivered.size);
    expect(await getWebhookInboxStats(db)).toMatchObject({
      pending: delivered.size,
      signatureRejections: 1,
    });
    expect(
      (
        await db.prisma.operationalCounter.findUniqueOrThrow({
          where: { name: webhookCounters.signatureRejected },
        })
      ).value,
    ).toBe(1n);

    // The worker drains the inbox.
    while ((await worker.runOnce()).claimed > 0) {
      // until nothing is due
    }
    expect((await deliveryRows(db)).every((r) => r.status === "DONE")).toBe(true);

    const deliveredSales = new Set(
      store.webhooks.log.filter((a) => a.status === 200).map((a) => a.entityId),
    );
    expect(deliveredSales.has(dropped.id)).toBe(false);
    expect(await mirroredSales(db)).toEqual(
      [...deliveredSales].sort().map((id) => ({ id, version: store.getSale(id).version })),
    );
    const first = await db.prisma.retailSale.findUniqueOrThrow({
      where: { id: sales[0]?.id ?? "" },
      select: { status: true },
    });
    expect(first.status).toBe("PICKED_UP_CLOSED");
  });
});
