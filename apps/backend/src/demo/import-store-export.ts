// The demo imports the simulated store's eCom export the way an operator's upload is imported
// (imports/start-uploaded-import.ts), and waits for it to finish.
import { tmpdir } from "node:os";
import type { Database } from "@greenloop/db";
import type { Env } from "../env";
import { receiveUpload } from "../imports/receive-upload";
import { startUploadedImport } from "../imports/start-uploaded-import";
import type { Logger } from "../logger";
import { createBackgroundTasks } from "../scheduler/background-tasks";

export async function importStoreExport(
  db: Database,
  { csv, env, logger }: { csv: string; env: Env; logger: Logger },
): Promise<{ runId: string }> {
  const body = new Blob([`?fileName=store-export.csv\n`, csv]).stream();
  const upload = await receiveUpload(body, {
    maxBytes: env.api.importMaxBytes,
    tempDir: tmpdir(),
  });
  const tasks = createBackgroundTasks(logger);
  const started = await startUploadedImport(upload, { db, env, tasks, logger });
  await tasks.drain();
  return started;
}
