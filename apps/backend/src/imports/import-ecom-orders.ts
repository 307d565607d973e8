// Imports parsed eCom orders into EcomOrder/EcomOrderItem, batch by batch: each batch is one
// transaction (read stored hashes, upsert what is new or changed, record the changes, update the
// ImportRun counts), so a crash or Ctrl-C leaves whole batches and a re-run finishes the job.
import type { Database } from "@greenloop/db";
import type { EcomCsvBatch, EcomCsvIssue, ParsedEcomOrder } from "@greenloop/order-sync/csv";
import type { Logger } from "../logger";
import { hashEcomOrder } from "./ecom-order-hash";
import type { OnEcomOrdersChanged } from "./ecom-orders-changed";
import {
  type EcomOrderPlan,
  type PreparedEcomOrder,
  planEcomOrders,
  readStoredHashes,
  writeEcomOrders,
} from "./write-ecom-orders";

/** Issues kept in memory, returned and stored in ImportRun.errorReport; the rest are counted. */
export const MAX_REPORTED_ISSUES = 1_000;
/** Orders per transaction: big enough for set-based statements, small enough to keep locks short. */
export const DEFAULT_ORDERS_PER_TRANSACTION = 2_000;

export interface ImportFile {
  name: string;
  /** Known up front, or read once the source is exhausted (a hash computed while streaming). */
  sha256: string | (() => string);
  bytes: number | (() => number);
}

export interface ImportProgress {
  rowsRead: number;
  rowsRejected: number;
  ordersCreated: number;
  ordersUpdated: number;
  ordersUnchanged: number;
}

export interface ImportEcomOrdersOptions {
  db: Pick<Database, "prisma">;
  source: AsyncIterable<EcomCsvBatch>;
  file: ImportFile;
  format: string;
  /** Compare with what is stored and count, writing nothing (not even an ImportRun). */
  dryRun?: boolean;
  onProgress?: (progress: ImportProgress) => void;
  /** Called after each committed batch with the created and updated order numbers. */
  onEcomOrdersChanged?: OnEcomOrdersChanged;
  /** Aborted: stop after the current batch (what was committed stays). */
  signal?: AbortSignal;
  ordersPerTransaction?: number;
  logger?: Pick<Logger, "warn">;
}

export interface ImportEcomOrdersResult extends ImportProgress {
  /** null on a dry run. */
  importRunId: string | null;
  /** The first MAX_REPORTED_ISSUES issues; `errorsTotal` counts them all. */
  errors: EcomCsvIssue[];
  errorsTotal: number;
  /** Distinct customer keys (lower-cased email, else phone) among created and updated orders. */
  customersTouched: number;
  dryRun: boolean;
  /** The signal stopped the import before the end of the file. */
  interrupted: boolean;
  onEcomOrdersChangedFailures: number;
  durationMs: number;
}

