// An import run's owner and heartbeat: the process running an import names itself on the run
// (host, pid and a random part, since a restarted container may reuse both) and renews
// `heartbeatAt` on its own timer while it works (each committed chunk renews it too, in the
// chunk's transaction). A run whose heartbeat stops is shown as INTERRUPTED by the next process
// that looks (interrupted-import-runs.ts). The database's clock stamps every beat, so replicas
// on other hosts compare like with like.
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { Database } from "@greenloop/db";
import type { Logger } from "../logger";

/** How often a running import renews its heartbeat. */
export const HEARTBEAT_INTERVAL_MS = 5_000;

let processOwner: string | undefined;

/** This process as an import run's owner: `host:pid:random`, the same for all its runs. */
export function importRunOwner(): string {
  processOwner ??= `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
  return processOwner;
}

export interface ImportRunHeartbeat {
  /** Renews the heartbeat now (the timer does so every interval). */
  beat(): Promise<void>;
  /** Stops beating; resolves once no beat is in flight. Call before the run's final status. */
  stop(): Promise<void>;
}

/** One beat: renews the run's heartbeat if this process still owns it. */
export type RenewHeartbeat = (
  db: Pick<Database, "prisma">,
  run: { runId: string; owner: string },
) => Promise<unknown>;

/** While the run reads and writes its file (or counts it, dry). */
const renewWhileWriting: RenewHeartbeat = (db, { runId, owner }) =>
  // A run someone took for dead (a stall longer than the grace period) is running after all: the
  // beat says so again.
  db.prisma.$executeRaw`
    UPDATE "ImportRun" SET "heartbeatAt" = now(),
           status = CASE WHEN status = 'INTERRUPTED' THEN 'RUNNING'::"ImportStatus" ELSE status END,
           "finishedAt" = NULL, error = NULL
     WHERE id = ${runId}::uuid AND owner = ${owner}
       AND status IN ('RUNNING', 'INTERRUPTED', 'DRY_RUN')`;

export function startImportRunHeartbeat(
  db: Pick<Database, "prisma">,
  runId: string,
  options: {
    intervalMs?: number;
    logger?: Pick<Logger, "warn">;
    /** The beat's statement; default: the one for a run writing its file. */
    renew?: RenewHeartbeat;
  } = {},
): ImportRunHeartbeat {
  const owner = importRunOwner();
  const renew = options.renew ?? renewWhileWriting;
  let stopped = false;
  let inFlight: Promise<void> = Promise.resolve();
  const beat = () => {
    if (stopped) return inFlight;
    // One beat at a time.
    inFlight = inFlight
      .then(async () => {
        await renew(db, { runId, owner });
      })
      .catch((err: unknown) => {
        // The next beat may get through; a run that stays silent is what the grace period is for.
        options.logger?.warn({ err, importRunId: runId }, "could not renew the import's heartbeat");
      });
    return inFlight;
  };
  const timer = setInterval(beat, options.intervalMs ?? HEARTBEAT_INTERVAL_MS);
  // The import keeps the process alive, not its heartbeat.
  timer.unref();
  return {
    beat,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await inFlight;
    },
  };
}
