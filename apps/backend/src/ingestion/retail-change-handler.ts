// What follows a change to the X-Series mirror, wherever it came from (the webhook worker, the
// scheduled poll, `pnpm cli sync`): the merge takes in the changed rows the mirror recorded in its
// own transaction (merge/pending-merges.ts), then the analytics run for the customers it touched.
// The one handler all three use; a failure is logged and thrown back (the caller counts it). What
// a failed call left is taken up within seconds by the retry job, never left to the merge sweep.
import type { Database } from "@greenloop/db";
import { hasDirtyCustomers, recomputeAllDirty } from "../analytics/recompute-dirty";
import type { Env } from "../env";
import type { Logger } from "../logger";
import { createMergeRules } from "../merge/merge-rules";
import { type DrainResult, drainPendingMerges } from "../merge/pending-merges";
import { jobLockKeys } from "../scheduler/job-lock-keys";
import type { ScheduledJob } from "../scheduler/scheduled-job";
import type { OnRetailChanges } from "./retail-changes";

interface RetailFollowUpOptions {
  db: Pick<Database, "prisma" | "bulkTransaction">;
  env: Pick<Env, "merge" | "analytics">;
  /** Recorded on the analytics run (`JobRun.trigger`): "merge" in the server, "sync" in the CLI. */
  trigger: string;
  /** The clock the analytics runs are stamped with (startBackend's); default: the database's. */
  now?: () => Date;
}

export function createRetailChangeHandler(
  options: RetailFollowUpOptions & { logger: Pick<Logger, "debug"> },
): OnRetailChanges {
  const rules = createMergeRules(options.env.merge);
  return async () => {
    const merged = await drainPendingMerges(options.db, rules);
    options.logger.debug({ ...merged }, "merged retail changes");
    if (merged.customersTouched > 0 || merged.ordersChanged > 0) await recomputeDirty(options);
  };
}

/** How often the retry job looks for changes a failed hand-off left: "within seconds". */
export const RETAIL_CHANGE_RETRY_MS = 5_000;

/**
 * The hand-off's safety net: every few seconds, merges what is still pending and runs the
 * analytics of customers still dirty (their run failed, or the process died before it).
 */
export function createRetailChangeRetryJob(
  options: RetailFollowUpOptions & { everyMs?: number },
): ScheduledJob {
  const rules = createMergeRules(options.env.merge);
  return {
    name: "retail-change-retry",
    lockKey: jobLockKeys.retailChangeRetry,
    schedule: { everyMs: options.everyMs ?? RETAIL_CHANGE_RETRY_MS, runAtStart: true },
    async run({ logger }): Promise<{ merged: DrainResult; analytics: boolean }> {
      const merged = await drainPendingMerges(options.db, rules);
      if (merged.pending > 0) logger.info({ ...merged }, "merged changes a failed hand-off left");
      const analytics = await hasDirtyCustomers(options.db);
      if (analytics) await recomputeDirty(options);
      return { merged, analytics };
    },
  };
}

function recomputeDirty({ db, env, trigger, now }: RetailFollowUpOptions) {
  return recomputeAllDirty(db, { config: env.analytics.config, trigger, ...(now ? { now } : {}) });
}
