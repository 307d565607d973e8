// `kill -9` of `serve` while its webhook worker is in the middle of a batch: every acknowledged
// delivery still reaches the canonical orders soon after the restart (a 10-minute lease held them
// before; the soak bench measures how soon).
import { testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { startSimulator } from "@greenloop/lightspeed-simulator";
import { describe, expect, it } from "vitest";
import { freshDatabaseEnv } from "./testing/cli-test-env";
import { eventually } from "./testing/eventually";
import { serveApiClient, startServe } from "./testing/serve-process";

const cleanup = useTestCleanup();
const secret = "recovery-e2e-path-secret";

describe(`serve killed mid-batch (${testDatabaseKind})`, () => {
  it("brings every acknowledged delivery to the canonical orders soon after the restart", async () => {
    const sim = await startSimulator({
      seed: 12,
      store: { customers: 10, inStoreSales: 10, ecomOrders: 0, months: 1 },
    });
    cleanup.defer(() => sim.close());
    const env = {
      ...(await freshDatabaseEnv(cleanup)),
      LIGHTSPEED_BASE_URL: sim.baseUrl,
      LIGHTSPEED_TOKEN: sim.token,
      WEBHOOK_PATH_SECRET: secret,
      // The next poll is an hour away: only the webhook worker can bring the new sales in.
      SYNC_INTERVAL: "1h",
    };
    const first = await startServe(cleanup, env);
    const api = serveApiClient(first.ready);
    const counts = async () => (await api.system.status.query()).counts;
    await eventually(async () => expect((await counts())?.orders).toBe(10));

    // Five sales; Lightspeed answers each fetch slowly, so the worker is mid-batch when killed.
    sim.store.webhooks.configure({ url: `${first.ready}/api/webhooks/lightspeed/${secret}` });
    sim.store.faults.delayResponses(2_000);
    for (let i = 0; i < 5; i++) sim.store.createSale();
    const attempts = await sim.store.webhooks.deliverDue();
    expect(attempts.map((attempt) => attempt.status)).toEqual([200, 200, 200, 200, 200]);
    await eventually(async () => {
      const page = await api.sync.webhookDeliveries.query({ status: "PROCESSING" });
      expect(page.deliveries.length).toBeGreaterThan(0);
    });
    first.child.kill("SIGKILL");
    await first.exited;
    sim.store.faults.delayResponses(0);

    // Back within one lease (20 s; on PGlite at once): bounded here at 40 s, measured in the soak.
    const second = await startServe(cleanup, env);
    const again = serveApiClient(second.ready);
    await eventually(async () => {
      const now = (await again.system.status.query()).counts;
      expect(now).toMatchObject({ orders: 15, pendingWebhookDeliveries: 0 });
    }, 400);
    expect(await second.stop()).toBe(0);
  });
});
