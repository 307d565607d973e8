// Imports parsed eCom orders into EcomOrder/EcomOrderItem, chunk by chunk: each chunk is one
// transaction (copy what is new, upsert what changed, record the changes, add to the ImportRun
// counts), so a crash or Ctrl-C leaves whole chunks and a re-run finishes the job. Reading and
// hashing the next batch overlaps the writing of this one; on PostgreSQL two chunks are written
// at once, on two connections, so the server works on one while we encode the other. Chunks
// still commit in file order, and Ctrl-C ends the batch being written, no more (the run is then
// INTERRUPTED: what it committed is kept, and re-running the file finishes it). While it works the
// run's heartbeat is renewed, so a run whose process died is seen as such (import-run-heartbeat.ts).
import type { Database } from "@greenloop/db";
import {
  detachString,
  type EcomCsvBatch,
  type EcomCsvIssue,
  type ParsedEcomOrder,
} from "@greenloop/order-sync/csv";
import type { Logger } from "../logger";
import { reportImportRows } from "../telemetry/pipeline-events";
import {
  ChunkCancelled,
  type ChunkOutcome,
  type ChunkRows,
  commitChunk,
  planDryRun,
} from "./commit-ecom-orders";
import { createImportRun } from "./create-import-run";
import { hashEcomOrder } from "./ecom-order-hash";
import type { OnEcomOrdersChanged } from "./ecom-orders-changed";
import { startImportRunHeartbeat } from "./import-run-heartbeat";
import type { PreparedEcomOrder } from "./write-ecom-orders";

/** Issues kept in memory, returned and stored in ImportRun.errorReport; the rest are counted. */
export const MAX_REPORTED_ISSUES = 1_000;
/** Orders per transaction: big enough for set-based statements, small enough to keep locks short. */
export const DEFAULT_ORDERS_PER_TRANSACTION = 2_000;

export interface ImportFile {
  name: string;
  /**
   * Known up front, or asked for once the source is done, however it ended (a hash computed while
   * streaming, finished over what the parser left unread).
   */
  sha256: string | (() => string | Promise<string>);
  bytes: number | (() => number | Promise<number>);
}

/** The file's digest and size, once the source is done with it. */
async function measureImportFile(file: ImportFile): Promise<{ sha256: string; bytes: number }> {
  const sha256 = typeof file.sha256 === "string" ? file.sha256 : await file.sha256();
  const bytes = typeof file.bytes === "number" ? file.bytes : await file.bytes();
  return { sha256, bytes };
}

export interface ImportProgress {
  rowsRead: number;
  rowsRejected: number;
  ordersCreated: number;
  ordersUpdated: number;
  ordersUnchanged: number;
}

/** Just the counts of a result or of the progress so far: what logs and reports show. */
export function importCountsOf(progress: ImportProgress): ImportProgress {
  const { rowsRead, rowsRejected, ordersCreated, ordersUpdated, ordersUnchanged } = progress;
  return { rowsRead, rowsRejected, ordersCreated, ordersUpdated, ordersUnchanged };
}

export interface ImportEcomOrdersOptions {
  /** With `kind: "postgres"`, two transactions run at once (PGlite has a single session). */
  db: Pick<Database, "prisma" | "bulkTransaction"> & Partial<Pick<Database, "kind">>;
  source: AsyncIterable<EcomCsvBatch>;
  file: ImportFile;
  /** The requested format; ImportRun.format ends up as the one the parser recognised. */
  format: string;
  /** Compare with what is stored and count, writing nothing (not even an ImportRun). */
  dryRun?: boolean;
  /**
   * An ImportRun created beforehand (an upload answers with its id before the import starts),
   * used instead of creating one. Ignored on a dry run, which writes nothing.
   */
  importRunId?: string;
  onProgress?: (progress: ImportProgress) => void;
  /** Called after each committed batch with the created and updated order numbers. */
  onEcomOrdersChanged?: OnEcomOrdersChanged;
  /** Aborted: stop after the current batch (what was committed stays). */
  signal?: AbortSignal;
  ordersPerTransaction?: number;
  /** Transactions written at once (default 2 on PostgreSQL, 1 on PGlite and for a dry run). */
  transactionsInFlight?: number;
  logger?: Pick<Logger, "warn">;
  /** The clock the run's start and end are stamped with (the server's); default: the wall clock. */
  now?: () => Date;
}

export interface ImportEcomOrdersResult extends ImportProgress {
  /** The format the parser recognised (`ecwid`, `shopify`, `mapping`), else the one requested. */
  format: string;
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
    format: options.format,
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

