// The tier sync back to X-Series: puts each customer's X-Series records in the customer group of
// their loyalty tier (or First Time Buyer). Planned from the mirror, so only what differs is sent;
// every change is logged per run (`CustomerGroupChange`) so a run can be reviewed and undone.
import { randomUUID } from "node:crypto";
import type { Database, Prisma } from "@greenloop/db";
import { DomainError, type DomainErrorCode, isDomainError } from "@greenloop/order-sync/errors";
import type {
  Customer,
  CustomerGroup,
  LightspeedClient,
  ParsedRecord,
} from "@greenloop/order-sync/lightspeed";
import { writeRetailCustomers } from "../ingestion/retail-mirror";
import type { Logger } from "../logger";
import { eachCustomerOfRows, liveCustomersWithRetailRecordsSql } from "./live-customer-records-sql";
import { resolveTierGroups } from "./tier-sync-groups";

/** `JobRun.job` of an applied run (its `JobRun.id` is the run id) and of an undo. */
export const tierSyncJob = "tier-sync";
export const tierSyncUndoJob = "tier-sync.undo";

export interface PlannedGroupChange {
  /** The canonical customer. */
  customerId: string;
  /** The X-Series customer record whose group changes. */
  retailCustomerId: string;
  /** Its group in the mirror when planned; null when it had none. */
  fromGroupId: string | null;
  toGroupId: string;
  /** `tier:<Tier>` or `first-time-buyer`. */
  reason: string;
}

export interface TierSyncPlan {
  /** In customer id, then X-Series id order. */
  changes: PlannedGroupChange[];
  /** Live canonical customers with metrics. */
  customers: number;
  /** Customers with no target group: no tier, or a tier TIER_GROUPS does not map. */
  skipped: number;
  skippedByReason: { noTier: number; unmappedTier: Record<string, number> };
  /** X-Series customer records already in their target group. */
  unchanged: number;
  /** Customers with a target group but no live X-Series record (eCom only). */
  withoutRetailCustomer: number;
  /** Planned changes by target group name. */
  byGroup: Record<string, number>;
  /** Group id → name (the id when it has none), for reports. */
  groupNames: Record<string, string>;
}

export interface PlanTierSyncOptions {
  /** The store's customer groups (`fetchCustomerGroups()`). */
  groups: readonly CustomerGroup[];
  /** Tier or `FirstTimeBuyer` → group id or name (`env.tierGroups`). */
  tierGroups: Readonly<Record<string, string>>;
}

interface PlanRow {
  customerId: string;
  tier: string | null;
  isFirstTimeBuyer: boolean;
  retailCustomerId: string | null;
  customerGroupId: string | null;
}

/** A plan with nothing in it yet, naming these groups: where a tier sync or a segment push starts. */
export function emptyTierSyncPlan(groupNames: ReadonlyMap<string, string>): TierSyncPlan {
  return {
    changes: [],
    customers: 0,
    skipped: 0,
    skippedByReason: { noTier: 0, unmappedTier: {} },
    unchanged: 0,
    withoutRetailCustomer: 0,
    byGroup: {},
    groupNames: Object.fromEntries(groupNames),
  };
}

export async function planTierSync(
  db: Pick<Database, "prisma">,
  options: PlanTierSyncOptions,
): Promise<TierSyncPlan> {
  const targets = resolveTierGroups(options.tierGroups, options.groups);
  // One row per live customer (of the segment) and each of its live X-Series records, or one row
  // with none.
  const rows = await db.prisma.$queryRawUnsafe<PlanRow[]>(
    `SELECT c.id::text AS "customerId", m.tier, m."isFirstTimeBuyer",
            rc.id AS "retailCustomerId", rc."customerGroupId"
       ${liveCustomersWithRetailRecordsSql}
      ORDER BY c.id, rc.id`,
  );

  const plan = emptyTierSyncPlan(targets.names);
  const groupName = (id: string) => targets.names.get(id) ?? id;
  for (const { first, records } of eachCustomerOfRows(rows)) {
    plan.customers += 1;

    const target = targetOf(first, targets);
    if ("skip" in target) {
      plan.skipped += 1;
      if (target.skip === null) plan.skippedByReason.noTier += 1;
      else {
        const unmapped = plan.skippedByReason.unmappedTier;
        unmapped[target.skip] = (unmapped[target.skip] ?? 0) + 1;
      }
      continue;
    }
    if (records.length === 0) plan.withoutRetailCustomer += 1;
    for (const record of records) {
      if (record.customerGroupId === target.groupId) {
        plan.unchanged += 1;
        continue;
      }
      plan.changes.push({
        customerId: first.customerId,
        retailCustomerId: record.retailCustomerId as string,
        fromGroupId: record.customerGroupId,
        toGroupId: target.groupId,
        reason: target.reason,
      });
      const name = groupName(target.groupId);
      plan.byGroup[name] = (plan.byGroup[name] ?? 0) + 1;
    }
  }
  return plan;
}

