// Everything that keeps the mirror current while the server runs: the webhook worker and the
// scheduled poll. Without a Lightspeed connection configured, the server still runs (analytics
// over what is stored, CSV imports) and says that ingestion is off.
import type { Database } from "@greenloop/db";
import { isDomainError } from "@greenloop/order-sync/errors";
import type { Env } from "../env";
import { createLightspeedClientFromEnv } from "../lightspeed";
import type { Logger } from "../logger";
import type { ScheduledJob } from "../scheduler/scheduled-job";
import { type Scheduler, startScheduler } from "../scheduler/start-scheduler";
import { createCatalogPollJob } from "./polling/catalog-poll-job";
import { createPollJob } from "./polling/poll-job";
import { createRetailChangeHandler, createRetailChangeRetryJob } from "./retail-change-handler";
import type { WebhookRouteOptions } from "./webhooks/webhook-route";
import { createWebhookWorker } from "./webhooks/webhook-worker";

export interface RunningIngestion {
  /** False when Lightspeed is not configured. */
  enabled: boolean;
  /** For the webhook route: authentication and waking the worker. */
  webhooks: WebhookRouteOptions;
  /** The scheduled jobs (poll and the given ones), for the API; absent when ingestion is off. */
  scheduler?: Scheduler;
  stop(): Promise<void>;
}

export function startIngestion(options: {
  env: Env;
  db: Database;
  logger: Logger;
  /** More jobs for the scheduler (the merge sweep, analytics, monitoring), run only when ingestion is on. */
  jobs?: ScheduledJob[];
  /** The clock job runs are stamped with: the one freshness, alerts and /health read. */
  now?: () => Date;
  /** The scheduler's timers start paused: jobs run only through `runNow` (tests). */
  jobsPaused?: boolean;
}): RunningIngestion {
  const { env, db, logger } = options;
  const webhookAuth = {
    clientSecret: env.lightspeed.clientSecret,
    pathSecret: env.webhookPathSecret,
  };
  let client: ReturnType<typeof createLightspeedClientFromEnv>;
  try {
    client = createLightspeedClientFromEnv(env, logger);
  } catch (error) {
    if (!isDomainError(error) || error.code !== "CONFIG") throw error;
    logger.warn(error.message);
    logger.warn("ingestion is off: no polling, and webhooks are stored but not processed");
    return { enabled: false, webhooks: webhookAuth, stop: async () => {} };
  }
  // The webhook worker and the poll hand what they changed to the same handler: merge, analytics.
  const clock = options.now ? { now: options.now } : {};
  const onRetailChanges = createRetailChangeHandler({
    db,
    env,
    logger: logger.child({ component: "merge" }),
    trigger: "merge",
    ...clock,
  });
  const worker = createWebhookWorker({
    db,
    client,
    logger: logger.child({ component: "webhook-worker" }),
    onRetailChanges,
  });
  const scheduler = startScheduler({
    db,
    logger: logger.child({ component: "scheduler" }),
    ...(options.now ? { now: options.now } : {}),
    ...(options.jobsPaused ? { paused: options.jobsPaused } : {}),
    jobs: [
      createPollJob({
        db,
        client,
        syncIntervalMs: env.syncIntervalMs,
        onRetailChanges,
        ...(options.now ? { now: options.now } : {}),
      }),
      createCatalogPollJob({ db, client, syncIntervalMs: env.syncIntervalMs, ...clock }),
      createRetailChangeRetryJob({ db, env, trigger: "merge", ...clock }),
      ...(options.jobs ?? []),
    ],
  });
  worker.start();
  logger.info(
    { syncIntervalMs: env.syncIntervalMs },
    "ingestion started: webhook worker and scheduled polling",
  );
  return {
    enabled: true,
    webhooks: { ...webhookAuth, onStored: () => worker.wake() },
    scheduler,
    async stop() {
      await Promise.all([scheduler.stop(), worker.stop()]);
    },
  };
}
