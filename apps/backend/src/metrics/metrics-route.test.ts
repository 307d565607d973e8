// Who may read /metrics: a Bearer METRICS_TOKEN on the main port, or anyone reaching METRICS_PORT
// (which `serve` opens on HOST beside the main one); with neither configured, nobody (a 404).
import { testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { describe, expect, it } from "vitest";
import { type EnvSource, loadEnv } from "../env";
import { createApp } from "../http/app";
import { createLogger } from "../logger";
import { startBackend } from "../server/start-backend";
import { openDatabaseForTest } from "../testing/test-database";
import { createBackendMetrics } from "./backend-metrics";
import { parseExposition } from "./testing/parse-exposition";

const cleanup = useTestCleanup();
const silent = createLogger({ level: "silent" });
const token = "metrics-token-for-tests-0123456789";

async function appWith(envSource: EnvSource) {
  const db = await openDatabaseForTest(cleanup);
  const metrics = createBackendMetrics({ db });
  cleanup.defer(() => metrics.close());
  return createApp({ db, logger: silent, env: loadEnv(envSource), metrics });
}

describe(`GET /metrics with METRICS_TOKEN (${testDatabaseKind})`, () => {
  it("answers 401 without the token or with a wrong one, naming the scheme", async () => {
    const app = await appWith({ METRICS_TOKEN: token });
    for (const authorization of [undefined, `Bearer ${token}x`, token, "Basic abc"]) {
      const response = await app.request("/metrics", {
        headers: authorization ? { authorization } : {},
      });
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toBe('Bearer realm="metrics"');
      const body = await response.text();
      expect(JSON.parse(body)).toMatchObject({ error: { code: "UNAUTHORIZED" } });
      expect(body).not.toContain(token);
    }
  });

  it("serves the Prometheus text format to the right token", async () => {
    const app = await appWith({ METRICS_TOKEN: token });
    const response = await app.request("/metrics", {
      headers: { authorization: `bearer ${token}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    const text = await response.text();
    expect(text).toMatch(/^# HELP /m);
    expect(parseExposition(text).types.get("greenloop_webhook_deliveries_total")).toBe("counter");
  });

  it("is a JSON 404 when metrics are off, or served on METRICS_PORT instead", async () => {
    for (const envSource of [{}, { METRICS_PORT: "9464", METRICS_TOKEN: token }]) {
      const app = await appWith(envSource);
      const response = await app.request("/metrics", {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ error: { code: "NOT_FOUND" } });
    }
  });
});

describe(`startBackend with METRICS_PORT (${testDatabaseKind})`, () => {
  it("serves /metrics on its own port over HTTP, not on the main one, and closes both on stop", async () => {
    const db = await openDatabaseForTest(cleanup);
    const env = loadEnv({ PORT: "0", METRICS_PORT: "0" });
    const backend = await startBackend({ env, db, logger: silent });
    let stopped = false;
    cleanup.defer(async () => {
      if (!stopped) await backend.stop();
    });
    expect(backend.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(backend.metricsUrl).not.toBe(backend.url);

    const scraped = await fetch(`${backend.metricsUrl}/metrics`);
    expect(scraped.status).toBe(200);
    const exposition = parseExposition(await scraped.text());
    expect(exposition.value("greenloop_webhook_inbox_pending_deliveries")).toBe(0);
    expect((await fetch(`${backend.metricsUrl}/health`)).status).toBe(404);
    const onMain = await fetch(`${backend.url}/metrics`);
    expect(onMain.status).toBe(404);
    expect(await onMain.json()).toMatchObject({ error: { code: "NOT_FOUND" } });

    await backend.stop();
    stopped = true;
    await expect(fetch(`${backend.metricsUrl}/metrics`)).rejects.toThrow();
  });

  it("requires METRICS_TOKEN on that port too when it is set", async () => {
    const db = await openDatabaseForTest(cleanup);
    const env = loadEnv({ PORT: "0", METRICS_PORT: "0", METRICS_TOKEN: token });
    const backend = await startBackend({ env, db, logger: silent });
    cleanup.defer(() => backend.stop());
    expect((await fetch(`${backend.metricsUrl}/metrics`)).status).toBe(401);
    const authorized = await fetch(`${backend.metricsUrl}/metrics`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(authorized.status).toBe(200);
    await authorized.text();
  });
});