function targetOf(
  row: PlanRow,
  targets: ReturnType<typeof resolveTierGroups>,
): { groupId: string; reason: string } | { skip: string | null } {
  if (row.isFirstTimeBuyer && targets.firstTimeBuyer !== undefined) {
    return { groupId: targets.firstTimeBuyer, reason: "first-time-buyer" };
  }
  if (row.tier === null || row.tier === "") return { skip: null };
  const groupId = targets.byTier.get(row.tier.toLowerCase());
  return groupId === undefined ? { skip: row.tier } : { groupId, reason: `tier:${row.tier}` };
}

export interface TierSyncFailure {
  customerId: string;
  /** Lightspeed's answer (X-Series ids and status, no personal data). */
  message: string;
}

export interface ApplyTierSyncOptions {
  /** Stops after the change in flight (that one completes and is recorded). */
  signal?: AbortSignal;
  logger?: Logger;
  /** Make at most this many changes (the first ones of the plan). */
  limit?: number;
  /** `JobRun.trigger`; default "cli". */
  trigger?: string;
  /** `JobRun.job` of the run; default `tierSyncJob` (a segment push records its own). */
  job?: string;
  /** Kept in `JobRun.details` beside the counts (what a segment push pushed where). */
  details?: Prisma.InputJsonObject;
  /** After each change attempted. */
  onProgress?: (progress: { attempted: number; total: number }) => void;
  /** The clock the run's `JobRun` is stamped with (the server's); default: the wall clock. */
  now?: () => Date;
}

export interface TierSyncRunResult {
  /** `CustomerGroupChange.runId` and the run's `JobRun.id`: what `undoTierSync` takes. */
  runId: string;
  applied: number;
  errors: TierSyncFailure[];
  /** Planned changes not attempted (over the limit, or after an interruption or a halt). */
  notAttempted: number;
  interrupted: boolean;
  /** A failure that would repeat for every change (auth, Lightspeed down): the run stopped. */
  halted: { code: DomainErrorCode; message: string } | null;
}

export async function applyTierSync(
  db: Pick<Database, "prisma">,
  client: Pick<LightspeedClient, "setCustomerGroup">,
  plan: TierSyncPlan,
  options: ApplyTierSyncOptions = {},
): Promise<TierSyncRunResult> {
  const { signal, logger } = options;
  const runId = randomUUID();
  const changes = options.limit === undefined ? plan.changes : plan.changes.slice(0, options.limit);
  const now = options.now ?? (() => new Date());
  await db.prisma.jobRun.create({
    data: {
      id: runId,
      startedAt: now(),
      job: options.job ?? tierSyncJob,
      trigger: options.trigger ?? "cli",
      details: { ...options.details, planned: plan.changes.length, limit: options.limit ?? null },
    },
    select: { id: true },
  });

  const result: TierSyncRunResult = {
    runId,
    applied: 0,
    errors: [],
    notAttempted: 0,
    interrupted: false,
    halted: null,
  };
  let attempted = 0;
  try {
    for (const change of changes) {
      if (signal?.aborted) {
        result.interrupted = true;
        break;
      }
      attempted += 1;
      // No signal on the request: an abandoned PUT may or may not have been applied, and a
      // change made but not recorded could not be undone.
      const outcome = await callLightspeed(() =>
        client.setCustomerGroup({
          customerId: change.retailCustomerId,
          customerGroupId: change.toGroupId,
        }),
      );
      if (!outcome.ok) {
        result.errors.push({ customerId: change.customerId, message: outcome.message });
        logger?.warn(
          { customerId: change.customerId, retailCustomerId: change.retailCustomerId, ...outcome },
          "tier sync could not change a customer group",
        );
        if (outcome.halt) {
          result.halted = { code: outcome.code, message: outcome.message };
          break;
        }
      } else {
        await recordChange(db, runId, change, outcome.value, logger);
        result.applied += 1;
      }
      options.onProgress?.({ attempted, total: changes.length });
    }
  } catch (error) {
    await finishJobRun(db, runId, now(), {
      status: "FAILED",
      error: error instanceof Error ? error.message : String(error),
      records: result.applied,
      errors: result.errors.length,
      details: { ...options.details, ...runDetails(plan, result, attempted) },
    });
    throw error;
  }
  result.notAttempted = plan.changes.length - attempted;

  await finishJobRun(db, runId, now(), {
    status: result.interrupted || result.halted ? "FAILED" : "SUCCEEDED",
    error: result.halted
      ? `stopped: ${result.halted.message}`
      : result.interrupted
        ? `interrupted after ${attempted} of ${changes.length} change(s)`
        : null,
    records: result.applied,
    errors: result.errors.length,
    details: { ...options.details, ...runDetails(plan, result, attempted) },
  });
  logger?.info(
    {
      job: options.job ?? tierSyncJob,
      runId,
      applied: result.applied,
      errors: result.errors.length,
      planned: plan.changes.length,
    },
    `${options.job ?? tierSyncJob} run finished`,
  );
  return result;
}

