// The monitoring pass as the scheduler runs it: under its job lock, with the configured channels.
import { openTestDatabase, testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { SimulatedStore } from "@greenloop/lightspeed-simulator";
import { describe, expect, it } from "vitest";
import { loadEnv } from "../env";
import { createLogger } from "../logger";
import { importStoreExport } from "../merge/testing/merge-harness";
import { startScheduler } from "../scheduler/start-scheduler";
import { createMonitoringJob } from "./monitoring-job";
import { startFakeWebhookReceiver } from "./notifications/testing/fake-webhook-receiver";

const cleanup = useTestCleanup();

describe(`createMonitoringJob (${testDatabaseKind})`, () => {
  it("evaluates alerts and delivers to the webhook configured in the environment", async () => {
    const db = await openTestDatabase();
    cleanup.defer(() => db.close());
    const store = new SimulatedStore({
      seed: 3,
      store: { customers: 0, inStoreSales: 0, ecomOrders: 0 },
    });
    const order = store.placeEcomOrder({ delayMs: 365 * 86_400_000 });
    store.advanceClock(60_000);
    await importStoreExport(db, store);

    const receiver = await startFakeWebhookReceiver(cleanup, { secret: "whsec" });
    const env = loadEnv({
      NOTIFY_WEBHOOK_URL: receiver.url,
      NOTIFY_WEBHOOK_SECRET: "whsec",
      MISSING_ORDER_ALERT_DAYS: "2",
      STORE_TIMEZONE: store.timeZone,
    });
    let now = store.now();
    const job = createMonitoringJob({
      db,
      env,
      pollingEnabled: false,
      startedAt: now,
      now: () => now,
    });
    const scheduler = startScheduler({
      db,
      logger: createLogger({ level: "silent" }),
      jobs: [job],
      paused: true,
    });
    cleanup.defer(() => scheduler.stop());

    expect(await scheduler.runNow("monitoring")).toMatchObject({ status: "completed" });
    now = new Date(now.getTime() + 2 * 86_400_000);
    for (let i = 0; i < 3; i += 1) {
      expect(await scheduler.runNow("monitoring")).toMatchObject({ status: "completed" });
    }
    expect(receiver.accepted()).toEqual([
      expect.objectContaining({
        kind: "alert.opened",
        title: `eCom order #${order.orderNumber} is missing from X-Series`,
      }),
    ]);
  });
});
