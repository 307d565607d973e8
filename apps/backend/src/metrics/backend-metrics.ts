// The Prometheus metrics of one running backend: its own registry (process metrics, the pipeline's
// counters and histograms, the gauges read from the database at scrape time), fed by the
// pipeline's events until closed.
import type { Database } from "@greenloop/db";
import { collectDefaultMetrics, Registry } from "prom-client";
import { defineDatabaseGauges } from "./database-gauges";
import { definePipelineMetrics } from "./metrics";
import { recordPipelineEvents } from "./record-pipeline-events";

export interface BackendMetrics {
  /** The exposition (Prometheus text format) and its content type. */
  render(): Promise<{ contentType: string; text: string }>;
  /** Stops listening to the pipeline's events. */
  close(): void;
}

export function createBackendMetrics(options: {
  db: Pick<Database, "prisma">;
  now?: () => Date;
  /** How long a scrape waits for each database read (default 5 s). */
  scrapeTimeoutMs?: number;
}): BackendMetrics {
  const registry = new Registry();
  // The standard names (process_*, nodejs_*), unprefixed, so that stock Node.js dashboards work.
  collectDefaultMetrics({ register: registry });
  const metrics = definePipelineMetrics(registry);
  defineDatabaseGauges(registry, {
    db: options.db,
    now: options.now ?? (() => new Date()),
    ...(options.scrapeTimeoutMs === undefined ? {} : { timeoutMs: options.scrapeTimeoutMs }),
  });
  const stop = recordPipelineEvents(metrics, registry);
  return {
    async render() {
      return { contentType: registry.contentType, text: await registry.metrics() };
    },
    close: stop,
  };
}