function runDetails(plan: TierSyncPlan, result: TierSyncRunResult, attempted: number) {
  return {
    planned: plan.changes.length,
    attempted,
    applied: result.applied,
    errors: result.errors.length,
    skipped: plan.skipped,
    unchanged: plan.unchanged,
    byGroup: plan.byGroup,
    interrupted: result.interrupted,
    haltedBy: result.halted?.code ?? null,
    firstErrors: result.errors
      .slice(0, maxErrorDetails)
      .map(({ customerId, message }) => ({ customerId, message })),
  };
}

/** The change log row and the mirror in one transaction, so a re-run plans nothing for it. */
async function recordChange(
  db: Pick<Database, "prisma">,
  runId: string,
  change: PlannedGroupChange,
  updated: ParsedRecord<Customer>,
  logger: Logger | undefined,
): Promise<void> {
  try {
    await db.prisma.$transaction(async (tx) => {
      await tx.customerGroupChange.create({ data: { runId, ...change }, select: { id: true } });
      await writeMirrorGroup(tx, updated, change.toGroupId);
    });
  } catch (error) {
    // Lightspeed has the change; without the row it cannot be undone. Say exactly what it was.
    logger?.error(
      { err: error, runId, ...change },
      "a customer group was changed in X-Series but could not be recorded",
    );
    throw error;
  }
}

/**
 * The updated record goes into the mirror by version like any poll would; the group is then set
 * explicitly in case the answer did not carry a newer version.
 */
async function writeMirrorGroup(
  tx: Prisma.TransactionClient,
  updated: ParsedRecord<Customer>,
  groupId: string,
): Promise<void> {
  await writeRetailCustomers(tx, [updated]);
  await tx.retailCustomer.updateMany({
    where: { id: updated.data.id },
    data: { customerGroupId: updated.data.customer_group_id ?? groupId },
  });
}

export interface UndoTierSyncOptions {
  /** Stops after the change in flight. */
  signal?: AbortSignal;
  logger?: Logger;
  trigger?: string;
  /** `JobRun.job` of the run to undo; default `tierSyncJob`. The undo is recorded as `<job>.undo`. */
  job?: string;
  /** The clock the undo's `JobRun` and `undoneAt` are stamped with; default: the wall clock. */
  now?: () => Date;
}

export type UndoSkipReason = "no-previous-group" | "moved-since" | "deleted" | "failed";