  const { sha256, bytes } = options.file;
  if (!dryRun && options.importRunId !== undefined) {
    result.importRunId = options.importRunId;
  } else if (!dryRun) {
    result.importRunId = await createImportRun(db, {
      format: options.format,
      fileName: options.file.name,
      fileSha256: typeof sha256 === "string" ? sha256 : "",
      fileBytes: typeof bytes === "number" ? bytes : 0,
      ...(options.now ? { startedAt: options.now() } : {}),
    });
  }
  const importRunId = result.importRunId;
  const heartbeat =
    importRunId === null
      ? null
      : startImportRunHeartbeat(db, importRunId, options.logger ? { logger: options.logger } : {});

  // Parsing and hashing the next batch overlaps the database writing the current one.
  const iterator = options.source[Symbol.asyncIterator]();
  let exhausted = false;
  const readAhead = (): Promise<PreparedBatch | null> => {
    const next = iterator.next().then((step) => {
      if (step.done) {
        exhausted = true;
        return null;
      }
      return { batch: step.value, ...prepare(step.value.orders) };
    });
    // Surfaced when awaited; until then a failure must not count as unhandled.
    next.catch(() => undefined);
    return next;
  };

  const inFlightLimit = Math.max(
    1,
    dryRun ? 1 : (options.transactionsInFlight ?? (db.kind === "postgres" ? 2 : 1)),
  );
  // Chunks commit and are counted in the order they were started (each waits for the one before
  // it), so the counts and the onEcomOrdersChanged calls follow the file.
  let stopped = false;
  let lastCounted: Promise<unknown> = Promise.resolve();
  let lastSettled: Promise<void> = Promise.resolve();
  const inFlight: Array<Promise<void>> = [];
  const startChunk = (chunk: PreparedEcomOrder[], rows: ChunkRows, batchEdge: BatchEdge) => {
    const previousCounted = lastCounted;
    const previousSettled = lastSettled;
    // A chunk commits once the one before it is committed and counted; the first chunk of a
    // batch not at all if the import was stopped meanwhile (Ctrl-C ends the batch being written).
    const beforeCommit = async () => {
      await previousCounted;
      if (stopped || (batchEdge.first && signal?.aborted)) throw new ChunkCancelled();
    };
    const outcome =
      importRunId === null
        ? planDryRun(db, chunk, seenInDryRun)
        : commitChunk(db, chunk, { importRunId, format: result.format, rows, beforeCommit });
    outcome.catch(() => undefined); // awaited below, after the chunk before it
    const counted = previousCounted
      .then(() => outcome)
      .then(
        (changed): ChunkOutcome | null => {
          if (importRunId !== null) {
            // As each chunk commits, so that the counters move during a long import.
            reportImportRows({
              read: rows.rowsRead - result.rowsRead,
              rejected: rows.rowsRejected - result.rowsRejected,
            });
          }
          result.rowsRead = rows.rowsRead;
          result.rowsRejected = rows.rowsRejected;
          result.ordersCreated += changed.created.length;
          result.ordersUpdated += changed.updated.length;
          result.ordersUnchanged += changed.unchanged;
          for (const order of changed.orders) {
            const key = customerKey(order);
            // Kept for the whole import: a copy, so it does not keep a chunk of the file alive.
            if (key && !customers.has(key)) customers.add(detachString(key));
          }
          if (batchEdge.last) options.onProgress?.(importCountsOf(result));
          return changed;
        },
        (error: unknown) => {
          if (!(error instanceof ChunkCancelled)) throw error;
          stopped = true;
          return null;
        },
      );
    // The merge hears of each committed chunk in turn, without holding up the next commit.
    const settled = Promise.all([previousSettled, counted]).then(async ([, changed]) => {
      if (changed !== null && importRunId !== null) await notify(options, changed, result);
    });
    counted.catch(() => undefined); // surfaced through settled
    settled.catch(() => undefined); // surfaced through inFlight
    lastCounted = counted;
    lastSettled = settled;
    inFlight.push(settled);
  };

