// The eCom import, end to end: the one workflow behind `pnpm cli import-ecom` and an uploaded export
// (`imports.start`, and the demo). The file is streamed once through the parser into EcomOrder
// (import-ecom-orders.ts), creating the ImportRun or adopting one made beforehand; what changed is
// merged in large chunks as it commits (import-merge.ts); then the analytics run once, and a large
// import refits the models. A dry run compares and counts, and writes nothing but its own run's
// counts. Runs whose process died are marked INTERRUPTED as an import starts and ends, and a run
// that completes a file says so on the interrupted runs of that file (interrupted-import-runs.ts).
// The callers keep only what is theirs: the CLI its arguments, progress line and summary; an
// upload receiving the body and deleting its temp file.
import type { Database } from "@greenloop/db";
import {
  type ColumnMapping,
  type EcomExportFormatChoice,
  parseEcomCsv,
} from "@greenloop/order-sync/csv";
import { type AnalyticsRunResult, recomputeAllCustomers } from "../analytics/recompute-analytics";
import { recomputeAllDirty } from "../analytics/recompute-dirty";
import type { Env } from "../env";
import type { Logger } from "../logger";
import { createMergeRules } from "../merge/merge-rules";
import {
  DEFAULT_ORDERS_PER_TRANSACTION,
  type ImportEcomOrdersResult,
  type ImportProgress,
  importCountsOf,
  importEcomOrders,
} from "./import-ecom-orders";
import { createImportMerge } from "./import-merge";
import { startImportRunTail } from "./import-run-tail";
import { markInterruptedImportRuns, noteCompletedImportRuns } from "./interrupted-import-runs";
import { recordDryRun } from "./record-dry-run";
import { streamExportFile } from "./stream-export-file";

/** Orders created or changed from which an import refits the analytics models. */
export const LARGE_IMPORT_ORDERS = 1_000;

export interface EcomImportRequest {
  file: {
    /** Where the export is on disk (read once, streamed). */
    path: string;
    /** Shown in ImportRun.fileName and in error messages. */
    name: string;
    /** Known already (an upload is hashed as it is received); else computed while streaming. */
    known?: { sha256: string; bytes: number };
  };
  format: EcomExportFormatChoice;
  /** A column mapping of the user's; with format `auto` it wins over recognition. */
  mapping?: ColumnMapping;
  dryRun: boolean;
  /** An ImportRun created beforehand (an upload answers with its id at once): adopted. */
  importRunId?: string;
}

/**
 * Where an import is: reading the file and writing its orders (a committed batch's changes are
 * merged as it goes), merging what is left, then the analytics. A dry run only reads.
 */
export type EcomImportPhase = "reading" | "merging" | "analytics";

export interface EcomImportContext {
  db: Database;
  env: Pick<Env, "storeTimeZone" | "merge" | "analytics" | "imports">;
  logger: Logger;
  /**
   * The clock the import run and its analytics run are stamped with: the server's, which the
   * sync history and freshness compare with. Default: the wall clock (the database's for analytics).
   */
  now?: () => Date;
  /** Aborted: stop after the batch being written (what was committed stays, and is merged). */
  signal?: AbortSignal;
  /** After each parser batch: the counts so far and the bytes of the file read. */
  onProgress?: (progress: ImportProgress, bytesRead: number) => void;
  /** As each phase starts: after the file is read, the merge and the analytics still take time. */
  onPhase?: (phase: EcomImportPhase) => void;
}

export interface EcomImportOutcome {
  result: ImportEcomOrdersResult;
  file: { name: string; bytes: number; sha256: string };
  /** The analytics run after the merge; null for a dry run and an interrupted import. */
  analytics: Pick<AnalyticsRunResult, "mode" | "customers" | "modelsFitted"> | null;
  /**
   * Wall time of each phase that ran, in milliseconds (reading includes the merges of the chunks
   * committed meanwhile), and of the whole import.
   */
  timings: { phasesMs: Partial<Record<EcomImportPhase, number>>; totalMs: number };
}

