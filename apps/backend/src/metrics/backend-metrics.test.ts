// The metrics as Prometheus reads them: each family's name and type in the exposition, and real
// traffic (webhook deliveries through the route, an eCom import with its merge and analytics, a
// Lightspeed request to the simulator, notification deliveries) moving the series it should.
import path from "node:path";
import { testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { describe, expect, it } from "vitest";
import { type EnvSource, loadEnv } from "../env";
import { createApp } from "../http/app";
import { runEcomImport } from "../imports/run-ecom-import";
import { startTestSimulator } from "../ingestion/polling/testing/simulated-lightspeed";
import { signedHeaders, webhookBody } from "../ingestion/webhooks/testing/webhook-fixtures";
import { createLightspeedClientFromEnv } from "../lightspeed";
import { createLogger } from "../logger";
import { deliverNotifications } from "../monitoring/notifications/deliver-notifications";
import { createNotifications } from "../monitoring/notifications/notification-store";
import { startFakeWebhookReceiver } from "../monitoring/notifications/testing/fake-webhook-receiver";
import { createWebhookChannel } from "../monitoring/notifications/webhook-channel";
import { openDatabaseForTest } from "../testing/test-database";
import { createBackendMetrics } from "./backend-metrics";
import { parseExposition } from "./testing/parse-exposition";

const cleanup = useTestCleanup();
const silent = createLogger({ level: "silent" });
const metricsToken = "metrics-token-for-tests-0123456789";
const clientSecret = "client-secret-for-tests";
const fixtures = path.resolve(import.meta.dirname, "../imports/testing/fixtures");

async function setup(envSource: EnvSource = {}) {
  const db = await openDatabaseForTest(cleanup);
  const metrics = createBackendMetrics({ db });
  cleanup.defer(() => metrics.close());
  const env = loadEnv({ METRICS_TOKEN: metricsToken, ...envSource });
  const app = createApp({ db, logger: silent, env, metrics, webhooks: { clientSecret } });
  const scrape = async () => {
    const response = await app.request("/metrics", {
      headers: { authorization: `Bearer ${metricsToken}` },
    });
    expect(response.status).toBe(200);
    return parseExposition(await response.text());
  };
  const deliver = (body: string, headers = signedHeaders(body, clientSecret)) =>
    app.request("/api/webhooks/lightspeed", { method: "POST", body, headers });
  return { db, env, app, scrape, deliver };
}

describe(`createBackendMetrics (${testDatabaseKind})`, () => {
  it("declares every family with the Prometheus type its name promises", async () => {
    const { scrape } = await setup();
    const { types } = await scrape();
    const greenloop = Object.fromEntries(
      [...types].filter(([name]) => name.startsWith("greenloop_")).sort(),
    );
    expect(greenloop).toEqual({
      greenloop_analytics_duration_seconds: "histogram",
      greenloop_ecom_missing_orders: "gauge",
      greenloop_ecom_oldest_missing_order_age_seconds: "gauge",
      greenloop_import_rejected_rows_total: "counter",
      greenloop_import_rows_total: "counter",
      greenloop_lightspeed_rate_limited_total: "counter",
      greenloop_lightspeed_request_duration_seconds: "histogram",
      greenloop_lightspeed_requests_total: "counter",
      greenloop_merge_duration_seconds: "histogram",
      greenloop_metrics_scrape_errors_total: "counter",
      greenloop_notification_deliveries_total: "counter",
      greenloop_poll_lag_seconds: "gauge",
      greenloop_poll_last_success_timestamp_seconds: "gauge",
      greenloop_webhook_dead_deliveries: "gauge",
      greenloop_webhook_deliveries_total: "counter",
      greenloop_webhook_inbox_oldest_pending_age_seconds: "gauge",
      greenloop_webhook_inbox_pending_deliveries: "gauge",
      greenloop_webhook_request_duration_seconds: "histogram",
    });
    // The process's own, under their standard names.
    expect(types.get("process_cpu_seconds_total")).toBe("counter");
    expect(types.get("nodejs_heap_size_used_bytes")).toBe("gauge");
  });

  it("reads the inbox and the polls from the database: nothing waiting, never polled (+Inf lag)", async () => {
    const { scrape } = await setup();
    const scraped = await scrape();
    expect(scraped.value("greenloop_webhook_inbox_pending_deliveries")).toBe(0);
    expect(scraped.value("greenloop_webhook_inbox_oldest_pending_age_seconds")).toBe(0);
    expect(scraped.value("greenloop_webhook_dead_deliveries")).toBe(0);
    expect(scraped.value("greenloop_poll_lag_seconds", { resource: "sales" })).toBe(
      Number.POSITIVE_INFINITY,
    );
    expect(
      scraped.value("greenloop_poll_last_success_timestamp_seconds", { resource: "sales" }),
    ).toBeUndefined();
    expect(scraped.value("greenloop_ecom_missing_orders")).toBe(0);
    // Every webhook outcome is there from the start, at 0.
    expect(
      scraped.value("greenloop_webhook_deliveries_total", {
        outcome: "rejected",
        reason: "bad_signature",
      }),
    ).toBe(0);
  });

  it("counts webhook deliveries by outcome and reason, times them, and sees the inbox fill", async () => {
    const { scrape, deliver, db } = await setup();
    const body = webhookBody({
      payload: { id: "0af7b240-ab83-11ee-e6f0-5f8e9d1c2b3a", updated_at: "2026-01-02 03:04:05" },
      type: "sale.update",
    });
    expect((await deliver(body)).status).toBe(200);
    expect((await deliver(body)).status).toBe(200);
    expect((await deliver(`${body}&x=1`, signedHeaders(body, clientSecret))).status).toBe(401);
    const notAForm = { ...signedHeaders("payload=", clientSecret), "content-type": "text/plain" };
    expect((await deliver("payload=", notAForm)).status).toBe(400);

    const scraped = await scrape();
    const deliveries = (labels: Record<string, string>) =>
      scraped.value("greenloop_webhook_deliveries_total", labels);
    expect(deliveries({ outcome: "accepted" })).toBe(1);
    expect(deliveries({ outcome: "duplicate" })).toBe(1);
    expect(deliveries({ outcome: "rejected", reason: "bad_signature" })).toBe(1);
    expect(deliveries({ outcome: "rejected", reason: "malformed" })).toBe(1);
    expect(deliveries({ outcome: "rejected", reason: "bad_secret" })).toBe(0);
    expect(
      scraped.value("greenloop_webhook_request_duration_seconds_count", { outcome: "rejected" }),
    ).toBe(2);
    expect(scraped.value("greenloop_webhook_inbox_pending_deliveries")).toBe(
      await db.prisma.webhookDelivery.count({ where: { status: "PENDING" } }),
    );
    expect(scraped.value("greenloop_webhook_inbox_pending_deliveries")).toBe(1);
  });

  it("counts an import's rows and rejected rows, times its merge and analytics, and gauges the eCom orders missing from X-Series", async () => {
    const { scrape, db, env } = await setup();
    const { result } = await runEcomImport(
      {
        file: { path: path.join(fixtures, "ecwid-small.csv"), name: "ecwid-small.csv" },
        format: "auto",
        dryRun: false,
      },
      { db, env, logger: silent },
    );
    expect(result.rowsRead).toBeGreaterThan(0);

    const scraped = await scrape();
    expect(scraped.value("greenloop_import_rows_total")).toBe(result.rowsRead);
    expect(scraped.value("greenloop_import_rejected_rows_total")).toBe(result.rowsRejected);
    expect(scraped.value("greenloop_merge_duration_seconds_count")).toBeGreaterThanOrEqual(1);
    const analyticsRuns =
      (scraped.value("greenloop_analytics_duration_seconds_count", { mode: "incremental" }) ?? 0) +
      (scraped.value("greenloop_analytics_duration_seconds_count", { mode: "full" }) ?? 0);
    expect(analyticsRuns).toBeGreaterThanOrEqual(1);
    const missing = await db.prisma.order.count({
      where: { channel: "ECOM", source: "ecom_unsynced", countsInAnalytics: true },
    });
    expect(missing).toBeGreaterThan(0);
    expect(scraped.value("greenloop_ecom_missing_orders")).toBe(missing);
    expect(scraped.value("greenloop_ecom_oldest_missing_order_age_seconds")).toBeGreaterThan(0);
  });

  it("counts Lightspeed requests by status and reports the rate-limit budget once Lightspeed gave it", async () => {
    const sim = await startTestSimulator(cleanup);
    const { scrape, env } = await setup({
      LIGHTSPEED_BASE_URL: sim.baseUrl,
      LIGHTSPEED_TOKEN: sim.token,
    });
    expect((await scrape()).types.has("greenloop_lightspeed_rate_limit_remaining_requests")).toBe(
      false,
    );
    const client = createLightspeedClientFromEnv(env, silent);
    await client.fetchOutlets();

    const scraped = await scrape();
    const requests = scraped.samples.filter(
      (s) => s.name === "greenloop_lightspeed_requests_total",
    );
    expect(requests.map((sample) => sample.labels)).toEqual([{ method: "GET", status: "200" }]);
    expect(requests[0]?.value).toBeGreaterThanOrEqual(1);
    expect(scraped.value("greenloop_lightspeed_rate_limited_total")).toBe(0);
    expect(scraped.value("greenloop_lightspeed_rate_limit_remaining_requests")).toBe(
      client.rateLimit?.remaining,
    );
    expect(scraped.value("greenloop_lightspeed_rate_limit_requests")).toBe(client.rateLimit?.limit);
    expect(scraped.types.get("greenloop_lightspeed_rate_limit_remaining_requests")).toBe("gauge");
  });

  it("counts notification deliveries by channel: retried, then delivered", async () => {
    const { scrape, db } = await setup();
    const receiver = await startFakeWebhookReceiver(cleanup, { secret: "s", statuses: [503] });
    const channels = [createWebhookChannel({ url: receiver.url, secret: "s" })];
    const start = new Date("2026-03-02T15:00:00.000Z");
    await createNotifications(
      db.prisma,
      [{ kind: "alert.opened", title: "Alert", body: "Body", data: {}, dedupeKey: "test:a" }],
      start,
    );
    const settings = { maxAttempts: 5 };
    await deliverNotifications(db, { now: start, channels, settings });
    await deliverNotifications(db, {
      now: new Date(start.getTime() + 60 * 60_000),
      channels,
      settings,
    });

    const scraped = await scrape();
    const attempts = (outcome: string) =>
      scraped.value("greenloop_notification_deliveries_total", { channel: "webhook", outcome });
    expect(attempts("retrying")).toBe(1);
    expect(attempts("delivered")).toBe(1);
    expect(attempts("failed")).toBeUndefined();
  });

  it("still answers when the database is gone: its gauges unknown, the failure counted, the rest served", async () => {
    const { scrape, db } = await setup();
    await db.close();
    const scraped = await scrape();
    expect(scraped.value("greenloop_metrics_scrape_errors_total", { source: "ingestion" })).toBe(1);
    expect(scraped.value("greenloop_metrics_scrape_errors_total", { source: "ecom_backlog" })).toBe(
      1,
    );
    expect(scraped.value("greenloop_webhook_inbox_pending_deliveries")).toBeNaN();
    expect(scraped.value("greenloop_ecom_missing_orders")).toBeNaN();
    expect(scraped.value("greenloop_poll_lag_seconds", { resource: "sales" })).toBeUndefined();
    expect(scraped.types.get("process_cpu_seconds_total")).toBe("counter");
    // And the next scrape tries again.
    expect(
      (await scrape()).value("greenloop_metrics_scrape_errors_total", { source: "ingestion" }),
    ).toBe(2);
  });
});
