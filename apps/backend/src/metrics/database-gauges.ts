// Gauges read from the database when Prometheus scrapes: the webhook inbox, the polls' freshness
// and the eCom orders missing from X-Series. One scrape reads each source once (the gauges share
// one refresh), and a source that fails or is slow is counted in
// greenloop_metrics_scrape_errors_total and reported as unknown (NaN, or its series left out),
// never as a stale or reassuring value; the rest of /metrics is still served.
import type { Database } from "@greenloop/db";
import { Counter, Gauge, type Registry } from "prom-client";
import { retailResources } from "../ingestion/polling/sync-cursor";
import { webhookQueueNow } from "../ingestion/webhooks/webhook-queue-clock";
import { readEcomBacklogState, readIngestionState } from "./read-pipeline-state";

export interface DatabaseGaugeOptions {
  db: Pick<Database, "prisma">;
  /** The clock ages are measured on (the demo's follows the simulated store). */
  now: () => Date;
  /** A source not read within this long is left out of this scrape (default 5 s). */
  timeoutMs?: number;
}

export function defineDatabaseGauges(registry: Registry, options: DatabaseGaugeOptions): void {
  let refreshing: Promise<void> | null = null;
  // prom-client collects every metric at once: the first gauge's collect starts the reads, the
  // others wait for the same ones.
  const collect = () => {
    refreshing ??= refresh().finally(() => {
      refreshing = null;
    });
    return refreshing;
  };
  const gauge = <Label extends string = never>(
    name: string,
    help: string,
    labelNames: readonly Label[] = [],
  ) => new Gauge<Label>({ name, help, labelNames, registers: [registry], collect });

  // Collected after this scrape's reads too, so that it counts their failures in the same scrape.
  const scrapeErrors = new Counter({
    name: "greenloop_metrics_scrape_errors_total",
    help: "Database reads for /metrics that failed or timed out, by source (their gauges are NaN or left out)",
    labelNames: ["source"] as const,
    registers: [registry],
    collect,
  });
  const pending = gauge(
    "greenloop_webhook_inbox_pending_deliveries",
    "Webhook deliveries stored and not settled yet (pending or being processed)",
  );
  const oldestPending = gauge(
    "greenloop_webhook_inbox_oldest_pending_age_seconds",
    "Age of the oldest unsettled webhook delivery (0 when none)",
  );
  const dead = gauge(
    "greenloop_webhook_dead_deliveries",
    "Webhook deliveries dead-lettered after their last attempt (replay them with `webhooks replay`)",
  );
  const pollLastSuccess = gauge(
    "greenloop_poll_last_success_timestamp_seconds",
    "When the last successful poll of the resource finished (absent when none ever did)",
    ["resource"],
  );
  const pollLag = gauge(
    "greenloop_poll_lag_seconds",
    "Seconds since the last successful poll of the resource finished (+Inf when none ever did)",
    ["resource"],
  );
  const missingOrders = gauge(
    "greenloop_ecom_missing_orders",
    "eCom orders imported from the export and not in X-Series yet",
  );
  const oldestMissing = gauge(
    "greenloop_ecom_oldest_missing_order_age_seconds",
    "Age of the oldest eCom order not in X-Series yet, from when it was placed (0 when none)",
  );

  const ageSeconds = (since: Date | null, now: Date) =>
    since === null ? 0 : Math.max(0, (now.getTime() - since.getTime()) / 1000);

  async function refresh(): Promise<void> {
    const now = options.now();
    const limit = options.timeoutMs ?? 5_000;
    const [ingestion, backlog] = await Promise.allSettled([
      withTimeout(readIngestionState(options.db), limit),
      withTimeout(readEcomBacklogState(options.db, now), limit),
    ]);
    pollLastSuccess.reset();
    pollLag.reset();
    if (ingestion.status === "fulfilled") {
      const state = ingestion.value;
      pending.set(state.pendingDeliveries);
      // Stamped by the queue's clock at intake, so aged by it (not the store's, which may jump).
      oldestPending.set(ageSeconds(state.oldestPendingReceivedAt, webhookQueueNow()));
      dead.set(state.deadDeliveries);
      for (const resource of retailResources) {
        const at = state.lastPollSuccessAt[resource];
        if (at) pollLastSuccess.set({ resource }, at.getTime() / 1000);
        pollLag.set({ resource }, at ? ageSeconds(at, now) : Number.POSITIVE_INFINITY);
      }
    } else {
      scrapeErrors.inc({ source: "ingestion" });
      for (const unknown of [pending, oldestPending, dead]) unknown.set(Number.NaN);
    }
    if (backlog.status === "fulfilled") {
      missingOrders.set(backlog.value.missing);
      oldestMissing.set(ageSeconds(backlog.value.oldestPlacedAt, now));
    } else {
      scrapeErrors.inc({ source: "ecom_backlog" });
      for (const unknown of [missingOrders, oldestMissing]) unknown.set(Number.NaN);
    }
  }
}

/** The read, or a rejection once `ms` have passed (the read itself is left to finish). */
function withTimeout<T>(read: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    timer.unref();
  });
  read.catch(() => undefined); // a late failure after the timeout is not unhandled
  return Promise.race([read, timeout]).finally(() => clearTimeout(timer));
}
