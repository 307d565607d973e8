// Pushing an analytics segment into an X-Series customer group, and undoing a push. The changes
// run through the tier sync's runner (same change log, same rate-limit and 429 handling, same
// lock, so a push and a tier sync never change groups at once); a push is a `segment-push` run.
import type { Database } from "@greenloop/db";
import { DomainError, isDomainError } from "@greenloop/order-sync/errors";
import type { LightspeedClient } from "@greenloop/order-sync/lightspeed";
import { writeRetailCustomers } from "../ingestion/retail-mirror";
import type { Logger } from "../logger";
import { jobLockKeys } from "../scheduler/job-lock-keys";
import { applyTierSync, type UndoSkipReason, undoTierSync } from "../tier-sync/tier-sync";
import {
  type PushGroup,
  planSegmentPush,
  type SegmentPushPlan,
  type SegmentRef,
} from "./plan-segment-push";

/** `JobRun.job` of a push; its undo is `segment-push.undo`. */
export const segmentPushJob = "segment-push";

type Db = Pick<Database, "prisma" | "withJobLock">;
type GroupClient = Pick<LightspeedClient, "fetchCustomerGroups" | "setCustomerGroup">;

/** The store's live customer groups, by name. */
export async function listPushGroups(
  client: Pick<LightspeedClient, "fetchCustomerGroups">,
): Promise<PushGroup[]> {
  const list = await client.fetchCustomerGroups();
  return list.records
    .map((record) => record.data)
    .filter((group) => !group.deleted_at)
    .map((group) => ({ id: group.id, name: group.name?.trim() || group.id }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/** What a push would do, against the store's groups as X-Series lists them now. */
export async function previewSegmentPush(
  db: Pick<Database, "prisma">,
  client: Pick<LightspeedClient, "fetchCustomerGroups">,
  input: { segment: SegmentRef; groupId: string },
): Promise<SegmentPushPlan> {
  const groups = (await client.fetchCustomerGroups()).records.map((record) => record.data);
  return planSegmentPush(db, { ...input, groups });
}

export interface SegmentPushResult {
  /** The run to undo. */
  runId: string;
  plan: SegmentPushPlan;
  /** X-Series records moved into the group. */
  applied: number;
  /** Records Lightspeed refused (the first few messages, no personal data). */
  failed: number;
  failures: string[];
  /** Records not attempted because the run stopped. */
  notAttempted: number;
  /** Why the run stopped early (Lightspeed down, auth refused…); null when it ran to the end. */
  stopped: string | null;
}

const maxFailureMessages = 5;

/**
 * Plans afresh (the preview may be stale) and applies. Records already in the group are not
 * sent again, so pushing the same segment twice changes nothing the second time.
 */
export async function pushSegment(
  db: Db,
  client: GroupClient,
  input: {
    segment: SegmentRef;
    groupId: string;
    trigger: string;
    logger?: Logger;
    /** The clock the push's `JobRun` is stamped with (the server's); default: the wall clock. */
    now?: () => Date;
  },
): Promise<SegmentPushResult> {
  return exclusive(
    await db.withJobLock(jobLockKeys.tierSync, async () => {
      const plan = await previewSegmentPush(db, client, input);
      const run = await applyTierSync(db, client, plan.tierSyncPlan, {
        job: segmentPushJob,
        trigger: input.trigger,
        details: { segment: { ...plan.segment }, group: { ...plan.group } },
        ...(input.logger ? { logger: input.logger } : {}),
        ...(input.now ? { now: input.now } : {}),
      });
      return {
        runId: run.runId,
        plan,
        applied: run.applied,
        failed: run.errors.length,
        failures: run.errors.slice(0, maxFailureMessages).map((error) => error.message),
        notAttempted: run.notAttempted,
        stopped: run.halted?.message ?? null,
      };
    }),
  );
}

export interface SegmentPushUndoResult {
  runId: string;
  undone: number;
  /** Records left where they are, by why. */
  leftAlone: Record<UndoSkipReason, number>;
  stopped: string | null;
}

/**
 * Puts every record the push moved back in its previous group, unless it has changed group since.
 * "Since" is checked against X-Series itself: each record is read again first (into the mirror),
 * so a move made in X-Series a moment ago and not polled yet is not overwritten.
 */
export async function undoSegmentPush(
  db: Db,
  client: Pick<LightspeedClient, "fetchCustomer" | "setCustomerGroup">,
  runId: string,
  options: { trigger: string; logger?: Logger; now?: () => Date },
): Promise<SegmentPushUndoResult> {
  return exclusive(
    await db.withJobLock(jobLockKeys.tierSync, async () => {
      const run = await db.prisma.jobRun.findFirst({
        where: { id: runId, job: segmentPushJob },
        select: { id: true },
      });
      if (!run) throw new DomainError("NOT_FOUND", `No segment push ${runId}.`);
      const pending = await db.prisma.customerGroupChange.findMany({
        where: { runId, undoneAt: null },
        select: { retailCustomerId: true },
        distinct: ["retailCustomerId"],
      });
      for (const { retailCustomerId } of pending) {
        await refreshMirrorCustomer(db, client, retailCustomerId);
      }
      const result = await undoTierSync(db, client, runId, {
        job: segmentPushJob,
        trigger: options.trigger,
        ...(options.logger ? { logger: options.logger } : {}),
        ...(options.now ? { now: options.now } : {}),
      });
      const leftAlone: Record<UndoSkipReason, number> = {
        "moved-since": 0,
        "no-previous-group": 0,
        deleted: 0,
        failed: 0,
      };
      for (const skip of result.skipped) leftAlone[skip.reason] += 1;
      return {
        runId,
        undone: result.undone,
        leftAlone,
        stopped: result.halted?.message ?? null,
      };
    }),
  );
}

/** The record as X-Series has it now, into the mirror by version; gone there: the undo says so. */
async function refreshMirrorCustomer(
  db: Pick<Database, "prisma">,
  client: Pick<LightspeedClient, "fetchCustomer">,
  retailCustomerId: string,
): Promise<void> {
  try {
    await writeRetailCustomers(db.prisma, [await client.fetchCustomer(retailCustomerId)]);
  } catch (error) {
    // A record deleted in X-Series: its undo PUT fails and is reported as such.
    if (isDomainError(error) && error.code === "NOT_FOUND") return;
    throw error;
  }
}

export interface SegmentPushSummary {
  runId: string;
  startedAt: Date;
  finishedAt: Date | null;
  status: string;
  segment: SegmentRef | null;
  group: PushGroup | null;
  applied: number;
  /** Changes of the push not undone yet: what Undo would still try. */
  undoable: number;
}

/** The latest pushes, newest first, with what an undo would still put back. */
export async function listSegmentPushes(
  db: Pick<Database, "prisma">,
  input: { limit: number },
): Promise<SegmentPushSummary[]> {
  const runs = await db.prisma.jobRun.findMany({
    where: { job: segmentPushJob },
    select: {
      id: true,
      startedAt: true,
      finishedAt: true,
      status: true,
      records: true,
      details: true,
    },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take: input.limit,
  });
  const pending = await db.prisma.customerGroupChange.groupBy({
    by: ["runId"],
    where: { runId: { in: runs.map((run) => run.id) }, undoneAt: null },
    _count: { _all: true },
  });
  const undoable = new Map(pending.map((row) => [row.runId, row._count._all]));
  return runs.map((run) => {
    const details = (run.details ?? {}) as { segment?: SegmentRef; group?: PushGroup };
    return {
      runId: run.id,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      status: run.status,
      segment: details.segment ?? null,
      group: details.group ?? null,
      applied: run.records,
      undoable: undoable.get(run.id) ?? 0,
    };
  });
}

/** Two runs changing X-Series groups at once would make (and log) the same changes twice. */
function exclusive<T>(outcome: { acquired: true; result: T } | { acquired: false }): T {
  if (!outcome.acquired) {
    throw new DomainError(
      "CONFLICT",
      "A segment push, tier sync or undo is changing customer groups; nothing was done. Try again when it has finished.",
    );
  }
  return outcome.result;
}
