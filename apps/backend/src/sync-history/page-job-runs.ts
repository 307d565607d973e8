// The sync history: every recorded job run (each resource's poll, merge, analytics, monitoring,
// tier sync, a resync from scratch) and every eCom import run, newest first, a keyset page at a
// time, with what it processed, how long it took, why it failed and whether retrying may help.
import type { Database, JobStatus, Prisma } from "@greenloop/db";
import { decodePageCursor, isTimeText, monitoringListRefusal, pageOf } from "../paging/page-cursor";
import { isRetryableFailure } from "./failure-retryability";
import { readTimelineJobs, readTimelineRows, type TimelineRow } from "./timeline-rows";

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
  /** `import` for an eCom import run (job "import"; its page is `/imports/<id>`), else `job`. */
  kind: "job" | "import";
  /** An import's file; null for a job run. */
  fileName: string | null;
  /** Orders an import created (records: rows read; errors: rows rejected); null for a job run. */
  ordersCreated: number | null;
}

export interface JobRunPage {
  runs: JobRunEntry[];
  /** Every job name recorded (and `import` once an import ran), for the filter. */
  jobs: string[];
  nextCursor: string | null;
}

const scope = "sync:runs:startedAt:desc";

function detailText(details: Prisma.JsonValue | null, key: string): string | null {
  if (typeof details !== "object" || details === null || Array.isArray(details)) return null;
  const value = details[key];
  return typeof value === "string" ? value : null;
}

/**
 * Whether running it again may succeed. A failed import failed on its file (a bad file fails the
 * same way until someone fixes it) unless its message says the database or the process went
 * away; an interrupted one finishes when the same file is imported again.
 */
function retryableOf(row: TimelineRow, errorCode: string | null): boolean | null {
  if (row.status !== "FAILED") return null;
  if (row.importStatus === "INTERRUPTED") return true;
  return isRetryableFailure({ code: errorCode, message: row.error }) ?? false;
}

export async function pageJobRuns(
  db: Db,
  options: { job?: string; outcome?: JobStatus; limit: number; after?: string },
): Promise<JobRunPage> {
  const cursor =
    options.after === undefined
      ? undefined
      : decodePageCursor(options.after, scope, {
          isValue: isTimeText,
          refusal: monitoringListRefusal,
        });
  const [rows, jobs] = await Promise.all([
    readTimelineRows(db, {
      ...(options.job ? { job: options.job } : {}),
      ...(options.outcome ? { outcome: options.outcome } : {}),
      ...(cursor ? { after: { startedAt: new Date(cursor.value), id: cursor.id } } : {}),
      take: options.limit + 1,
    }),
    readTimelineJobs(db),
  ]);
  const { page, nextCursor } = pageOf(rows, options.limit, (row) => ({
    scope,
    value: row.startedAt.toISOString(),
    id: row.id,
  }));
  return {
    runs: page.map((row) => {
      const errorCode = detailText(row.details, "errorCode");
      return {
        id: row.id,
        job: row.job,
        trigger: row.trigger,
        status: row.status,
        startedAt: row.startedAt,
        finishedAt: row.finishedAt,
        durationMs: row.finishedAt ? row.finishedAt.getTime() - row.startedAt.getTime() : null,
        pages: row.pages,
        records: row.records,
        errors: row.errors,
        error: row.error,
        errorCode,
        retryable: retryableOf(row, errorCode),
        requestedBy: detailText(row.details, "requestedBy"),
        kind: row.kind,
        fileName: row.fileName,
        ordersCreated: row.ordersCreated,
      };
    }),
    jobs,
    nextCursor,
  };
}
