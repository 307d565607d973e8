// An uploaded eCom export imported in the background. The ImportRun is created first (RUNNING, or
// DRY_RUN), so the caller answers with its id at once; the import itself is the one workflow
// (run-ecom-import.ts), and the temp file is deleted when it ends, however it ends.
import type { Database } from "@greenloop/db";
import { isDomainError } from "@greenloop/order-sync/errors";
import type { Env } from "../env";
import type { Logger } from "../logger";
import type { BackgroundTasks } from "../scheduler/background-tasks";
import { createImportRun } from "./create-import-run";
import type { ReceivedUpload } from "./receive-upload";
import { runEcomImport } from "./run-ecom-import";

export interface UploadedImportContext {
  db: Database;
  env: Pick<Env, "storeTimeZone" | "merge" | "analytics" | "imports">;
  tasks: BackgroundTasks;
  logger: Logger;
  /** The clock the run is stamped with (the server's: the API's `now`); default: the wall clock. */
  now?: () => Date;
}

/** Records the run and starts the import; resolves with the run's id before any row is read. */
export async function startUploadedImport(
  upload: ReceivedUpload,
  context: UploadedImportContext,
): Promise<{ runId: string }> {
  let runId: string;
  try {
    runId = await createImportRun(context.db, {
      format: upload.options.format,
      fileName: upload.options.fileName,
      fileSha256: upload.sha256,
      fileBytes: upload.bytes,
      status: upload.options.dryRun ? "DRY_RUN" : "RUNNING",
      ...(context.now ? { startedAt: context.now() } : {}),
    });
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
  { db, env, logger: parentLogger, now }: UploadedImportContext,
): Promise<void> {
  const logger = parentLogger.child({ importRunId: runId });
  const { format, dryRun, fileName } = upload.options;
  try {
    await runEcomImport(
      {
        file: {
          path: upload.path,
          name: fileName,
          known: { sha256: upload.sha256, bytes: upload.bytes },
        },
        format,
        dryRun,
        importRunId: runId,
      },
      { db, env, logger, ...(now ? { now } : {}) },
    );
  } catch (error) {
    // A file the parser refuses is the uploader's to fix: the run says why; no stack in the log.
    if (isDomainError(error)) {
      logger.warn({ code: error.code, message: error.message }, "uploaded eCom export refused");
      return;
    }
    throw error;
  }
}
