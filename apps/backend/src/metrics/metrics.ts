// The metrics the pipeline's events move (counters, histograms, the last rate-limit budget), all
// on the registry given: never prom-client's global one, so two apps or tests in one process do
// not count into each other. Names follow Prometheus conventions: `greenloop_` prefix, base units,
// `_total` counters. The gauges read from the database at scrape time (and the count of those
// reads that failed) are in database-gauges.ts.
import { Counter, Gauge, Histogram, type Registry } from "prom-client";
import { webhookRejectionReasons } from "../telemetry/pipeline-events";

export type PipelineMetrics = ReturnType<typeof definePipelineMetrics>;

export function definePipelineMetrics(registry: Registry) {
  const registers = [registry];
  const metrics = {
    webhookDeliveries: new Counter({
      name: "greenloop_webhook_deliveries_total",
      help: "Webhook deliveries received, by outcome (accepted, duplicate, rejected) and why rejected",
      labelNames: ["outcome", "reason"] as const,
      registers,
    }),
    webhookDuration: new Histogram({
      name: "greenloop_webhook_request_duration_seconds",
      help: "Time to answer a webhook delivery, by outcome",
      labelNames: ["outcome"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
    lightspeedRequests: new Counter({
      name: "greenloop_lightspeed_requests_total",
      help: "Requests to Lightspeed X-Series (each attempt), by method and HTTP status (or timeout, network_error)",
      labelNames: ["method", "status"] as const,
      registers,
    }),
    lightspeedRateLimited: new Counter({
      name: "greenloop_lightspeed_rate_limited_total",
      help: "Requests Lightspeed answered 429 (rate limited)",
      registers,
    }),
    lightspeedDuration: new Histogram({
      name: "greenloop_lightspeed_request_duration_seconds",
      help: "Time of one request to Lightspeed, body included",
      labelNames: ["method"] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    // Not registered until Lightspeed first reports its limit: an unlabelled gauge reads 0 before
    // it is set, which would look like an exhausted budget.
    lightspeedRateLimitRemaining: new Gauge({
      name: "greenloop_lightspeed_rate_limit_remaining_requests",
      help: "Requests left in Lightspeed's rate-limit window, as its last response said",
      registers: [],
    }),
    lightspeedRateLimit: new Gauge({
      name: "greenloop_lightspeed_rate_limit_requests",
      help: "Requests Lightspeed allows per rate-limit window, as its last response said",
      registers: [],
    }),
    importRows: new Counter({
      name: "greenloop_import_rows_total",
      help: "eCom export rows read by imports (dry runs not counted)",
      registers,
    }),
    importRejectedRows: new Counter({
      name: "greenloop_import_rejected_rows_total",
      help: "eCom export rows imports refused (each reported on its run with line and reason)",
      registers,
    }),
    mergeDuration: new Histogram({
      name: "greenloop_merge_duration_seconds",
      help: "Time of one merge (orders and identities, in its transaction)",
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers,
    }),
    analyticsDuration: new Histogram({
      name: "greenloop_analytics_duration_seconds",
      help: "Time of one analytics run that had customers to score, by mode (incremental, full)",
      labelNames: ["mode"] as const,
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 900],
      registers,
    }),
    notificationDeliveries: new Counter({
      name: "greenloop_notification_deliveries_total",
      help: "Notification delivery attempts, by channel and outcome (delivered, retrying, failed: given up)",
      labelNames: ["channel", "outcome"] as const,
      registers,
    }),
  };
  // Every outcome shows from the start (0), so a rate over it is never "no data".
  metrics.webhookDeliveries.inc({ outcome: "accepted" }, 0);
  metrics.webhookDeliveries.inc({ outcome: "duplicate" }, 0);
  for (const reason of webhookRejectionReasons) {
    metrics.webhookDeliveries.inc({ outcome: "rejected", reason }, 0);
  }
  return metrics;
}
