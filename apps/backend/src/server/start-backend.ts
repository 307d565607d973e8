// Everything `serve` runs around one database: ingestion (webhook worker and scheduled poll, each
// handing its changes to the merge and the analytics; the merge sweep, analytics, monitoring, import runs), the mail transport, the background tasks
// and the HTTP server. `serve` and `demo` both start it; `stop` undoes it in a safe order.
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
import { createMonitoringJob } from "../monitoring/monitoring-job";
import { createBackgroundTasks } from "../scheduler/background-tasks";
import { type Scheduler, startScheduler } from "../scheduler/start-scheduler";

export interface StartBackendOptions {
  env: Env;
  /** Opened and migrated. */
  db: Database;
  logger: Logger;
  startedAt?: Date;
  /** The clock monitoring and the API read (the demo follows the simulated store's clock). */
  now?: () => Date;
  /** The built dashboard, served at `/`. */
  dashboardDir?: string;
  /** How the user picks another port when PORT is taken, e.g. `PORT=3001 pnpm demo`. */
  otherPort?: OtherPortExample;
}

export interface RunningBackend {
  url: string;
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
}: StartBackendOptions): Promise<RunningBackend> {
  const rules = createMergeRules(env.merge);
  const monitoring = (pollingEnabled: boolean) =>
    createMonitoringJob({ db, env, pollingEnabled, startedAt, ...(now ? { now } : {}) });
  // Also at start-up: the import runs of a process that died are shown INTERRUPTED.
  const importRuns = () => createImportRunsJob({ db, env });
  const ingestion = startIngestion({
    env,
    db,
    logger,
    jobs: [
      createMergeJob({ db, rules, syncIntervalMs: env.syncIntervalMs }),
      createAnalyticsJob({ db, env }),
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
    });
    const server = await startServer(app, {
      port: env.port,
      host: env.host,
      ...(otherPort ? { otherPort } : {}),
    });
    return {
      url: server.url,
      jobs,
      ingestionEnabled: ingestion.enabled,
      async stop() {
        await server.close();
        await stopJobs();
      },
    };
  } catch (error) {
    await stopJobs();
    throw error;
  }
}