export async function importEcomOrders(
  options: ImportEcomOrdersOptions,
): Promise<ImportEcomOrdersResult> {
  const started = performance.now();
  const { db, signal } = options;
  const dryRun = options.dryRun === true;
  const perTransaction = options.ordersPerTransaction ?? DEFAULT_ORDERS_PER_TRANSACTION;
  const result: ImportEcomOrdersResult = {
    importRunId: null,
    rowsRead: 0,
    rowsRejected: 0,
    ordersCreated: 0,
    ordersUpdated: 0,
    ordersUnchanged: 0,
    errors: [],
    errorsTotal: 0,
    customersTouched: 0,
    dryRun,
    interrupted: false,
    onEcomOrdersChangedFailures: 0,
    durationMs: 0,
  };
  const customers = new Set<string>();
  // Dry run only: what this run would already have written, so a repeat within the file counts right.
  const seenInDryRun = new Map<string, string>();

  const known = (value: string | (() => string)) => (typeof value === "string" ? value : "");
  const knownBytes = (value: number | (() => number)) => (typeof value === "number" ? value : 0);
  if (!dryRun) {
    const run = await db.prisma.importRun.create({
      data: {
        format: options.format,
        fileName: options.file.name,
        fileSha256: known(options.file.sha256),
        fileBytes: BigInt(knownBytes(options.file.bytes)),
      },
      select: { id: true },
    });
    result.importRunId = run.id;
  }
  const importRunId = result.importRunId;

  try {
    if (!signal?.aborted) {
      for await (const batch of options.source) {
        collectIssues(result, batch.rejected);
        const prepared = prepare(batch.orders, result);
        for (let start = 0; start < prepared.length || start === 0; start += perTransaction) {
          const chunk = prepared.slice(start, start + perTransaction);
          const last = start + perTransaction >= prepared.length;
          const counts = last
            ? { rowsRead: batch.rowsRead, rowsRejected: batch.rowsRejected }
            : { rowsRead: result.rowsRead, rowsRejected: result.rowsRejected };
          const changed =
            importRunId === null
              ? await planDryRun(db, chunk, seenInDryRun)
              : await commitChunk(db, chunk, importRunId, result, counts);
          result.rowsRead = counts.rowsRead;
          result.rowsRejected = counts.rowsRejected;
          result.ordersCreated += changed.created.length;
          result.ordersUpdated += changed.updated.length;
          result.ordersUnchanged += changed.unchanged;
          for (const order of changed.orders) {
            const key = customerKey(order);
            if (key) customers.add(key);
          }
          if (importRunId !== null) await notify(options, changed, result);
          if (last) break;
        }
        options.onProgress?.(progressOf(result));
        if (signal?.aborted) break;
      }
    }
    result.interrupted = signal?.aborted === true;
    result.customersTouched = customers.size;
    if (importRunId !== null) {
      const file = options.file;
      await db.prisma.importRun.update({
        where: { id: importRunId },
        data: {
          status: result.interrupted ? "FAILED" : "SUCCEEDED",
          finishedAt: new Date(),
          errorReport: errorReport(result),
          ...(result.interrupted
            ? {
                error: `Interrupted (${String(signal?.reason)}) after ${result.rowsRead} row(s); committed batches are kept, re-run the import to finish.`,
              }
            : {
                fileSha256: typeof file.sha256 === "string" ? file.sha256 : file.sha256(),
                fileBytes: BigInt(typeof file.bytes === "number" ? file.bytes : file.bytes()),
              }),
        },
        select: { id: true },
      });
    }
  } catch (error) {
    if (importRunId !== null) {
      await db.prisma.importRun
        .update({
          where: { id: importRunId },
          data: {
            status: "FAILED",
            finishedAt: new Date(),
            errorReport: errorReport(result),
            error: error instanceof Error ? error.message : String(error),
          },
          select: { id: true },
        })
        .catch(() => undefined); // the original error matters more than this one
    }
    throw error;
  }
  result.durationMs = Math.round(performance.now() - started);
  return result;
}

interface ChunkOutcome {
  created: string[];
  updated: string[];
  unchanged: number;
  /** The created and updated orders. */
  orders: ParsedEcomOrder[];
}

async function commitChunk(
  db: Pick<Database, "prisma">,
  chunk: PreparedEcomOrder[],
  importRunId: string,
  result: ImportEcomOrdersResult,
  counts: { rowsRead: number; rowsRejected: number },
): Promise<ChunkOutcome> {
  return db.prisma.$transaction(
    async (tx) => {
      const stored = await readStoredHashes(
        tx,
        chunk.map((p) => p.order.orderNumber),
      );
      const plan = planEcomOrders(chunk, stored);
      const written = await writeEcomOrders(tx, plan, importRunId);
      const unchanged = plan.unchanged.length + written.skipped;
      await tx.importRun.update({
        where: { id: importRunId },
        data: {
          rowsTotal: counts.rowsRead,
          rowsRejected: counts.rowsRejected,
          ordersCreated: result.ordersCreated + written.created.length,
          ordersUpdated: result.ordersUpdated + written.updated.length,
          ordersUnchanged: result.ordersUnchanged + unchanged,
        },
        select: { id: true },
      });
      const changed = new Set([...written.created, ...written.updated]);
      return {
        created: written.created,
        updated: written.updated,
        unchanged,
        orders: chunk.filter((p) => changed.has(p.order.orderNumber)).map((p) => p.order),
      };
    },
    { maxWait: 10_000, timeout: 120_000 },
  );
}

