// PostgreSQL stopped for a few seconds under `serve` while its webhook worker is mid-batch and
// deliveries keep coming: once it is back, every acknowledged delivery (and every one Lightspeed
// retries after a 503) reaches the canonical orders, without waiting for a lease or a sweep.
import { postgresBinDir, startPostgresCluster, useTestCleanup } from "@greenloop/db/testing";
import { startSimulator } from "@greenloop/lightspeed-simulator";
import { describe, expect, it } from "vitest";
import { eventually } from "./testing/eventually";
import { serveApiClient, startServe } from "./testing/serve-process";

const cleanup = useTestCleanup();
const secret = "outage-e2e-path-secret";

describe("serve through a PostgreSQL outage (a cluster of the test's own)", () => {
  it.runIf(postgresBinDir)(
    "brings every acknowledged and every retried delivery to the canonical orders once the database is back",
    async () => {
      const cluster = await startPostgresCluster();
      cleanup.defer(() => cluster.remove());
      const sim = await startSimulator({
        seed: 14,
        store: { customers: 10, inStoreSales: 10, ecomOrders: 0, months: 1 },
      });
      cleanup.defer(() => sim.close());
      const serve = await startServe(cleanup, {
        DATABASE_URL: cluster.url,
        LIGHTSPEED_BASE_URL: sim.baseUrl,
        LIGHTSPEED_TOKEN: sim.token,
        WEBHOOK_PATH_SECRET: secret,
        SYNC_INTERVAL: "1h",
      });
      const api = serveApiClient(serve.ready);
      const counts = async () => (await api.system.status.query()).counts;
      await eventually(async () => expect((await counts())?.orders).toBe(10));
      sim.store.webhooks.configure({ url: `${serve.ready}/api/webhooks/lightspeed/${secret}` });

      // Acknowledged, and being processed (slowly) when the database goes.
      sim.store.faults.delayResponses(1_000);
      for (let i = 0; i < 5; i++) sim.store.createSale();
      expect((await sim.store.webhooks.deliverDue()).map((a) => a.status)).toEqual(
        Array(5).fill(200),
      );
      await eventually(async () => {
        const page = await api.sync.webhookDeliveries.query({ status: "PROCESSING" });
        expect(page.deliveries.length).toBeGreaterThan(0);
      });
      await cluster.stop();

      // During the outage: refused with 503, which Lightspeed retries.
      for (let i = 0; i < 5; i++) sim.store.createSale();
      // 503, not a dead server: a session checked out when the server went away used to emit an
      // unheard error event and kill the process (see packages/db with-pooled-client.ts).
      const refused = await sim.store.webhooks.deliverDue();
      expect(refused.map((a) => a.status)).toEqual(Array(5).fill(503));
      await eventually(async () => expect((await fetch(`${serve.ready}/health`)).status).toBe(503));
      await cluster.start();
      sim.store.faults.delayResponses(0);
      sim.store.advanceClock(5 * 60_000);
      expect((await sim.store.webhooks.deliverDue()).map((a) => a.status)).toEqual(
        Array(5).fill(200),
      );

      await eventually(async () => {
        expect(await counts()).toMatchObject({ orders: 20, pendingWebhookDeliveries: 0 });
      }, 400);
      expect(await serve.stop()).toBe(0);
    },
  );
});