export async function runEcomImport(
  request: EcomImportRequest,
  { db, env, logger, signal, onProgress, onPhase, now }: EcomImportContext,
): Promise<EcomImportOutcome> {
  const { dryRun, mapping, importRunId } = request;
  const clock = phaseClock(onPhase);
  const liveness = { graceMs: env.imports.heartbeatGraceMs, logger };
  const source = streamExportFile(request.file.path, {
    name: request.file.name,
    ...(request.file.known ? { known: request.file.known } : {}),
  });
  const dryRunRecord =
    dryRun && importRunId !== undefined ? recordDryRun(db, importRunId, logger, now) : null;
  // Committed batches are merged in large chunks, the rest when the import ends, however it ends.
  const merge = dryRun
    ? null
    : createImportMerge({ db, rules: createMergeRules(env.merge), logger });
  let result: ImportEcomOrdersResult;
  try {
    await markInterruptedImportRuns(db, liveness);
    clock.enter("reading");
    result = await importEcomOrders({
      db,
      source: parseEcomCsv(source.chunks, {
        timeZone: env.storeTimeZone,
        format: mapping && request.format === "auto" ? "mapping" : request.format,
        ...(mapping ? { mapping } : {}),
        batchSize: DEFAULT_ORDERS_PER_TRANSACTION,
        fileName: request.file.name,
      }),
      file: source.file,
      format: mapping ? "mapping" : request.format,
      dryRun,
      logger,
      ...(now ? { now } : {}),
      ...(importRunId !== undefined ? { importRunId } : {}),
      ...(signal ? { signal } : {}),
      onProgress: (progress) => {
        // After each committed batch (its counts are in the run): what a watcher can wait for.
        logger.debug({ dryRun, ...progress }, "eCom import progress");
        dryRunRecord?.progress(progress);
        onProgress?.(progress, source.bytesRead());
      },
      ...(merge ? { onEcomOrdersChanged: merge.onEcomOrdersChanged } : {}),
    }).catch(async (error: unknown) => {
      // What was committed is merged however the import ended.
      if (merge) {
        clock.enter("merging");
        await merge.finish();
      }
      throw error;
    });
    if (dryRunRecord) await dryRunRecord.finish(result);
  } catch (error) {
    await dryRunRecord?.stop();
    if (importRunId !== undefined) {
      await recordFailure(db, importRunId, dryRun, error, now?.() ?? new Date());
    }
    throw error;
  }
  // The run's rows are written; its tail (the last merge, the analytics) is on the run as it goes.
  // An interrupted run has no tail: what it committed is merged, and the analytics wait.
  const tail =
    merge && result.importRunId !== null && !result.interrupted
      ? startImportRunTail(db, result.importRunId, { logger })
      : null;
  let analytics: EcomImportOutcome["analytics"] = null;
  try {
    if (merge) {
      await tail?.enter("merging");
      clock.enter("merging");
      await merge.finish();
    }
    const file = { name: request.file.name, ...(await source.measure()) };
    if (result.importRunId !== null && !result.interrupted) {
      // A run of this file that died (kill -9) is done now: say so on it.
      await markInterruptedImportRuns(db, liveness);
      await noteCompletedImportRuns(db, { runId: result.importRunId, sha256: file.sha256 });
    }
    // The merge has run; the analytics follow once.
    if (!dryRun && !result.interrupted) {
      await tail?.enter("analytics");
      clock.enter("analytics");
      analytics = await recomputeAfterImport(db, {
        config: env.analytics.config,
        ordersChanged: result.ordersCreated + result.ordersUpdated,
        ...(now ? { now } : {}),
      });
    }
    logger.info(
      {
        importRunId: result.importRunId,
        dryRun,
        ...importCountsOf(result),
        interrupted: result.interrupted,
        durationMs: result.durationMs,
        ...(analytics ? { analytics } : {}),
      },
      dryRun ? "eCom export dry-run" : "eCom export imported",
    );
    return { result, file, analytics, timings: clock.stop() };
  } finally {
    await tail?.finish();
  }
}

/** Tells each phase as it starts, and times it. */
function phaseClock(onPhase: ((phase: EcomImportPhase) => void) | undefined) {
  const started = performance.now();
  const phasesMs: Partial<Record<EcomImportPhase, number>> = {};
  let current: { phase: EcomImportPhase; at: number } | null = null;
  const leave = () => {
    if (current) phasesMs[current.phase] = Math.round(performance.now() - current.at);
    current = null;
  };
  return {
    enter(phase: EcomImportPhase) {
      leave();
      current = { phase, at: performance.now() };
      onPhase?.(phase);
    },
    stop() {
      leave();
      return { phasesMs, totalMs: Math.round(performance.now() - started) };
    },
  };
}

/** The analytics after an import: the dirty customers, or everything with a refit after a large one. */
export async function recomputeAfterImport(
  db: Pick<Database, "prisma" | "bulkTransaction">,
  options: { config: Env["analytics"]["config"]; ordersChanged: number; now?: () => Date },
): Promise<NonNullable<EcomImportOutcome["analytics"]>> {
  const clock = options.now ? { now: options.now } : {};
  const run =
    options.ordersChanged >= LARGE_IMPORT_ORDERS
      ? await recomputeAllCustomers(db, {
          config: options.config,
          refit: true,
          trigger: "import",
          ...clock,
        })
      : await recomputeAllDirty(db, { config: options.config, trigger: "import", ...clock });
  return { mode: run.mode, customers: run.customers, modelsFitted: run.modelsFitted };
}

/** What importEcomOrders did not get to record (it records its own failures) on an adopted run. */
async function recordFailure(
  db: Pick<Database, "prisma" | "bulkTransaction">,
  runId: string,
  dryRun: boolean,
  error: unknown,
  finishedAt: Date,
): Promise<void> {
  await db.prisma.importRun
    .updateMany({
      where: { id: runId, finishedAt: null },
      data: {
        ...(dryRun ? {} : { status: "FAILED" }),
        finishedAt,
        error: error instanceof Error ? error.message : String(error),
      },
    })
    .catch(() => undefined); // the original error matters more than this one
}
