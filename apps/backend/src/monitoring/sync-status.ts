// How current everything is, for `sync.status`: X-Series polling (cursor, lag) and the webhook
// inbox (depth, dead letters) from getIngestionStatus, the last eCom import, and the last run of
// every job that records runs (poll.sales, analytics, tier-sync, and failed scheduled runs).
import type { Database, ImportStatus, JobStatus } from "@greenloop/db";
import { getIngestionStatus, type IngestionStatus } from "../ingestion/ingestion-status";

export interface EcomImportFreshness {
  /** The newest import that was not a dry run; null when none ever ran. */
  lastRun: {
    id: string;
    status: ImportStatus;
    fileName: string;
    startedAt: Date;
    finishedAt: Date | null;
    rowsTotal: number;
    rowsRejected: number;
    ordersCreated: number;
    ordersUpdated: number;
    error: string | null;
  } | null;
  /** When the last successful import finished; null when none did. */
  lastSuccessAt: Date | null;
  /** Seconds from lastSuccessAt to now; null when none succeeded. */
  ageSeconds: number | null;
}

export interface LastJobRun {
  job: string;
  trigger: string;
  status: JobStatus;
  startedAt: Date;
  finishedAt: Date | null;
  pages: number;
  records: number;
  errors: number;
  error: string | null;
}

export interface SyncStatus extends IngestionStatus {
  ecomImport: EcomImportFreshness;
  /** The newest run of each job, by job name. */
  lastJobRuns: LastJobRun[];
}

export async function getSyncStatus(
  db: Pick<Database, "prisma">,
  options: { syncIntervalMs: number; now: Date },
): Promise<SyncStatus> {
  const [ingestion, ecomImport, lastJobRuns] = await Promise.all([
    getIngestionStatus(db, options),
    getEcomImportFreshness(db, options.now),
    listLastJobRuns(db),
  ]);
  return { ...ingestion, ecomImport, lastJobRuns };
}

async function getEcomImportFreshness(
  db: Pick<Database, "prisma">,
  now: Date,
): Promise<EcomImportFreshness> {
  const [lastRun, lastSuccess] = await Promise.all([
    db.prisma.importRun.findFirst({
      where: { status: { not: "DRY_RUN" } },
      orderBy: { startedAt: "desc" },
      select: {
        id: true,
        status: true,
        fileName: true,
        startedAt: true,
        finishedAt: true,
        rowsTotal: true,
        rowsRejected: true,
        ordersCreated: true,
        ordersUpdated: true,
        error: true,
      },
    }),
    db.prisma.importRun.findFirst({
      where: { status: "SUCCEEDED" },
      orderBy: { startedAt: "desc" },
      select: { finishedAt: true },
    }),
  ]);
  const lastSuccessAt = lastSuccess?.finishedAt ?? null;
  return {
    lastRun,
    lastSuccessAt,
    ageSeconds: lastSuccessAt
      ? Math.max(0, Math.round((now.getTime() - lastSuccessAt.getTime()) / 1000))
      : null,
  };
}

/** The newest JobRun of each job name, by name. */
function listLastJobRuns(db: Pick<Database, "prisma">): Promise<LastJobRun[]> {
  return db.prisma.$queryRaw<LastJobRun[]>`
    SELECT DISTINCT ON (job) job, trigger, status::text AS status, "startedAt", "finishedAt",
           pages, records, errors, error
      FROM "JobRun"
     ORDER BY job, "startedAt" DESC, id`;
}
