// The sync history: every recorded job run (each resource's poll, merge, analytics, monitoring,
// tier sync, a resync from scratch) newest first, a keyset page at a time, with what it processed,
// how long it took, why it failed and whether retrying may help.
import type { Database, JobStatus, Prisma } from "@greenloop/db";
import { decodePageCursor, isTimeText, monitoringListRefusal, pageOf } from "../paging/page-cursor";
import { isRetryableFailure } from "./failure-retryability";

type Db = Pick<Database, "prisma">;

export const jobRunOutcomes = ["RUNNING", "SUCCEEDED", "FAILED"] as const;

export interface JobRunEntry {
  id: string;
  job: string;
  trigger: string;
  status: JobStatus;
  startedAt: Date;
  finishedAt: Date | null;
  /** finishedAt − startedAt; null while running. */
  durationMs: number | null;
  pages: number;
  records: number;
  /** Records skipped as malformed. */
  errors: number;
  /** Why it failed (or was interrupted). */
  error: string | null;
  /** The domain error code, when the run stored one. */
  errorCode: string | null;
  /** Whether running it again as it is may succeed; null when it did not fail. */
  retryable: boolean | null;
  /** Who asked for it, when staff did (a resync from scratch). */
  requestedBy: string | null;
}

export interface JobRunPage {
  runs: JobRunEntry[];
  /** Every job name recorded, for the filter. */
  jobs: string[];
  nextCursor: string | null;
}

const scope = "sync:runs:startedAt:desc";

const runColumns = {
  id: true,
  job: true,
  trigger: true,
  status: true,
  startedAt: true,
  finishedAt: true,
  pages: true,
  records: true,
  errors: true,
  error: true,
  details: true,
} as const;

/** A job name, or a family of them: `poll` is `poll.sales` and `poll.customers` too. */
function jobFilter(job: string): Prisma.JobRunWhereInput {
  return { OR: [{ job }, { job: { startsWith: `${job}.` } }] };
}

function detailText(details: Prisma.JsonValue, key: string): string | null {
  if (typeof details !== "object" || details === null || Array.isArray(details)) return null;
  const value = details[key];
  return typeof value === "string" ? value : null;
}

export async function pageJobRuns(
  db: Db,
  options: { job?: string; outcome?: JobStatus; limit: number; after?: string },
): Promise<JobRunPage> {
  const filters: Prisma.JobRunWhereInput[] = [];
  if (options.job) filters.push(jobFilter(options.job));
  if (options.outcome) filters.push({ status: options.outcome });
  if (options.after !== undefined) {
    const cursor = decodePageCursor(options.after, scope, {
      isValue: isTimeText,
      refusal: monitoringListRefusal,
    });
    const at = new Date(cursor.value);
    filters.push({ OR: [{ startedAt: { lt: at } }, { startedAt: at, id: { lt: cursor.id } }] });
  }
  const [rows, jobs] = await Promise.all([
    db.prisma.jobRun.findMany({
      where: { AND: filters },
      orderBy: [{ startedAt: "desc" }, { id: "desc" }],
      select: runColumns,
      take: options.limit + 1,
    }),
    // GROUP BY in SQL (Prisma's `distinct` reads every row and drops duplicates itself).
    db.prisma.jobRun.groupBy({ by: ["job"], orderBy: { job: "asc" } }),
  ]);
  const { page, nextCursor } = pageOf(rows, options.limit, (row) => ({
    scope,
    value: row.startedAt.toISOString(),
    id: row.id,
  }));
  return {
    runs: page.map(({ details, ...row }) => {
      const errorCode = detailText(details, "errorCode");
      return {
        ...row,
        durationMs: row.finishedAt ? row.finishedAt.getTime() - row.startedAt.getTime() : null,
        errorCode,
        retryable:
          row.status === "FAILED"
            ? (isRetryableFailure({ code: errorCode, message: row.error }) ?? false)
            : null,
        requestedBy: detailText(details, "requestedBy"),
      };
    }),
    jobs: jobs.map((row) => row.job),
    nextCursor,
  };
}
