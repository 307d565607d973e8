// The scheduled merge sweep: every SYNC_INTERVAL (and once at start-up), merge whatever the
// ingestion paths' own merge calls may have missed, e.g. after a crash between a commit and its merge call.
import type { Database } from "@greenloop/db";
import { jobLockKeys } from "../scheduler/job-lock-keys";
import type { ScheduledJob } from "../scheduler/scheduled-job";
import type { MergeRules } from "./merge-rules";
import { sweepMerge } from "./merge-sweep";

export function createMergeJob(options: {
  db: Pick<Database, "prisma" | "bulkTransaction">;
  rules: MergeRules;
  syncIntervalMs: number;
}): ScheduledJob {
  return {
    name: "merge",
    // Not the merge lock itself: each merge transaction takes that one; this only keeps two
    // sweeps from running at once.
    lockKey: jobLockKeys.mergeSweep,
    schedule: { everyMs: options.syncIntervalMs, runAtStart: true },
    run: ({ signal }) => sweepMerge(options.db, options.rules, { signal }),
  };
}
