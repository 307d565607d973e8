// Reading ImportRun: one run's progress (its counts grow with each committed batch), the runs
// newest first, and the rows a run rejected (from its errorReport, written when the run ends).
// A run whose process died is marked INTERRUPTED before it is read (interrupted-import-runs.ts).
import type { Database, ImportStatus, Prisma } from "@greenloop/db";
import { DomainError } from "@greenloop/order-sync/errors";
import type { Logger } from "../logger";
import { markInterruptedImportRuns } from "./interrupted-import-runs";

export interface ImportRunView {
  id: string;
  status: ImportStatus;
  /** A dry run counts what it would write (status DRY_RUN) and writes no orders. */
  dryRun: boolean;
  /** Ended: finished, failed, interrupted, or a dry run that is complete. */
  done: boolean;
  /**
   * Where the import is: `reading` its file, then (a run whose rows are written, already `done`)
   * `merging` and `analytics` while the customers' numbers catch up with the file
   * (import-run-tail.ts), and `done` once they include it, or the run ended otherwise.
   */
  phase: ImportRunPhase;
  format: string;
  fileName: string;
  fileSha256: string;
  fileBytes: number;
  rowsRead: number;
  rowsRejected: number;
  ordersCreated: number;
  ordersUpdated: number;
  ordersUnchanged: number;
  error: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  /** The process that runs (or ran) the import: `host:pid:random`; null before heartbeats. */
  owner: string | null;
  /** Its last sign of life while the import ran. */
  heartbeatAt: Date | null;
}

export const importRunPhases = ["reading", "merging", "analytics", "done"] as const;
export type ImportRunPhase = (typeof importRunPhases)[number];

/** How long an unfinished run's heartbeat may be silent before it counts as interrupted. */
export interface ImportRunLiveness {
  graceMs: number;
  /** Told of the runs found interrupted. */
  logger?: Pick<Logger, "warn">;
}

export interface ImportRunPage {
  runs: ImportRunView[];
  /** Pass as `after` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

export interface ImportIssue {
  line: number;
  column: string | null;
  message: string;
  orderNumber: string | null;
}

export interface ImportIssuePage {
  runId: string;
  /** Every issue the run found; only the first 1,000 are kept (`omitted` are the rest). */
  total: number;
  omitted: number;
  issues: ImportIssue[];
  /** Pass as `after` for the next page; null on the last page. */
  nextCursor: string | null;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const runSelect = {
  id: true,
  status: true,
  format: true,
  fileName: true,
  fileSha256: true,
  fileBytes: true,
  rowsTotal: true,
  rowsRejected: true,
  ordersCreated: true,
  ordersUpdated: true,
  ordersUnchanged: true,
  error: true,
  startedAt: true,
  finishedAt: true,
  owner: true,
  heartbeatAt: true,
  phase: true,
} satisfies Prisma.ImportRunSelect;

type RunRow = Prisma.ImportRunGetPayload<{ select: typeof runSelect }>;

function assertRunId(runId: string, what = "runId"): void {
  if (!uuidPattern.test(runId)) {
    throw new DomainError("BAD_INPUT", `${what} must be an import run id (a UUID)`);
  }
}

export async function getImportRun(
  db: Pick<Database, "prisma">,
  runId: string,
  liveness: ImportRunLiveness,
): Promise<ImportRunView> {
  assertRunId(runId);
  await markInterruptedImportRuns(db, liveness);
  const row = await db.prisma.importRun.findUnique({ where: { id: runId }, select: runSelect });
  if (!row) throw new DomainError("NOT_FOUND", `No import run ${runId}.`);
  return viewOf(row);
}

export async function listImportRuns(
  db: Pick<Database, "prisma">,
  options: { limit: number; after?: string | undefined } & ImportRunLiveness,
): Promise<ImportRunPage> {
  if (options.after !== undefined) assertRunId(options.after, "the cursor");
  await markInterruptedImportRuns(db, options);
  const rows = await db.prisma.importRun.findMany({
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    ...(options.after ? { cursor: { id: options.after }, skip: 1 } : {}),
    take: options.limit + 1,
    select: runSelect,
  });
  const page = rows.slice(0, options.limit);
  return {
    runs: page.map(viewOf),
    nextCursor: rows.length > options.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

/** The run's rejected rows, a page at a time; the cursor is the position of the next issue. */
export async function listImportIssues(
  db: Pick<Database, "prisma">,
  options: { runId: string; limit: number; after?: string | undefined },
): Promise<ImportIssuePage> {
  assertRunId(options.runId);
  const start = options.after === undefined ? 0 : Number(options.after);
  if (!Number.isSafeInteger(start) || start < 0 || !/^\d+$/.test(options.after ?? "0")) {
    throw new DomainError("BAD_INPUT", "the cursor must be a nextCursor from the last page");
  }
  const row = await db.prisma.importRun.findUnique({
    where: { id: options.runId },
    select: { id: true, errorReport: true },
  });
  if (!row) throw new DomainError("NOT_FOUND", `No import run ${options.runId}.`);
  const report = readErrorReport(row.errorReport);
  const end = start + options.limit;
  return {
    runId: row.id,
    total: report.total,
    omitted: report.omitted,
    issues: report.issues.slice(start, end),
    nextCursor: end < report.issues.length ? String(end) : null,
  };
}

function viewOf(row: RunRow): ImportRunView {
  return {
    id: row.id,
    status: row.status,
    dryRun: row.status === "DRY_RUN",
    done: row.finishedAt !== null,
    phase: phaseOf(row),
    format: row.format,
    fileName: row.fileName,
    fileSha256: row.fileSha256,
    fileBytes: Number(row.fileBytes),
    rowsRead: row.rowsTotal,
    rowsRejected: row.rowsRejected,
    ordersCreated: row.ordersCreated,
    ordersUpdated: row.ordersUpdated,
    ordersUnchanged: row.ordersUnchanged,
    error: row.error,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    owner: row.owner,
    heartbeatAt: row.heartbeatAt,
  };
}

function phaseOf(row: RunRow): ImportRunPhase {
  if (row.phase === "merging" || row.phase === "analytics") return row.phase;
  return row.finishedAt === null ? "reading" : "done";
}

/** ImportRun.errorReport as importEcomOrders writes it (`reason` is the issue's message). */
function readErrorReport(value: Prisma.JsonValue): {
  total: number;
  omitted: number;
  issues: ImportIssue[];
} {
  const report = isObject(value) ? value : {};
  const issues = Array.isArray(report.issues) ? report.issues : [];
  return {
    total: typeof report.total === "number" ? report.total : issues.length,
    omitted: typeof report.omitted === "number" ? report.omitted : 0,
    issues: issues.filter(isObject).map((issue) => ({
      line: typeof issue.line === "number" ? issue.line : 0,
      column: typeof issue.column === "string" ? issue.column : null,
      message: typeof issue.reason === "string" ? issue.reason : String(issue.message ?? ""),
      orderNumber: typeof issue.orderNumber === "string" ? issue.orderNumber : null,
    })),
  };
}

function isObject(value: unknown): value is Record<string, Prisma.JsonValue> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
