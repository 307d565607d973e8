// The tail of an import. A run is SUCCEEDED once its file's orders are written, but the import's
// last merge and the analytics follow it (at 100,000 orders the last chunk's merge alone took about
// 12 s in the CLI), and until then the customers' numbers do not include the file. The run's `phase` says where that tail is (`merging`, `analytics`, then `done`), so a
// watcher (`imports.progress`, the dashboard) knows when they do. The tail keeps the run's
// heartbeat; a process that dies in it leaves the rest to the merge sweep and the next analytics
// run, and whoever reads the runs after the heartbeat grace marks its tail `done`
// (settleAbandonedImportTails, with the interrupted runs).
import type { Database } from "@greenloop/db";
import type { Logger } from "../logger";
import {
  type ImportRunHeartbeat,
  type RenewHeartbeat,
  startImportRunHeartbeat,
} from "./import-run-heartbeat";

export type ImportTailPhase = "merging" | "analytics";

/**
 * Neither method throws: the phase only tells a watcher, and a database that blinks here must not
 * stop the merge or the analytics (a phase left behind is settled after the grace period).
 */
export interface ImportRunTail {
  /** The tail's next phase, on the run (and its heartbeat kept from then on). */
  enter(phase: ImportTailPhase): Promise<void>;
  /** Renews the heartbeat now (its timer does so every interval). */
  beat(): Promise<void>;
  /** The tail ended, however it ended: the run's phase is `done`. */
  finish(): Promise<void>;
}

export function startImportRunTail(
  db: Pick<Database, "prisma">,
  runId: string,
  options: { logger?: Pick<Logger, "warn">; heartbeatIntervalMs?: number } = {},
): ImportRunTail {
  let heartbeat: ImportRunHeartbeat | null = null;
  let current: ImportTailPhase | null = null;
  // Each beat says the phase again: a tail taken for abandoned while its process only stalled
  // (on PGlite every query waits for a long merge's transaction) is back in its phase at once.
  const renew: RenewHeartbeat = () =>
    db.prisma.$executeRaw`
      UPDATE "ImportRun" SET "heartbeatAt" = now(), phase = ${current}
       WHERE id = ${runId}::uuid AND status = 'SUCCEEDED' AND phase IS NOT NULL`;
  const told = async (what: string, write: () => Promise<unknown>) => {
    try {
      await write();
    } catch (err) {
      options.logger?.warn({ err, importRunId: runId }, `could not record the import's ${what}`);
    }
  };
  return {
    async enter(phase) {
      current = phase;
      await told(
        `${phase} phase`,
        () =>
          db.prisma.$executeRaw`
          UPDATE "ImportRun" SET phase = ${phase}, "heartbeatAt" = now()
           WHERE id = ${runId}::uuid AND status = 'SUCCEEDED'`,
      );
      heartbeat ??= startImportRunHeartbeat(db, runId, {
        renew,
        ...(options.logger ? { logger: options.logger } : {}),
        ...(options.heartbeatIntervalMs ? { intervalMs: options.heartbeatIntervalMs } : {}),
      });
    },
    async beat() {
      await heartbeat?.beat();
    },
    async finish() {
      await heartbeat?.stop();
      await told(
        "end",
        () =>
          db.prisma.$executeRaw`
          UPDATE "ImportRun" SET phase = 'done' WHERE id = ${runId}::uuid AND phase IS NOT NULL`,
      );
    },
  };
}

/**
 * Marks `done` the tails whose process stopped beating for longer than the grace period: their
 * merge is the sweep's now, their analytics the next run's. One UPDATE, which usually matches
 * nothing.
 */
export async function settleAbandonedImportTails(
  db: Pick<Database, "prisma">,
  options: { graceMs: number },
): Promise<number> {
  return db.prisma.$executeRaw`
    UPDATE "ImportRun" SET phase = 'done'
     WHERE phase IN ('merging', 'analytics')
       AND COALESCE("heartbeatAt", "startedAt")
           < now() - ${options.graceMs}::double precision * interval '1 millisecond'`;
}
