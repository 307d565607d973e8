// Everything `serve` runs around one database: ingestion (webhook worker and scheduled poll, each
// handing its changes to the merge and the analytics; the merge sweep, analytics, monitoring, import runs), the mail transport, the background tasks
// and the HTTP server, with its metrics (on their own port when METRICS_PORT is set) and, when
// OTEL_TRACING is on, tracing. `serve` and `demo` both start it; `stop` undoes it in a safe order.
import type { Database } from "@greenloop/db";
import { createAnalyticsJob } from "../analytics/analytics-job";
import type { Env } from "../env";
import { createApp } from "../http/app";
import type { OtherPortExample } from "../http/listen-failure";
import { startServer } from "../http/start-server";
import { createImportRunsJob } from "../imports/import-runs-job";
import { startIngestion } from "../ingestion/start-ingestion";
import type { Logger } from "../logger";
import { createMailTransport } from "../mail/mail-transport";
import { createMergeJob } from "../merge/merge-job";
import { createMergeRules } from "../merge/merge-rules";
import { type BackendMetrics, createBackendMetrics } from "../metrics/backend-metrics";
import { createMetricsApp } from "../metrics/metrics-app";
import { createMonitoringJob } from "../monitoring/monitoring-job";
import { createBackgroundTasks } from "../scheduler/background-tasks";
import { type Scheduler, startScheduler } from "../scheduler/start-scheduler";
import { startTracing } from "../tracing/start-tracing";

export interface StartBackendOptions {
  env: Env;
  /** Opened and migrated. */
  db: Database;
  logger: Logger;
  startedAt?: Date;
  /**
   * The clock monitoring and the API read, and every job run, import run and notification is
   * stamped with (the demo follows the simulated store's clock). Default: the wall clock.
   */
  now?: () => Date;
  /** The built dashboard, served at `/`. */
  dashboardDir?: string;
  /** How the user picks another port when PORT is taken, e.g. `PORT=3001 pnpm demo`. */
  otherPort?: OtherPortExample;
  /**
   * The scheduler's timers start paused: jobs run only through `jobs.runNow` (tests that move a
   * clock must not have a scheduled run land between the move and what they check).
   */
  jobsPaused?: boolean;
}

export interface RunningBackend {
  url: string;
  /** Where `/metrics` is served when METRICS_PORT is set (e.g. `http://127.0.0.1:9464`). */
  metricsUrl: string | undefined;
  /** Whichever scheduler runs here (ingestion's, or monitoring alone when ingestion is off). */
  jobs: Scheduler | undefined;
  ingestionEnabled: boolean;
  /** Stops HTTP, then the jobs and background imports (they finish their batch); not the database. */
  stop(): Promise<void>;
}

export async function startBackend({
  env,
  db,
  logger,
  startedAt = new Date(),
  now,
  dashboardDir,
  otherPort,
  jobsPaused,
}: StartBackendOptions): Promise<RunningBackend> {
  // First, so that what starts next is traced.
  const tracing = await startTracing({ enabled: env.observability.tracing, logger });
  const { metricsToken, metricsPort } = env.observability;
  const metrics: BackendMetrics | undefined =
    metricsToken !== undefined || metricsPort !== undefined
      ? createBackendMetrics({ db, ...(now ? { now } : {}) })
      : undefined;
  const rules = createMergeRules(env.merge);
  const monitoring = (pollingEnabled: boolean) =>
    createMonitoringJob({ db, env, pollingEnabled, startedAt, ...(now ? { now } : {}) });
  // Also at start-up: the import runs of a process that died are shown INTERRUPTED.
  const importRuns = () => createImportRunsJob({ db, env });
  const ingestion = startIngestion({
    env,
    db,
    logger,
    ...(now ? { now } : {}),
    ...(jobsPaused ? { jobsPaused } : {}),
    jobs: [
      createMergeJob({ db, rules, syncIntervalMs: env.syncIntervalMs }),
      createAnalyticsJob({ db, env, ...(now ? { now } : {}) }),
      monitoring(true),
      importRuns(),
    ],
  });
  // Without ingestion, alerts on what is stored (imports, missing orders) still run.
  const monitoringOnly = ingestion.enabled
    ? undefined
    : startScheduler({
        db,
        logger: logger.child({ component: "scheduler" }),
        ...(now ? { now } : {}),
        ...(jobsPaused ? { paused: jobsPaused } : {}),
        jobs: [monitoring(false), importRuns()],
      });
  const mail = createMailTransport(env.mail, logger.child({ component: "mail" }));
  const tasks = createBackgroundTasks(logger.child({ component: "tasks" }));
  const jobs = ingestion.scheduler ?? monitoringOnly;
  const stopJobs = async () => {
    // Before the database closes: a batch in progress finishes and commits, and an upload's
    // import finishes its file.
    await Promise.all([ingestion.stop(), monitoringOnly?.stop(), tasks.drain()]);
    await mail.close();
    metrics?.close();
    await tracing.shutdown();
  };
  try {
    const app = createApp({
      db,
      logger,
      env,
      startedAt,
      mail,
      tasks,
      webhooks: ingestion.webhooks,
      ...(jobs ? { jobs } : {}),
      ...(now ? { now } : {}),
      ...(dashboardDir ? { dashboardDir } : {}),
      ...(metrics ? { metrics } : {}),
    });
    const metricsServer =
      metrics && metricsPort !== undefined
        ? await startServer(createMetricsApp(metrics, { token: metricsToken, logger }), {
            port: metricsPort,
            host: env.host,
            otherPort: (port) => `METRICS_PORT=${port}`,
          })
        : undefined;
    if (metricsServer) logger.info({ url: `${metricsServer.url}/metrics` }, "serving metrics");
    let server: Awaited<ReturnType<typeof startServer>>;
    try {
      server = await startServer(app, {
        port: env.port,
        host: env.host,
        ...(otherPort ? { otherPort } : {}),
      });
    } catch (error) {
      await metricsServer?.close();
      throw error;
    }
    return {
      url: server.url,
      metricsUrl: metricsServer?.url,
      jobs,
      ingestionEnabled: ingestion.enabled,
      async stop() {
        await Promise.all([server.close(), metricsServer?.close()]);
        await stopJobs();
      },
    };
  } catch (error) {
    await stopJobs();
    throw error;
  }
}
