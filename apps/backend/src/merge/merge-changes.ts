// The merge step: what the ingestion paths (webhook worker, poller, eCom import) hand over after
// committing mirror rows. Orders first (one per real order), then the identity graph (one customer
// per person). One transaction, one merge at a time (a transaction-scoped advisory lock), and
// idempotent: merging the same changes twice changes nothing the second time.
import { type Database, type Prisma, type RawSqlClient, rawQueryClient } from "@greenloop/db";
import { jobLockKeys } from "../scheduler/job-lock-keys";
import { reportMergeFinished } from "../telemetry/pipeline-events";
import { retailCustomerRecords, saveIdentityRecords } from "./identity-record-store";
import type { MergeRules } from "./merge-rules";
import { rebuildOrders, writeOrders } from "./rebuild-orders";
import { resolveCustomers } from "./resolve-customers";

export interface MergeChanges {
  saleIds?: readonly string[];
  retailCustomerIds?: readonly string[];
  ecomOrderNumbers?: readonly string[];
}

export interface MergeResult {
  /** Canonical orders created, changed or deleted. */
  ordersChanged: number;
  /** Identity records whose identifiers changed (the resolution's seeds). */
  recordsChanged: number;
  /** Records re-resolved (the seeds and everything connected to them). */
  recordsResolved: number;
  customersTouched: number;
  customersCreated: number;
  customersMerged: number;
}

/** A merge that changed nothing: where a sum of several merges starts. */
export function noMergeChanges(): MergeResult {
  return {
    ordersChanged: 0,
    recordsChanged: 0,
    recordsResolved: 0,
    customersTouched: 0,
    customersCreated: 0,
    customersMerged: 0,
  };
}

/** Adds `result` into `total`, field by field. */
export function addMergeResult(total: MergeResult, result: MergeResult): void {
  for (const key of Object.keys(result) as Array<keyof MergeResult>) total[key] += result[key];
}

type Tx = Prisma.TransactionClient;

export function mergeChanges(
  db: Pick<Database, "bulkTransaction">,
  changes: MergeChanges,
  rules: MergeRules,
): Promise<MergeResult> {
  return inBulkMergeTransaction(db, (sql) => mergeInTransaction(sql, changes, rules));
}

/**
 * `inMergeTransaction` on a driver session of its own (`Database.bulkTransaction`), for the merge's
 * own statements, which are all raw SQL: Prisma's raw-query path costs CPU per parameter and
 * result row, and its query compiler's WebAssembly memory grows to the biggest statement it has
 * seen and never shrinks (an import's 20,000-order merges left the CLI at 1.5 GB).
 */
export function inBulkMergeTransaction<T>(
  db: Pick<Database, "bulkTransaction">,
  work: (sql: RawSqlClient) => Promise<T>,
): Promise<T> {
  return db.bulkTransaction(async (session) => {
    await session.query("SELECT pg_advisory_xact_lock($1)::text", [jobLockKeys.merge]);
    return work(rawQueryClient(session));
  });
}

/**
 * One Prisma transaction holding the merge lock, for the operator's split, merge and erasure, which
 * use Prisma's models: merges never interleave, whoever starts them.
 */
export function inMergeTransaction<T>(
  db: Pick<Database, "prisma">,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  return db.prisma.$transaction(
    async (tx) => {
      await tx.$queryRawUnsafe("SELECT pg_advisory_xact_lock($1)::text", jobLockKeys.merge);
      return work(tx);
    },
    { maxWait: 60_000, timeout: 10 * 60_000 },
  );
}

/** The merge itself, in a transaction that holds the merge lock (`inBulkMergeTransaction`). */
export async function mergeInTransaction(
  tx: RawSqlClient,
  changes: MergeChanges,
  rules: MergeRules,
): Promise<MergeResult> {
  // Measured from here: the merge's own work, not the wait for the lock.
  const started = performance.now();
  const orders = await rebuildOrders(
    tx,
    { saleIds: changes.saleIds ?? [], ecomOrderNumbers: changes.ecomOrderNumbers ?? [] },
    rules,
  );
  const customers = await retailCustomerRecords(tx, changes.retailCustomerIds ?? [], rules);
  const saved = await saveIdentityRecords(
    tx,
    [...orders.records, ...customers.records],
    [...orders.removedRecordKeys, ...customers.removedRecordKeys],
  );
  const resolved = await resolveCustomers(
    tx,
    { recordKeys: saved.changedKeys, customerIds: saved.previousCustomerIds },
    rules,
  );
  const changedOrderKeys = [
    ...(await writeOrders(tx, orders.orders, resolved.customerOfRecord)),
    ...orders.deletedKeys,
  ];
  // An order left with nothing to identify anyone by (a walk-in sale) belongs to no customer.
  const erased = new Set(orders.erasedOrders.map((order) => order.key));
  const anonymous = orders.removedRecordKeys
    .map((key) => key.slice("order:".length))
    .filter((key) => !erased.has(key));
  if (anonymous.length > 0) {
    await tx.$executeRawUnsafe(
      `UPDATE "Order" SET "customerId" = NULL WHERE key = ANY($1::text[]) AND "customerId" IS NOT NULL`,
      anonymous,
    );
  }
  // An erased person's order stays with (or joins) their erased customer: out of every lookup,
  // still in the store's totals.
  if (orders.erasedOrders.length > 0) {
    await tx.$executeRawUnsafe(
      `WITH moved AS (
         UPDATE "Order" o SET "customerId" = e."customerId", "updatedAt" = now()
           FROM unnest($1::text[], $2::uuid[]) AS t(key, erasure)
           JOIN "Erasure" e ON e.id = t.erasure
          WHERE o.key = t.key AND o."customerId" IS DISTINCT FROM e."customerId"
          RETURNING o."customerId")
       UPDATE "Customer" SET "metricsDirtyAt" = now()
        WHERE id IN (SELECT "customerId" FROM moved)`,
      orders.erasedOrders.map((order) => order.key),
      orders.erasedOrders.map((order) => order.erasureId),
    );
  }
  // Orders whose figures changed without any identity change still change their customer's numbers.
  if (changedOrderKeys.length > 0) {
    await tx.$executeRawUnsafe(
      `UPDATE "Customer" SET "metricsDirtyAt" = now()
        WHERE id IN (SELECT "customerId" FROM "Order" WHERE key = ANY($1::text[]))`,
      changedOrderKeys,
    );
  }
  reportMergeFinished({ seconds: (performance.now() - started) / 1000 });
  return {
    ordersChanged: changedOrderKeys.length,
    recordsChanged: saved.changedKeys.length,
    recordsResolved: resolved.recordsResolved,
    customersTouched: resolved.customersTouched.length,
    customersCreated: resolved.customersCreated,
    customersMerged: resolved.customersMerged,
  };
}
