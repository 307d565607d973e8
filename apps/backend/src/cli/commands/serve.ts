import { createAnalyticsJob } from "../../analytics/analytics-job";
import { recomputeAllDirty } from "../../analytics/recompute-dirty";
import { openDatabaseFromEnv } from "../../database";
import { createApp } from "../../http/app";
import { createBackgroundTasks } from "../../http/background-tasks";
import { startServer } from "../../http/start-server";
import { startIngestion } from "../../ingestion/start-ingestion";
import { createMailTransport } from "../../mail/mail-transport";
import { createMergeJob } from "../../merge/merge-job";
import { createMergeRules } from "../../merge/merge-rules";
import { createMergeSeams } from "../../merge/merge-seams";
import { createMonitoringJob } from "../../monitoring/monitoring-job";
import { startScheduler } from "../../scheduler/start-scheduler";
import type { CliCommand } from "../command";
import { waitForShutdown } from "../wait-for-shutdown";

export const serveCommand: CliCommand = {
  name: "serve",
  usage: "serve [--json]",
  description:
    "Run the HTTP server (tRPC, /health, the Lightspeed webhook route) with the webhook worker and scheduled polling, after applying pending migrations.",
  defaultLogLevel: "info",
  async run({ env, logger, say, announce, shutdown }) {
    const startedAt = new Date();
    const db = await openDatabaseFromEnv(env, logger);
    try {
      const { applied, status } = await db.migrate();
      logger.info(
        { database: db.kind, location: db.location, applied, total: status.applied.length },
        applied.length ? "applied migrations" : "database schema is up to date",
      );
      const rules = createMergeRules(env.merge);
      const seams = createMergeSeams({
        db,
        rules,
        logger: logger.child({ component: "merge" }),
        afterMerge: () => recomputeAllDirty(db, { config: env.analytics.config, trigger: "merge" }),
      });
      const monitoring = (pollingEnabled: boolean) =>
        createMonitoringJob({ db, env, pollingEnabled, startedAt });
      const ingestion = startIngestion({
        env,
        db,
        logger,
        onRetailChanges: seams.onRetailChanges,
        jobs: [
          createMergeJob({ db, rules, syncIntervalMs: env.syncIntervalMs }),
          createAnalyticsJob({ db, env }),
          monitoring(true),
        ],
      });
      // Without ingestion, alerts on what is stored (imports, missing orders) still run.
      const monitoringOnly = ingestion.enabled
        ? undefined
        : startScheduler({
            db,
            logger: logger.child({ component: "scheduler" }),
            jobs: [monitoring(false)],
          });
      const mail = createMailTransport(env.mail, logger.child({ component: "mail" }));
      const tasks = createBackgroundTasks(logger.child({ component: "tasks" }));
      try {
        const app = createApp({
          db,
          logger,
          env,
          startedAt,
          mail,
          tasks,
          webhooks: ingestion.webhooks,
        });
        const server = await startServer(app, { port: env.port, host: env.host });
        logger.info({ url: server.url, database: db.kind }, "listening");
        announce({ url: server.url, database: { kind: db.kind, location: db.location } });
        say(
          `GreenLoop backend listening on ${server.url} (database: ${db.kind} at ${db.location}). Ctrl-C stops it.`,
        );

        const signal = await waitForShutdown(shutdown);
        logger.info({ signal }, "shutting down");
        await server.close();
        return {
          summary: `Stopped (${signal}).`,
          json: {
            url: server.url,
            database: { kind: db.kind, location: db.location },
            stoppedBy: signal,
          },
        };
      } finally {
        // Before the database closes: a batch in progress finishes and commits, and an upload's
        // import finishes its file.
        await Promise.all([ingestion.stop(), monitoringOnly?.stop(), tasks.drain()]);
        await mail.close();
      }
    } finally {
      await db.close();
    }
  },
};