export interface UndoTierSyncResult {
  runId: string;
  undone: number;
  skipped: Array<{
    customerId: string;
    retailCustomerId: string;
    reason: UndoSkipReason;
    message?: string;
  }>;
  interrupted: boolean;
  halted: { code: DomainErrorCode; message: string } | null;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Puts every change of the run that is not undone yet back to its previous group, unless the
 * X-Series customer has been moved since (by someone else, or a later run: undo that one first).
 */
export async function undoTierSync(
  db: Pick<Database, "prisma">,
  client: Pick<LightspeedClient, "setCustomerGroup">,
  runId: string,
  options: UndoTierSyncOptions = {},
): Promise<UndoTierSyncResult> {
  const { signal, logger } = options;
  const job = options.job ?? tierSyncJob;
  const runName = job === tierSyncJob ? "tier sync run" : `${job} run`;
  if (!uuidPattern.test(runId)) {
    throw new DomainError("BAD_INPUT", `A ${runName} id is a UUID (got "${runId}").`);
  }
  const [run, changeCount] = await Promise.all([
    db.prisma.jobRun.findFirst({ where: { id: runId, job }, select: { id: true } }),
    // Another job's run id must not undo through its change rows alone (a tier sync's changes
    // are not a segment push's); the tier sync keeps its own lookup.
    job === tierSyncJob ? db.prisma.customerGroupChange.count({ where: { runId } }) : 0,
  ]);
  if (!run && changeCount === 0) {
    throw new DomainError("NOT_FOUND", `No ${runName} ${runId}.`);
  }
  const changes = await db.prisma.customerGroupChange.findMany({
    where: { runId, undoneAt: null },
    select: {
      id: true,
      customerId: true,
      retailCustomerId: true,
      fromGroupId: true,
      toGroupId: true,
    },
    orderBy: [{ appliedAt: "asc" }, { retailCustomerId: "asc" }],
  });
  const now = options.now ?? (() => new Date());
  const { id: undoRunId } = await db.prisma.jobRun.create({
    data: {
      startedAt: now(),
      job: job === tierSyncJob ? tierSyncUndoJob : `${job}.undo`,
      trigger: options.trigger ?? "cli",
      details: { runId },
    },
    select: { id: true },
  });

  const result: UndoTierSyncResult = {
    runId,
    undone: 0,
    skipped: [],
    interrupted: false,
    halted: null,
  };
  const details = () => ({
    runId,
    pending: changes.length,
    undone: result.undone,
    skipped: result.skipped.length,
    skippedByReason: countBy(result.skipped.map((skip) => skip.reason)),
    interrupted: result.interrupted,
    haltedBy: result.halted?.code ?? null,
  });
  try {
    for (const change of changes) {
      if (signal?.aborted) {
        result.interrupted = true;
        break;
      }
      const skip = (reason: UndoSkipReason, message?: string) =>
        result.skipped.push({
          customerId: change.customerId,
          retailCustomerId: change.retailCustomerId,
          reason,
          ...(message === undefined ? {} : { message }),
        });
      if (change.fromGroupId === null) {
        skip("no-previous-group");
        continue;
      }
      const mirror = await db.prisma.retailCustomer.findUnique({
        where: { id: change.retailCustomerId },
        select: { customerGroupId: true, deletedAt: true },
      });
      if (!mirror || mirror.deletedAt) {
        skip("deleted");
        continue;
      }
      if (mirror.customerGroupId !== change.toGroupId) {
        skip("moved-since");
        continue;
      }
      const outcome = await callLightspeed(() =>
        client.setCustomerGroup({
          customerId: change.retailCustomerId,
          customerGroupId: change.fromGroupId as string,
        }),
      );
      if (!outcome.ok) {
        skip("failed", outcome.message);
        logger?.warn(
          { customerId: change.customerId, retailCustomerId: change.retailCustomerId, ...outcome },
          "tier sync undo could not change a customer group",
        );
        if (outcome.halt) {
          result.halted = { code: outcome.code, message: outcome.message };
          break;
        }
        continue;
      }
      const fromGroupId = change.fromGroupId;
      await db.prisma.$transaction(async (tx) => {
        await tx.customerGroupChange.update({
          where: { id: change.id },
          data: { undoneAt: now() },
          select: { id: true },
        });
        await writeMirrorGroup(tx, outcome.value, fromGroupId);
      });
      result.undone += 1;
    }
  } catch (error) {
    await finishJobRun(db, undoRunId, now(), {
      status: "FAILED",
      error: error instanceof Error ? error.message : String(error),
      records: result.undone,
      errors: result.skipped.filter((skip) => skip.reason === "failed").length,
      details: details(),
    });
    throw error;
  }

  await finishJobRun(db, undoRunId, now(), {
    status: result.interrupted || result.halted ? "FAILED" : "SUCCEEDED",
    error: result.halted
      ? `stopped: ${result.halted.message}`
      : result.interrupted
        ? "interrupted"
        : null,
    records: result.undone,
    errors: result.skipped.filter((skip) => skip.reason === "failed").length,
    details: details(),
  });
  return result;
}

/** Failures that would repeat for every customer: the run stops instead of hammering on. */
const perCustomerCodes = new Set<DomainErrorCode>([
  "BAD_INPUT",
  "NOT_FOUND",
  "CONFLICT",
  "INTERNAL",
]);
const maxMessageLength = 300;
const maxErrorDetails = 20;

type CallOutcome<T> =
  | { ok: true; value: T }
  | { ok: false; code: DomainErrorCode; message: string; halt: boolean };

async function callLightspeed<T>(call: () => Promise<T>): Promise<CallOutcome<T>> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    const code: DomainErrorCode = isDomainError(error) ? error.code : "INTERNAL";
    const text = error instanceof Error ? error.message : String(error);
    const message = text.length > maxMessageLength ? `${text.slice(0, maxMessageLength)}…` : text;
    return { ok: false, code, message, halt: !isDomainError(error) || !perCustomerCodes.has(code) };
  }
}

async function finishJobRun(
  db: Pick<Database, "prisma">,
  id: string,
  finishedAt: Date,
  outcome: {
    status: "SUCCEEDED" | "FAILED";
    error: string | null;
    records: number;
    errors: number;
    details: Prisma.InputJsonObject;
  },
): Promise<void> {
  await db.prisma.jobRun.update({
    where: { id },
    data: { ...outcome, finishedAt },
    select: { id: true },
  });
}

function countBy(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