async function planDryRun(
  db: Pick<Database, "prisma">,
  chunk: PreparedEcomOrder[],
  seen: Map<string, string>,
): Promise<ChunkOutcome> {
  const stored = await readStoredHashes(
    db.prisma,
    chunk.map((p) => p.order.orderNumber).filter((n) => !seen.has(n)),
  );
  const hashes = new Map<string, { contentHash: string }>();
  for (const p of chunk) {
    const n = p.order.orderNumber;
    const hash = seen.get(n) ?? stored.get(n)?.contentHash;
    if (hash !== undefined) hashes.set(n, { contentHash: hash });
  }
  const plan: EcomOrderPlan = planEcomOrders(chunk, hashes);
  for (const p of chunk) seen.set(p.order.orderNumber, p.contentHash);
  return {
    created: plan.create.map((p) => p.order.orderNumber),
    updated: plan.update.map((p) => p.order.orderNumber),
    unchanged: plan.unchanged.length,
    orders: [...plan.create, ...plan.update].map((p) => p.order),
  };
}

/** Hashes the batch's orders; a repeat of an order number within one batch keeps the last one. */
function prepare(orders: ParsedEcomOrder[], result: ImportEcomOrdersResult): PreparedEcomOrder[] {
  const byNumber = new Map<string, PreparedEcomOrder>();
  for (const order of orders) {
    const positions = new Set(order.items.map((item) => item.position));
    if (positions.size !== order.items.length) {
      // Two items at one position would make the item upsert touch a row twice.
      collectIssues(result, [
        {
          line: order.lines[0] ?? 0,
          column: null,
          message: "Order rejected: two of its items have the same position.",
          orderNumber: order.orderNumber,
        },
      ]);
      continue;
    }
    byNumber.delete(order.orderNumber);
    byNumber.set(order.orderNumber, { order, contentHash: hashEcomOrder(order) });
  }
  return [...byNumber.values()];
}

function collectIssues(result: ImportEcomOrdersResult, issues: EcomCsvIssue[]): void {
  result.errorsTotal += issues.length;
  const room = MAX_REPORTED_ISSUES - result.errors.length;
  if (room > 0) result.errors.push(...issues.slice(0, room));
}

function customerKey(order: ParsedEcomOrder): string | undefined {
  const email = order.email?.trim().toLowerCase();
  if (email) return `email:${email}`;
  const phone = order.phone?.trim();
  return phone ? `phone:${phone}` : undefined;
}

async function notify(
  options: ImportEcomOrdersOptions,
  changed: ChunkOutcome,
  result: ImportEcomOrdersResult,
): Promise<void> {
  const orderNumbers = [...changed.created, ...changed.updated];
  if (orderNumbers.length === 0 || !options.onEcomOrdersChanged) return;
  try {
    await options.onEcomOrdersChanged(orderNumbers);
  } catch (err) {
    // The batch is committed; the merge can re-read it. Count and carry on.
    result.onEcomOrdersChangedFailures += 1;
    options.logger?.warn({ err, orders: orderNumbers.length }, "onEcomOrdersChanged failed");
  }
}

function progressOf(result: ImportEcomOrdersResult): ImportProgress {
  const { rowsRead, rowsRejected, ordersCreated, ordersUpdated, ordersUnchanged } = result;
  return { rowsRead, rowsRejected, ordersCreated, ordersUpdated, ordersUnchanged };
}

/** `{ total, omitted, issues: [{ line, column, reason, orderNumber }] }`, capped. */
function errorReport(result: ImportEcomOrdersResult) {
  return {
    total: result.errorsTotal,
    omitted: result.errorsTotal - result.errors.length,
    issues: result.errors.map((issue) => ({
      line: issue.line,
      column: issue.column,
      reason: issue.message,
      orderNumber: issue.orderNumber ?? null,
    })),
  };
}
