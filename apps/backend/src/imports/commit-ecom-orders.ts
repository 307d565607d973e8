// One chunk of an import committed: new and changed orders written in one bulk transaction
// (Database.bulkTransaction: COPY and plain SQL on a driver session, not Prisma) together with
// the ImportRun counts, or, when nothing changed, only the counts. `beforeCommit` runs after
// the writes, before the counts and the commit: the importer makes chunks commit in file order
// there, and cancels (ChunkCancelled) those that must not commit after a stop. Orders of an erased
// person are scrubbed before anything is compared or written.
import type { BulkSession, Database } from "@greenloop/db";
import { prismaSql, rawQueryClient } from "@greenloop/db";
import { detachString, type ParsedEcomOrder } from "@greenloop/order-sync/csv";
import { jobLockKeys } from "../scheduler/job-lock-keys";
import { scrubErasedEcomOrders } from "./scrub-erased-ecom-orders";
import { writeEcomConsent } from "./write-ecom-consent";
import {
  type EcomOrderPlan,
  isUniqueViolation,
  type PreparedEcomOrder,
  planEcomOrders,
  readStoredHashes,
  type StoredEcomOrder,
  writeEcomOrders,
} from "./write-ecom-orders";

export interface ChunkOutcome {
  created: string[];
  updated: string[];
  unchanged: number;
  /** The created and updated orders. */
  orders: ParsedEcomOrder[];
}

/** The parser's running totals once this chunk is in (they only grow). */
export interface ChunkRows {
  rowsRead: number;
  rowsRejected: number;
}

type Client = Pick<BulkSession, "query">;

/** Thrown by `beforeCommit` to roll a chunk back: the import was stopped before it. */
export class ChunkCancelled extends Error {
  constructor() {
    super("chunk cancelled: the import stopped before it");
  }
}

export interface CommitChunkOptions {
  importRunId: string;
  /** Recorded in ImportRun.format (the parser's, once known). */
  format: string;
  rows: ChunkRows;
  beforeCommit: () => Promise<void>;
}

export async function commitChunk(
  db: Pick<Database, "prisma" | "bulkTransaction">,
  original: PreparedEcomOrder[],
  options: CommitChunkOptions,
): Promise<ChunkOutcome> {
  // A first look outside any transaction: an unchanged chunk (a re-import) needs none.
  const numbers = original.map((p) => p.order.orderNumber);
  const stored = await readStoredHashes(prismaSql(db.prisma), numbers);
  // An erased person's orders go in scrubbed, hashed like the scrubbed stored copy.
  const chunk = await scrubErasedEcomOrders(db.prisma, original, stored);
  const seen = planEcomOrders(chunk, stored);
  if (seen.create.length === 0 && seen.update.length === 0) {
    await options.beforeCommit();
    // Unchanged orders may carry a changed marketing answer (not hashed): written if so.
    await writeEcomConsent(prismaSql(db.prisma), chunk);
    await addToImportRun(prismaSql(db.prisma), options, [0, 0, seen.unchanged.length]);
    return { created: [], updated: [], unchanged: seen.unchanged.length, orders: [] };
  }
  try {
    // Only new orders: the COPY needs no second look (it fails if another import was faster).
    return await writeChunk(db, chunk, stored, options, {
      plan: seen.update.length === 0 ? seen : null,
      newOrders: "insert",
    });
  } catch (error) {
    // Another import stored some of these orders meanwhile: once more with the upsert, which
    // counts them as unchanged (or updates them).
    if (!isUniqueViolation(error)) throw error;
    return writeChunk(db, chunk, stored, options, { plan: null, newOrders: "upsert" });
  }
}

async function writeChunk(
  db: Pick<Database, "bulkTransaction">,
  scrubbed: PreparedEcomOrder[],
  stored: Map<string, StoredEcomOrder>,
  options: CommitChunkOptions,
  how: { plan: EcomOrderPlan | null; newOrders: "insert" | "upsert" },
): Promise<ChunkOutcome> {
  const { importRunId } = options;
  return db.bulkTransaction(async (tx) => {
    // An erasure that committed since the chunk was scrubbed: look again, now that none can
    // commit until this transaction does (it waits for this lock; see erase-customer.ts).
    await tx.query("SELECT pg_advisory_xact_lock_shared($1)::text", [jobLockKeys.erasure]);
    const chunk = await scrubErasedEcomOrders(rawQueryClient(tx), scrubbed, stored);
    const plan =
      (chunk === scrubbed ? how.plan : null) ??
      planEcomOrders(
        chunk,
        await readStoredHashes(
          tx,
          chunk.map((p) => p.order.orderNumber),
        ),
      );
    const written = await writeEcomOrders(tx, plan, importRunId, { newOrders: how.newOrders });
    await writeEcomConsent(tx, chunk);
    const unchanged = plan.unchanged.length + written.skipped;
    await options.beforeCommit();
    await addToImportRun(tx, options, [written.created.length, written.updated.length, unchanged]);
    const changed = new Set([...written.created, ...written.updated]);
    return {
      created: written.created,
      updated: written.updated,
      unchanged,
      orders: chunk.filter((p) => changed.has(p.order.orderNumber)).map((p) => p.order),
    };
  });
}

/**
 * Adds the chunk's counts (the row totals only grow), so the order of commits does not matter,
 * and renews the run's heartbeat: a committed chunk is a sign of life.
 */
async function addToImportRun(
  client: Client,
  { importRunId, format, rows }: CommitChunkOptions,
  [created, updated, unchanged]: [number, number, number],
): Promise<void> {
  await client.query(
    `UPDATE "ImportRun" SET format = $2,
       "rowsTotal" = GREATEST("rowsTotal", $3), "rowsRejected" = GREATEST("rowsRejected", $4),
       "ordersCreated" = "ordersCreated" + $5, "ordersUpdated" = "ordersUpdated" + $6,
       "ordersUnchanged" = "ordersUnchanged" + $7, "heartbeatAt" = now()
     WHERE id = $1::uuid`,
    [importRunId, format, rows.rowsRead, rows.rowsRejected, created, updated, unchanged],
  );
}

/** What a chunk would change, writing nothing; `seen` carries what earlier chunks would write. */
export async function planDryRun(
  db: Pick<Database, "prisma">,
  original: PreparedEcomOrder[],
  seen: Map<string, string>,
): Promise<ChunkOutcome> {
  const stored = await readStoredHashes(
    prismaSql(db.prisma),
    original.map((p) => p.order.orderNumber).filter((n) => !seen.has(n)),
  );
  const chunk = await scrubErasedEcomOrders(db.prisma, original, stored);
  const hashes = new Map<string, { contentHash: string }>();
  for (const p of chunk) {
    const n = p.order.orderNumber;
    const hash = seen.get(n) ?? stored.get(n)?.contentHash;
    if (hash !== undefined) hashes.set(n, { contentHash: hash });
  }
  const plan: EcomOrderPlan = planEcomOrders(chunk, hashes);
  for (const p of chunk) seen.set(detachString(p.order.orderNumber), p.contentHash);
  return {
    created: plan.create.map((p) => p.order.orderNumber),
    updated: plan.update.map((p) => p.order.orderNumber),
    unchanged: plan.unchanged.length,
    orders: [...plan.create, ...plan.update].map((p) => p.order),
  };
}
