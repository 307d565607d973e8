// Turns the pipeline's events (pipeline-events.ts) into the metrics of metrics.ts.
import type { Gauge, Registry } from "prom-client";
import { subscribePipelineEvents } from "../telemetry/pipeline-events";
import type { PipelineMetrics } from "./metrics";

/** Starts counting; returns the function that stops. */
export function recordPipelineEvents(metrics: PipelineMetrics, registry: Registry): () => void {
  const registered = new Set<Gauge>();
  const registerOnce = (gauge: Gauge) => {
    if (registered.has(gauge)) return;
    registry.registerMetric(gauge);
    registered.add(gauge);
  };
  return subscribePipelineEvents({
    webhookIntake(event) {
      if (event.outcome === "rejected") {
        metrics.webhookDeliveries.inc({ outcome: event.outcome, reason: event.reason });
      } else {
        metrics.webhookDeliveries.inc({ outcome: event.outcome });
      }
      metrics.webhookDuration.observe({ outcome: event.outcome }, event.seconds);
    },
    lightspeedResponse(event) {
      const status = event.status === null ? (event.failure ?? "error") : String(event.status);
      metrics.lightspeedRequests.inc({ method: event.method, status: status.replace("-", "_") });
      if (event.status === 429) metrics.lightspeedRateLimited.inc();
      metrics.lightspeedDuration.observe({ method: event.method }, event.durationMs / 1000);
      if (event.remaining !== null) {
        registerOnce(metrics.lightspeedRateLimitRemaining);
        metrics.lightspeedRateLimitRemaining.set(event.remaining);
      }
      if (event.limit !== null) {
        registerOnce(metrics.lightspeedRateLimit);
        metrics.lightspeedRateLimit.set(event.limit);
      }
    },
    importRows(event) {
      metrics.importRows.inc(event.read);
      metrics.importRejectedRows.inc(event.rejected);
    },
    mergeFinished(event) {
      metrics.mergeDuration.observe(event.seconds);
    },
    analyticsFinished(event) {
      metrics.analyticsDuration.observe({ mode: event.mode }, event.seconds);
    },
    notificationAttempt(event) {
      metrics.notificationDeliveries.inc({ channel: event.channel, outcome: event.outcome });
    },
  });
}
