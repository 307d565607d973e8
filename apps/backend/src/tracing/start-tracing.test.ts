// OTEL_TRACING=true: the SDK starts, each request becomes a server span named by its route (never
// its path), the caller's trace is continued, and shutdown flushes and leaves the API a no-op.
// Spans go to an in-memory exporter: nothing here reaches the network.
import { useTestCleanup } from "@greenloop/db/testing";
import { trace } from "@opentelemetry/api";
import { tracing } from "@opentelemetry/sdk-node";
import { describe, expect, it } from "vitest";
import { loadEnv } from "../env";
import { createApp } from "../http/app";
import { createLogger } from "../logger";
import { openDatabaseForTest } from "../testing/test-database";
import { startTracing } from "./start-tracing";

const cleanup = useTestCleanup();
const silent = createLogger({ level: "silent" });
const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";

describe("startTracing", () => {
  it("starts the SDK, records a span per request and shuts down cleanly", async () => {
    const db = await openDatabaseForTest(cleanup);
    const exporter = new tracing.InMemorySpanExporter();
    const running = await startTracing({
      enabled: true,
      logger: silent,
      spanProcessors: [new tracing.SimpleSpanProcessor(exporter)],
    });
    let stopped = false;
    cleanup.defer(async () => {
      if (!stopped) await running.shutdown();
    });
    const app = createApp({ db, logger: silent, env: loadEnv({ OTEL_TRACING: "true" }) });
    expect(trace.getTracer("test").startSpan("while on").isRecording()).toBe(true);

    await app.request("/health", { headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` } });
    await app.request("/api/webhooks/lightspeed/path-secret-value", { method: "POST" });
    const spans = exporter.getFinishedSpans();
    expect(spans.map((span) => span.name)).toEqual([
      "GET /health",
      "POST /api/webhooks/lightspeed/:secret",
    ]);
    expect(spans[0]?.spanContext().traceId).toBe(traceId);
    expect(spans[0]?.attributes).toMatchObject({
      "http.route": "/health",
      "http.response.status_code": 200,
    });
    expect(JSON.stringify(spans.map((span) => span.attributes))).not.toContain("path-secret-value");

    await running.shutdown();
    stopped = true;
    // Off again: spans started now record nothing (the global provider is the no-op one).
    expect(trace.getTracer("test").startSpan("after shutdown").isRecording()).toBe(false);
  });

  it("does nothing when off", async () => {
    const running = await startTracing({ enabled: false, logger: silent });
    await expect(running.shutdown()).resolves.toBeUndefined();
  });
});
