// "Resync from scratch": the version cursors of the chosen X-Series resources go back to 0, so the
// next poll re-reads every record. Safe because the mirror upserts by version: a record read again
// at the version it has changes nothing and is not duplicated. Taken under the lock of each poll
// concerned (the sales and customers poll, the catalog poll), so a poll in flight cannot move a
// cursor past the reset; recorded as a `resync` job run saying who asked, which shows in the sync
// history.
import type { Database } from "@greenloop/db";
import { DomainError } from "@greenloop/order-sync/errors";
import {
  catalogResources,
  type PolledResource,
  polledResources,
  readSyncCursor,
  retailResources,
} from "../ingestion/polling/sync-cursor";
import { jobLockKeys } from "../scheduler/job-lock-keys";

/** `JobRun.job` of a resync from scratch. */
export const resyncJobName = "resync";

export interface ResyncResult {
  /** The JobRun recording the reset. */
  jobRunId: string;
  /** Each reset resource and where its cursor was before. */
  resources: Array<{ resource: PolledResource; previousCursor: number }>;
}

export async function resyncFromScratch(
  db: Pick<Database, "prisma" | "withJobLock">,
  options: {
    resources: PolledResource[];
    requestedBy: string;
    trigger?: string;
    /** The clock the run is stamped with (the server's); default: the database's. */
    now?: Date;
  },
): Promise<ResyncResult> {
  // The polls' own order, each resource once.
  const resources = polledResources.filter((resource) => options.resources.includes(resource));
  if (resources.length === 0) {
    throw new DomainError(
      "BAD_INPUT",
      `name at least one resource to resync: ${polledResources.join(", ")}`,
    );
  }
  const locks = [
    ...(resources.some((r) => isIn(retailResources, r)) ? [jobLockKeys.poll] : []),
    ...(resources.some((r) => isIn(catalogResources, r)) ? [jobLockKeys.catalogPoll] : []),
  ];
  const outcome = await withJobLocks(db, locks, () =>
    db.prisma.$transaction(async (tx) => {
      // The cursor's `updatedAt` is the database's clock, as the poll writes it; the run is
      // stamped with the server's clock, as every other job run is: the history stays in order.
      const [{ now: databaseNow }] = (await tx.$queryRaw<
        Array<{ now: Date }>
      >`SELECT now() AS now`) as [{ now: Date }];
      const now = options.now ?? databaseNow;
      const previous = [];
      for (const resource of resources) {
        previous.push({ resource, previousCursor: await readSyncCursor(tx, resource) });
      }
      await tx.syncCursor.updateMany({
        where: { resource: { in: resources } },
        data: { afterVersion: 0n, updatedAt: databaseNow },
      });
      const run = await tx.jobRun.create({
        data: {
          job: resyncJobName,
          trigger: options.trigger ?? "manual",
          status: "SUCCEEDED",
          startedAt: now,
          finishedAt: now,
          details: {
            requestedBy: options.requestedBy,
            resources,
            previousCursors: Object.fromEntries(
              previous.map((entry) => [entry.resource, entry.previousCursor]),
            ),
          },
        },
        select: { id: true },
      });
      return { jobRunId: run.id, resources: previous };
    }),
  );
  if (!outcome.acquired) {
    throw new DomainError(
      "CONFLICT",
      "A poll is running right now; resync once it has finished (in a few seconds).",
    );
  }
  return outcome.result;
}

function isIn<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

/** `work` holding every lock in `keys` (in that order), or not acquired when one is taken. */
async function withJobLocks<T>(
  db: Pick<Database, "withJobLock">,
  keys: readonly number[],
  work: () => Promise<T>,
): Promise<{ acquired: false } | { acquired: true; result: T }> {
  const [first, ...rest] = keys;
  if (first === undefined) return { acquired: true, result: await work() };
  const outcome = await db.withJobLock(first, () => withJobLocks(db, rest, work));
  if (!outcome.acquired || !outcome.result.acquired) return { acquired: false };
  return { acquired: true, result: outcome.result.result };
}
