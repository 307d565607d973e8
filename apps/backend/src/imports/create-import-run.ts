// The ImportRun an eCom import reports into: created as the import starts (`pnpm cli import-ecom`),
// or before it (an upload answers with the run's id at once, then imports in the background).
import type { Database, ImportStatus } from "@greenloop/db";

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
  },
): Promise<string> {
  const created = await db.prisma.importRun.create({
    data: { ...run, fileBytes: BigInt(run.fileBytes) },
    select: { id: true },
  });
  return created.id;
}