  try {
    // The parser's running totals before the current batch: its chunks but the last carry them.
    let rowsBefore: ChunkRows = { rowsRead: 0, rowsRejected: 0 };
    let upcoming = signal?.aborted ? null : readAhead();
    while (upcoming !== null) {
      const current = await upcoming;
      if (current === null) break;
      while (inFlight.length >= inFlightLimit) await inFlight.shift();
      if (stopped || signal?.aborted) break;
      const { batch, prepared } = current;
      if (batch.format !== undefined) result.format = batch.format;
      collectIssues(result, batch.rejected);
      collectIssues(result, current.issues);
      const rowsAfter: ChunkRows = { rowsRead: batch.rowsRead, rowsRejected: batch.rowsRejected };
      for (let start = 0; start < prepared.length || start === 0; start += perTransaction) {
        const chunk = prepared.slice(start, start + perTransaction);
        const last = start + perTransaction >= prepared.length;
        if (start > 0) while (inFlight.length >= inFlightLimit) await inFlight.shift();
        startChunk(chunk, last ? rowsAfter : rowsBefore, { first: start === 0, last });
        if (last) break;
      }
      rowsBefore = rowsAfter;
      // Read the next batch while this one is written, holding no more than two batches: with
      // two transactions in flight, wait for the older one first.
      while (inFlight.length >= 2) await inFlight.shift();
      upcoming = readAhead();
    }
    while (inFlight.length > 0) await inFlight.shift();
    result.interrupted = signal?.aborted === true;
    result.customersTouched = customers.size;
    if (importRunId !== null) {
      await heartbeat?.stop();
      // An interrupted import is not measured: reading the rest of the file would delay Ctrl-C.
      const file = result.interrupted ? null : await measureImportFile(options.file);
      await db.prisma.importRun.update({
        where: { id: importRunId },
        data: {
          format: result.format,
          status: result.interrupted ? "INTERRUPTED" : "SUCCEEDED",
          finishedAt: options.now?.() ?? new Date(),
          errorReport: importErrorReport(result),
          ...(file
            ? {
                // Taken for dead during a stall, it finished after all.
                error: null,
                fileSha256: file.sha256,
                fileBytes: BigInt(file.bytes),
              }
            : {
                error: `Interrupted (${String(signal?.reason)}) after ${result.rowsRead} row(s); committed batches are kept, re-run the import to finish.`,
              }),
        },
        select: { id: true },
      });
    }
  } catch (error) {
    // Let the transactions still running end (they roll back: each waits for the one that failed).
    await Promise.allSettled(inFlight.splice(0));
    await heartbeat?.stop();
    if (importRunId !== null) {
      // The parser may have refused the file at its header: the run still names the whole file.
      const file = await measureImportFile(options.file).catch(() => null);
      await db.prisma.importRun
        .update({
          where: { id: importRunId },
          data: {
            ...(file ? { fileSha256: file.sha256, fileBytes: BigInt(file.bytes) } : {}),
            format: result.format,
            status: "FAILED",
            finishedAt: options.now?.() ?? new Date(),
            errorReport: importErrorReport(result),
            error: error instanceof Error ? error.message : String(error),
          },
          select: { id: true },
        })
        .catch(() => undefined); // the original error matters more than this one
    }
    throw error;
  } finally {
    await heartbeat?.stop();
    // Stopped early (abort, failure): close the source, which ends the file stream.
    if (!exhausted) await iterator.return?.(undefined)?.catch(() => undefined);
  }
  result.durationMs = Math.round(performance.now() - started);
  return result;
}

/** Where a chunk sits in its parser batch: the first is where a stop is honoured, the last reports. */
interface BatchEdge {
  first: boolean;
  last: boolean;
}

interface PreparedBatch {
  batch: EcomCsvBatch;
  prepared: PreparedEcomOrder[];
  issues: EcomCsvIssue[];
}

/** Hashes the batch's orders; a repeat of an order number within one batch keeps the last one. */
function prepare(orders: ParsedEcomOrder[]): Omit<PreparedBatch, "batch"> {
  const byNumber = new Map<string, PreparedEcomOrder>();
  const issues: EcomCsvIssue[] = [];
  for (const order of orders) {
    if (!distinctPositions(order)) {
      // Two items at one position would make the item upsert touch a row twice.
      issues.push({
        line: order.lines[0] ?? 0,
        column: null,
        message: "Order rejected: two of its items have the same position.",
        orderNumber: order.orderNumber,
      });
      continue;
    }
    byNumber.delete(order.orderNumber);
    byNumber.set(order.orderNumber, { order, contentHash: hashEcomOrder(order) });
  }
  return { prepared: [...byNumber.values()], issues };
}

function distinctPositions(order: ParsedEcomOrder): boolean {
  const items = order.items;
  // The parser numbers items 0, 1, 2…: check that cheaply before building a set.
  if (items.every((item, index) => item.position === index)) return true;
  return new Set(items.map((item) => item.position)).size === items.length;
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

/** ImportRun.errorReport: `{ total, omitted, issues: [{ line, column, reason, orderNumber }] }`. */
export function importErrorReport(result: Pick<ImportEcomOrdersResult, "errors" | "errorsTotal">) {
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
