// The rows of the sync history, read in one keyset query over both kinds of run: `JobRun` (polls,
// merge, analytics, tier sync, resync…) and `ImportRun` (eCom file imports, shown as job
// "import"). One UNION ordered by (startedAt, id) pages the two together, so a page boundary
// never skips or repeats a run of either kind. Dry runs are previews, not syncs: left out.
import { type Database, Prisma } from "@greenloop/db";

type Db = Pick<Database, "prisma">;

/** The job name import runs have in the timeline (and its filter). */
export const importJobName = "import";

export type TimelineOutcome = "RUNNING" | "SUCCEEDED" | "FAILED";

export interface TimelineRow {
  kind: "job" | "import";
  id: string;
  job: string;
  trigger: string;
  status: TimelineOutcome;
  /** The import's own status (INTERRUPTED shows as FAILED); null for a job run. */
  importStatus: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  pages: number;
  records: number;
  errors: number;
  error: string | null;
  details: Prisma.JsonValue | null;
  fileName: string | null;
  ordersCreated: number | null;
}

export interface TimelineQuery {
  /** A job or a family (`poll` is `poll.sales` too); `import` is the import runs. */
  job?: string;
  outcome?: TimelineOutcome;
  /** The last row of the previous page. */
  after?: { startedAt: Date; id: string };
  take: number;
}

function inFamily(job: string, name: string): boolean {
  return name === job || name.startsWith(`${job}.`);
}

export async function readTimelineRows(db: Db, query: TimelineQuery): Promise<TimelineRow[]> {
  const jobRunWhere = query.job
    ? Prisma.sql`WHERE (job = ${query.job} OR starts_with(job, ${`${query.job}.`}))`
    : Prisma.empty;
  const withImports = query.job === undefined || inFamily(query.job, importJobName);
  const importRuns = withImports
    ? Prisma.sql`
      UNION ALL
      SELECT 'import', id, ${importJobName}, 'manual',
             -- Interrupted: stopped before the end of its file; re-running the file finishes it.
             CASE WHEN status = 'INTERRUPTED' THEN 'FAILED' ELSE status::text END,
             status::text, "startedAt", "finishedAt", 0, "rowsTotal", "rowsRejected",
             CASE WHEN status = 'INTERRUPTED' AND error IS NULL
                  THEN 'interrupted before the end of the file' ELSE error END,
             NULL::jsonb, "fileName", "ordersCreated"
        FROM "ImportRun" WHERE status <> 'DRY_RUN'`
    : Prisma.empty;
  const filters = [
    query.outcome ? Prisma.sql`status = ${query.outcome}` : null,
    query.after
      ? Prisma.sql`("startedAt" < ${query.after.startedAt}
          OR ("startedAt" = ${query.after.startedAt} AND id < ${query.after.id}::uuid))`
      : null,
  ].filter((filter): filter is Prisma.Sql => filter !== null);
  const where =
    filters.length > 0 ? Prisma.sql`WHERE ${Prisma.join(filters, " AND ")}` : Prisma.empty;
  const rows = await db.prisma.$queryRaw<TimelineRow[]>`
    SELECT kind, id::text AS id, job, trigger, status, "importStatus", "startedAt", "finishedAt",
           pages, records, errors, error, details, "fileName", "ordersCreated"
      FROM (
        SELECT 'job' AS kind, id, job, trigger, status::text AS status, NULL::text AS "importStatus",
               "startedAt", "finishedAt", pages, records, errors, error, details,
               NULL::text AS "fileName", NULL::int AS "ordersCreated"
          FROM "JobRun" ${jobRunWhere}
        ${importRuns}
      ) runs
      ${where}
     ORDER BY "startedAt" DESC, id DESC
     LIMIT ${query.take}`;
  return rows;
}

/** Every job name recorded, with `import` when an import ran: the filter's choices. */
export async function readTimelineJobs(db: Db): Promise<string[]> {
  const [jobs, anImport] = await Promise.all([
    // GROUP BY in SQL (Prisma's `distinct` reads every row and drops duplicates itself).
    db.prisma.jobRun.groupBy({ by: ["job"], orderBy: { job: "asc" } }),
    db.prisma.importRun.findFirst({ where: { status: { not: "DRY_RUN" } }, select: { id: true } }),
  ]);
  const names = jobs.map((row) => row.job);
  if (anImport && !names.includes(importJobName)) names.push(importJobName);
  return names.sort();
}
