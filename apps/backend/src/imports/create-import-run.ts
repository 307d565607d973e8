// The ImportRun an eCom import reports into: created as the import starts (`pnpm cli import-ecom`),
// or before it (an upload answers with the run's id at once, then imports in the background).
// This process owns it and its first heartbeat is now (import-run-heartbeat.ts).
import type { Database, ImportStatus } from "@greenloop/db";
import { importRunOwner } from "./import-run-heartbeat";

export async function createImportRun(
  db: Pick<Database, "prisma">,
  run: {
    format: string;
    fileName: string;
    /** Empty and 0 while unknown (a file hashed as it streams): set when the import ends. */
    fileSha256: string;
    fileBytes: number;
    /** A dry run's own run (an upload's) is DRY_RUN from the start. */
    status?: ImportStatus;
    /** The server's clock (the one the sync history and freshness compare with); default: the database's. */
    startedAt?: Date;
  },
): Promise<string> {
  const created = await db.prisma.importRun.create({
    data: {
      ...run,
      fileBytes: BigInt(run.fileBytes),
      owner: importRunOwner(),
      // This process's clock; its beats that follow stamp the database's.
      heartbeatAt: new Date(),
    },
    select: { id: true },
  });
  return created.id;
}
