// An uploaded eCom export imported in the background. The ImportRun is created first, so the caller
// answers with its id at once; the import then takes the path of `pnpm cli import-ecom` (parser →
// importEcomOrders, the committed batches merged in large chunks by imports/import-merge.ts, the
// analytics once at the end) and
// the temp file is deleted when it ends, however it ends. A dry run writes no orders: its counts
// and outcome go to its ImportRun (status DRY_RUN), so `imports.progress` follows it the same way.
import { createReadStream } from "node:fs";
import type { Database, Prisma } from "@greenloop/db";
import { parseEcomCsv } from "@greenloop/order-sync/csv";
import { isDomainError } from "@greenloop/order-sync/errors";
import type { Env } from "../env";
import type { Logger } from "../logger";
import { createMergeRules } from "../merge/merge-rules";
import type { BackgroundTasks } from "../scheduler/background-tasks";
import {
  DEFAULT_ORDERS_PER_TRANSACTION,
  type ImportEcomOrdersResult,
  type ImportProgress,
  importCountsOf,
  importEcomOrders,
  importErrorReport,
} from "./import-ecom-orders";
import { createImportMerge } from "./import-merge";
import type { ReceivedUpload } from "./receive-upload";
import { recomputeAfterEcomImport } from "./recompute-after-import";

export interface UploadedImportContext {
  db: Database;
  env: Pick<Env, "storeTimeZone" | "merge" | "analytics">;
  tasks: BackgroundTasks;
  logger: Logger;
}

/** Records the run and starts the import; resolves with the run's id before any row is read. */
export async function startUploadedImport(
  upload: ReceivedUpload,
  context: UploadedImportContext,
): Promise<{ runId: string }> {
  let runId: string;
  try {
    const run = await context.db.prisma.importRun.create({
      data: {
        format: upload.options.format,
        fileName: upload.options.fileName,
        fileSha256: upload.sha256,
        fileBytes: BigInt(upload.bytes),
        status: upload.options.dryRun ? "DRY_RUN" : "RUNNING",
      },
      select: { id: true },
    });
    runId = run.id;
  } catch (error) {
    await upload.remove();
    throw error;
  }
  context.tasks.start(`import-ecom:${runId}`, () =>
    runUploadedImport(upload, runId, context).finally(upload.remove),
  );
  return { runId };
}

async function runUploadedImport(
  upload: ReceivedUpload,
  runId: string,
  { db, env, logger: parentLogger }: UploadedImportContext,
): Promise<void> {
  const logger = parentLogger.child({ importRunId: runId });
  const { format, dryRun, fileName } = upload.options;
  const dryRunRecord = dryRun ? recordDryRun(db, runId, logger) : null;
  const merge = dryRun
    ? null
    : createImportMerge({ db, rules: createMergeRules(env.merge), logger });
  try {
    const result = await importEcomOrders({
      db,
      source: parseEcomCsv(createReadStream(upload.path), {
        timeZone: env.storeTimeZone,
        format,
        batchSize: DEFAULT_ORDERS_PER_TRANSACTION,
        fileName,
      }),
      file: { name: fileName, sha256: upload.sha256, bytes: upload.bytes },
      format,
      dryRun,
      importRunId: runId,
      logger,
      ...(dryRunRecord ? { onProgress: dryRunRecord.progress } : {}),
      ...(merge ? { onEcomOrdersChanged: merge.onEcomOrdersChanged } : {}),
    }).finally(() => merge?.finish());
    const summary = { dryRun, ...importCountsOf(result), durationMs: result.durationMs };
    if (dryRunRecord) {
      await dryRunRecord.finish(result);
      logger.info(summary, "uploaded eCom export dry-run");
      return;
    }
    logger.info(summary, "uploaded eCom export imported");
    const analytics = await recomputeAfterEcomImport(db, {
      config: env.analytics.config,
      ordersChanged: result.ordersCreated + result.ordersUpdated,
    });
    logger.info(
      { mode: analytics.mode, customers: analytics.customers },
      "analytics after the upload",
    );
  } catch (error) {
    // importEcomOrders records its own failure; this covers anything it did not get to record.
    await db.prisma.importRun
      .updateMany({
        where: { id: runId, finishedAt: null },
        data: {
          ...(dryRun ? {} : { status: "FAILED" }),
          finishedAt: new Date(),
          error: error instanceof Error ? error.message : String(error),
        },
      })
      .catch(() => undefined);
    // A file the parser refuses is the uploader's to fix: the run says why; no stack in the log.
    if (isDomainError(error)) {
      logger.warn({ code: error.code, message: error.message }, "uploaded eCom export refused");
      return;
    }
    throw error;
  }
}

/** A dry run's counts, one small UPDATE per parser batch, written in order. */
function recordDryRun(db: Pick<Database, "prisma">, runId: string, logger: Logger) {
  let written: Promise<unknown> = Promise.resolve();
  const update = (data: Prisma.ImportRunUpdateInput) =>
    db.prisma.importRun.update({ where: { id: runId }, data, select: { id: true } });
  const counts = (progress: ImportProgress) => ({
    rowsTotal: progress.rowsRead,
    rowsRejected: progress.rowsRejected,
    ordersCreated: progress.ordersCreated,
    ordersUpdated: progress.ordersUpdated,
    ordersUnchanged: progress.ordersUnchanged,
  });
  return {
    progress(progress: ImportProgress) {
      written = written
        .then(() => update(counts(progress)))
        .catch((err: unknown) => logger.warn({ err }, "could not record the dry run's progress"));
    },
    async finish(result: ImportEcomOrdersResult) {
      await written;
      await update({
        ...counts(result),
        format: result.format,
        finishedAt: new Date(),
        errorReport: importErrorReport(result),
      });
    },
  };
}
