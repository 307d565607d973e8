// The scheduled full analytics run (ANALYTICS_SCHEDULE, in the store's time zone): recency, the
// rolling 90 days and tiers move with the calendar even when no order arrives, and the CLV and RFM
// models are refitted once they are older than ANALYTICS_REFIT_DAYS.
import type { Database } from "@greenloop/db";
import type { Env } from "../env";
import { jobLockKeys } from "../scheduler/job-lock-keys";
import type { ScheduledJob } from "../scheduler/scheduled-job";
import { loadAnalyticsModels } from "./analytics-models";
import { recomputeAllCustomers } from "./recompute-analytics";

export function createAnalyticsJob(options: {
  db: Pick<Database, "prisma" | "bulkTransaction">;
  env: Pick<Env, "analytics" | "storeTimeZone">;
  /** The clock its runs are stamped with (startBackend's); default: the database's. */
  now?: () => Date;
}): ScheduledJob {
  const { db, env } = options;
  return {
    name: "analytics",
    lockKey: jobLockKeys.analytics,
    schedule: { cron: env.analytics.schedule, timezone: env.storeTimeZone },
    async run({ signal, logger, trigger }) {
      const models = await loadAnalyticsModels(db);
      const ageMs = models.fittedAt
        ? Date.now() - models.fittedAt.getTime()
        : Number.POSITIVE_INFINITY;
      return recomputeAllCustomers(db, {
        config: env.analytics.config,
        refit: ageMs > env.analytics.refitDays * 86_400_000,
        trigger,
        signal,
        logger,
        ...(options.now ? { now: options.now } : {}),
      });
    },
  };
}
