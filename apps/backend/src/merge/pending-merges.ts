// The durable hand-off from the X-Series mirror to the merge (`PendingMerge`): every mirror write
// records the rows it changed in its own transaction, and a merge that takes them in deletes them
// in its own. Whatever the mirror committed is therefore merged even when the call after the
// commit failed (the process died, the database went away for a moment): the next drain, from the
// change handler or the scheduled retry seconds later, finds it.
import { type Database, pgPlainArray, pgTextArray, type RawSqlClient } from "@greenloop/db";
import {
  addMergeResult,
  inBulkMergeTransaction,
  type MergeResult,
  mergeInTransaction,
  noMergeChanges,
} from "./merge-changes";
import type { MergeRules } from "./merge-rules";

export type PendingMergeKind = "sale" | "customer";

/** Records mirror rows a write changed; call it in the write's transaction. */
export async function recordPendingMerges(
  client: Pick<RawSqlClient, "$executeRawUnsafe">,
  kind: PendingMergeKind,
  recordIds: readonly string[],
): Promise<void> {
  if (recordIds.length === 0) return;
  await client.$executeRawUnsafe(
    `INSERT INTO "PendingMerge" (kind, "recordId") SELECT $1, unnest($2::text[])`,
    kind,
    pgTextArray(recordIds),
  );
}

export interface DrainResult extends MergeResult {
  /** Pending rows taken in (a record changed twice counts twice). */
  pending: number;
}

/** Rows merged per transaction: bounds one merge's work and its lock. */
const DRAIN_CHUNK = 2_000;

/**
 * Merges every pending mirror change, oldest first, a chunk per merge transaction; each chunk's
 * rows are deleted in the transaction that merged them. Concurrent drains may merge a record
 * twice (merging is idempotent); none leaves a change behind.
 */
export async function drainPendingMerges(
  db: Pick<Database, "prisma" | "bulkTransaction">,
  rules: MergeRules,
  options: { chunk?: number } = {},
): Promise<DrainResult> {
  const chunk = options.chunk ?? DRAIN_CHUNK;
  const total: DrainResult = { pending: 0, ...noMergeChanges() };
  for (;;) {
    const rows = await db.prisma.$queryRawUnsafe<
      Array<{ id: string; kind: PendingMergeKind; recordId: string }>
    >(
      `SELECT id::text AS id, kind, "recordId" FROM "PendingMerge" ORDER BY id LIMIT $1::int`,
      chunk,
    );
    if (rows.length === 0) return total;
    const ids = (kind: PendingMergeKind) => [
      ...new Set(rows.filter((row) => row.kind === kind).map((row) => row.recordId)),
    ];
    const result: MergeResult = await inBulkMergeTransaction(db, async (tx) => {
      const merged = await mergeInTransaction(
        tx,
        { saleIds: ids("sale"), retailCustomerIds: ids("customer") },
        rules,
      );
      await tx.$executeRawUnsafe(
        `DELETE FROM "PendingMerge" WHERE id = ANY($1::bigint[])`,
        pgPlainArray(rows.map((row) => row.id)),
      );
      return merged;
    });
    total.pending += rows.length;
    addMergeResult(total, result);
    if (rows.length < chunk) return total;
  }
}
