// The scheduled `import-runs` job in `serve`: at start-up and every 15 s, import runs whose process
// died (no heartbeat within the grace period) are marked INTERRUPTED, so the dashboard, the alerts
// and `sync.status` stop showing them as running even when nobody opens the import list.
import type { Database } from "@greenloop/db";
import type { Env } from "../env";
import { jobLockKeys } from "../scheduler/job-lock-keys";
import type { ScheduledJob } from "../scheduler/scheduled-job";
import { markInterruptedImportRuns } from "./interrupted-import-runs";

const IMPORT_RUNS_INTERVAL_MS = 15_000;

export function createImportRunsJob(options: {
  db: Pick<Database, "prisma">;
  env: Pick<Env, "imports">;
}): ScheduledJob {
  return {
    name: "import-runs",
    lockKey: jobLockKeys.importRuns,
    schedule: { everyMs: IMPORT_RUNS_INTERVAL_MS, runAtStart: true },
    async run({ logger }) {
      const interrupted = await markInterruptedImportRuns(options.db, {
        graceMs: options.env.imports.heartbeatGraceMs,
        logger,
      });
      return { interrupted: interrupted.length };
    },
  };
}
