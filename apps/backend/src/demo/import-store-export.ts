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
  {
    csv,
    env,
    logger,
    now,
  }: {
    csv: string;
    env: Env;
    logger: Logger;
    /** The backend's clock (the simulated store's), which the run is stamped with. */
    now?: () => Date;
  },
): Promise<{ runId: string }> {
  const body = new Blob([`?fileName=store-export.csv\n`, csv]).stream();
  const upload = await receiveUpload(body, {
    maxBytes: env.api.importMaxBytes,
    tempDir: tmpdir(),
  });
  const tasks = createBackgroundTasks(logger);
  const started = await startUploadedImport(upload, {
    db,
    env,
    tasks,
    logger,
    ...(now ? { now } : {}),
  });
  await tasks.drain();
  return started;
}
