// A dry run writes no orders; when it has an ImportRun of its own (an upload's, status DRY_RUN),
// its counts and outcome go there, one small UPDATE per parser batch, written in order, so
// `imports.progress` follows it like any other run, and its heartbeat is renewed until it ends.
import type { Database, Prisma } from "@greenloop/db";
import type { Logger } from "../logger";
import {
  type ImportEcomOrdersResult,
  type ImportProgress,
  importCountsOf,
  importErrorReport,
} from "./import-ecom-orders";
import { startImportRunHeartbeat } from "./import-run-heartbeat";

export function recordDryRun(
  db: Pick<Database, "prisma">,
  runId: string,
  logger: Logger,
  /** The clock its end is stamped with (the server's). */
  now: () => Date = () => new Date(),
) {
  let written: Promise<unknown> = Promise.resolve();
  const update = (data: Prisma.ImportRunUpdateInput) =>
    db.prisma.importRun.update({ where: { id: runId }, data, select: { id: true } });
  const counts = (progress: ImportProgress) => {
    const { rowsRead, ...rest } = importCountsOf(progress);
    return { rowsTotal: rowsRead, ...rest };
  };
  const heartbeat = startImportRunHeartbeat(db, runId, { logger });
  return {
    progress(progress: ImportProgress) {
      written = written
        .then(() => update(counts(progress)))
        .catch((err: unknown) => logger.warn({ err }, "could not record the dry run's progress"));
    },
    async finish(result: ImportEcomOrdersResult) {
      await heartbeat.stop();
      await written;
      await update({
        ...counts(result),
        format: result.format,
        finishedAt: now(),
        errorReport: importErrorReport(result),
      });
    },
    /** The dry run failed: no more beats (the failure is recorded by the caller). */
    stop: () => heartbeat.stop(),
  };
}
