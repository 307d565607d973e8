// Import runs whose process died (`kill -9`, a crash, a lost host): an unfinished run whose
// heartbeat (import-run-heartbeat.ts) is older than the grace period is marked by whoever looks
// next: `imports.list` and `imports.progress`, the next import, and the `import-runs` job in
// `serve` (at start-up too). A RUNNING run becomes INTERRUPTED with the counts it committed (those
// chunks are kept, and re-running the file finishes it); a dry run stays DRY_RUN, ended. One
// UPDATE, which usually matches nothing. A later run of the same file that completes it says so
// on it (noteCompletedImportRuns). A run that died in its tail (the merge and analytics after
// its rows were written) stays SUCCEEDED; its phase becomes `done` (import-run-tail.ts).
import type { Database } from "@greenloop/db";
import type { Logger } from "../logger";
import { settleAbandonedImportTails } from "./import-run-tail";

export interface InterruptedImportRun {
  id: string;
  fileName: string;
  owner: string | null;
  dryRun: boolean;
  /** The owner's last heartbeat (its start if it never beat), now the run's `finishedAt`. */
  lastHeartbeatAt: Date;
}

export async function markInterruptedImportRuns(
  db: Pick<Database, "prisma">,
  options: { graceMs: number; logger?: Pick<Logger, "warn"> },
): Promise<InterruptedImportRun[]> {
  const silence = `no heartbeat for over ${Math.round(options.graceMs / 1000)} s`;
  const rows = await db.prisma.$queryRaw<
    Array<Omit<InterruptedImportRun, "dryRun"> & { status: string }>
  >`
    UPDATE "ImportRun"
       SET status = CASE WHEN status = 'RUNNING' THEN 'INTERRUPTED'::"ImportStatus" ELSE status END,
           "finishedAt" = COALESCE("heartbeatAt", "startedAt"),
           error = 'Interrupted: the process running it ('
                   || COALESCE(owner, 'from before heartbeats') || ') stopped without finishing ('
                   || ${silence} || '). '
                   || CASE WHEN status = 'RUNNING'
                        THEN 'What it committed is kept; re-run the same file to finish.'
                        ELSE 'It was a dry run: nothing was written.' END
     WHERE "finishedAt" IS NULL AND status IN ('RUNNING', 'DRY_RUN')
       AND COALESCE("heartbeatAt", "startedAt")
           < now() - ${options.graceMs}::double precision * interval '1 millisecond'
    RETURNING id, "fileName", owner, status::text AS status, "finishedAt" AS "lastHeartbeatAt"`;
  // And a run whose process died after its rows were written, in the merge or the analytics.
  await settleAbandonedImportTails(db, options);
  const interrupted = rows.map(({ status, ...run }) => ({ ...run, dryRun: status === "DRY_RUN" }));
  for (const run of interrupted) {
    options.logger?.warn({ importRun: run }, "import run interrupted: its process stopped beating");
  }
  return interrupted;
}

/**
 * Says on the interrupted runs of the same file (same sha256, started before it) that `runId`
 * completed them. A run killed while streaming its file has no sha256 yet (it is known at the
 * end of the file): only runs whose file was hashed first (uploads) can be matched.
 */
export async function noteCompletedImportRuns(
  db: Pick<Database, "prisma">,
  completed: { runId: string; sha256: string },
): Promise<number> {
  if (completed.sha256 === "") return 0;
  const note = `Completed by import run ${completed.runId} of the same file.`;
  return db.prisma.$executeRaw`
    UPDATE "ImportRun" SET error = COALESCE(error || ' ', '') || ${note}
     WHERE "fileSha256" = ${completed.sha256} AND status = 'INTERRUPTED'
       AND id <> ${completed.runId}::uuid
       AND "startedAt" <= (SELECT "startedAt" FROM "ImportRun" WHERE id = ${completed.runId}::uuid)
       AND (error IS NULL OR error NOT LIKE '%Completed by import run%')`;
}
