// Polls one X-Series list by the version cursor (reference §4.1) into its raw mirror. Each page's
// records and the advanced cursor are written in ONE transaction: a crash re-reads at most one
// page, and the cursor never gets ahead of the data. One `JobRun` per resource and run
// (`poll.<resource>`). Callers hold the poll job lock (`jobLockKeys.poll`).
import type { Database, Prisma } from "@greenloop/db";
import { type DomainErrorCode, isDomainError } from "@greenloop/order-sync/errors";
import type {
  ListOptions,
  MalformedRecord,
  ParsedRecord,
  VersionPage,
} from "@greenloop/order-sync/lightspeed";
import type { Logger } from "../../logger";
import type { MirrorWriteResult } from "../upsert-by-version";
import { advanceSyncCursor, type PolledResource, readSyncCursor } from "./sync-cursor";

/** `JobRun.job` of one resource's poll: one row per resource and run. */
export function pollJobName<R extends PolledResource>(resource: R): `poll.${R}` {
  return `poll.${resource}`;
}

/** One list and the mirror it fills. */
export interface PolledSource<R extends PolledResource = PolledResource> {
  resource: R;
  list: (options: ListOptions) => AsyncIterable<VersionPage<unknown>>;
  write: (
    tx: Prisma.TransactionClient,
    records: ParsedRecord<unknown>[],
  ) => Promise<MirrorWriteResult>;
  /**
   * After each page is committed, with the ids whose mirror row actually changed. The page and
   * cursor are already saved, so a failure here cannot be retried by polling: it is logged and
   * counted (`JobRun.details.onRetailChangesFailures`) and the poll goes on.
   */
  onChanged?: (ids: string[]) => Promise<void>;
}

export interface PollProgress {
  resource: PolledResource;
  /** Pages written so far by this run for this resource. */
  pages: number;
  /** Valid records written so far (new, changed or already up to date). */
  records: number;
  /** Malformed records skipped so far. */
  errors: number;
  /** The saved cursor after the page just written. */
  cursor: number;
  /** Where this run started reading (0 for a full re-read). */
  startCursor: number;
}

export interface PollResourceOptions {
  db: Pick<Database, "prisma">;
  /**
   * Re-read everything from version 0. The saved cursor only moves forward (it is never lowered),
   * so a full run that fails midway leaves it where it was: the next incremental poll goes on
   * from there, and nothing already mirrored is lost. A failed full run starts again from 0.
   */
  full?: boolean;
  /** Recorded in `JobRun.trigger`: "cli", "schedule", "manual"… */
  trigger: string;
  /** Stops after the page being written (a request in flight is abandoned and read again next time). */
  signal?: AbortSignal;
  /** After each page is committed. */
  onProgress?: (progress: PollProgress) => void;
  logger?: Logger;
  /**
   * Stamps `JobRun.startedAt`/`finishedAt`: the clock freshness, alerts and /health judge them by
   * (the demo's follows the simulated store). Default: the wall clock.
   */
  now?: () => Date;
}

export type ResourcePollStatus = "succeeded" | "failed" | "interrupted" | "skipped";

export interface ResourcePollResult<R extends PolledResource = PolledResource> {
  resource: R;
  /** `skipped`: not requested, or the run was interrupted before this resource started. */
  status: ResourcePollStatus;
  /** The `JobRun` row of this resource's run (null when skipped). */
  jobRunId: string | null;
  startCursor: number;
  /** The saved cursor at the end. */
  cursor: number;
  pages: number;
  records: number;
  /** Malformed records, skipped (the cursor moves past them; `--full` reads them again). */
  errors: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Pages whose `onChanged` call threw (logged; the poll went on). */
  onRetailChangesFailures: number;
  error: { code: DomainErrorCode; message: string } | null;
}

/** Malformed records kept in `JobRun.details` (ids, versions and issue paths only, no values). */
const maxMalformedDetails = 20;

export async function pollResource<R extends PolledResource>(
  source: PolledSource<R>,
  options: PollResourceOptions,
): Promise<ResourcePollResult<R>> {
  const { resource } = source;
  const { db, signal, logger } = options;
  const job = pollJobName(resource);
  const savedCursor = await readSyncCursor(db.prisma, resource);
  const startCursor = options.full ? 0 : savedCursor;
  const full = options.full === true;
  const now = options.now ?? (() => new Date());

  // We hold the poll lock: a run of this job still marked RUNNING belongs to a process that died.
  await db.prisma.jobRun.updateMany({
    where: { job, status: "RUNNING" },
    data: {
      status: "FAILED",
      finishedAt: now(),
      error: "abandoned: the process running it stopped before it finished",
    },
  });
  const { id: jobRunId } = await db.prisma.jobRun.create({
    data: { job, trigger: options.trigger, startedAt: now(), details: { full, startCursor } },
    select: { id: true },
  });

  const result: ResourcePollResult<R> = {
    ...emptyResult(resource, startCursor),
    status: "succeeded",
    jobRunId,
    cursor: savedCursor,
  };
  const malformed: MalformedRecord[] = [];
  let failure: unknown;

  try {
    const list: ListOptions = { after: startCursor, deleted: true, signal };
    const pages = source.list(list);
    for await (const page of pages) {
      const written = await db.prisma.$transaction(
        async (tx) => {
          const write =
            page.records.length === 0
              ? { inserted: [], updated: [], unchanged: 0 }
              : await source.write(tx, page.records);
          await advanceSyncCursor(tx, resource, page.after);
          await tx.jobRun.update({
            where: { id: jobRunId },
            data: {
              pages: { increment: 1 },
              records: { increment: page.records.length },
              errors: { increment: page.malformed.length },
            },
            select: { id: true },
          });
          return write;
        },
        // A page is at most a few hundred rows; the default 5 s is tight on a busy database.
        { maxWait: 10_000, timeout: 60_000 },
      );
      result.cursor = Math.max(result.cursor, page.after);
      result.pages += 1;
      result.records += page.records.length;
      result.errors += page.malformed.length;
      result.inserted += written.inserted.length;
      result.updated += written.updated.length;
      result.unchanged += written.unchanged;
      malformed.push(...page.malformed.slice(0, maxMalformedDetails - malformed.length));

      const changed = [...written.inserted, ...written.updated];
      if (changed.length > 0 && source.onChanged) {
        try {
          await source.onChanged(changed);
        } catch (error) {
          result.onRetailChangesFailures += 1;
          logger?.error(
            { err: error, resource, changed: changed.length },
            "onRetailChanges failed; the mirror and cursor are saved",
          );
        }
      }
      options.onProgress?.({
        resource,
        pages: result.pages,
        records: result.records,
        errors: result.errors,
        cursor: result.cursor,
        startCursor,
      });
      if (signal?.aborted) break;
    }
  } catch (error) {
    if (!signal?.aborted) failure = error;
  }

  if (signal?.aborted) {
    result.status = "interrupted";
  } else if (failure !== undefined) {
    result.status = "failed";
    result.error = {
      code: isDomainError(failure) ? failure.code : "INTERNAL",
      message: failure instanceof Error ? failure.message : String(failure),
    };
  }

  await db.prisma.jobRun.update({
    where: { id: jobRunId },
    data: {
      status: result.status === "succeeded" ? "SUCCEEDED" : "FAILED",
      finishedAt: now(),
      error:
        result.status === "interrupted"
          ? `interrupted after ${result.pages} page(s); the cursor is saved at ${result.cursor}`
          : (result.error?.message ?? null),
      details: {
        full,
        startCursor,
        endCursor: result.cursor,
        inserted: result.inserted,
        updated: result.updated,
        unchanged: result.unchanged,
        interrupted: result.status === "interrupted",
        onRetailChangesFailures: result.onRetailChangesFailures,
        ...(result.error ? { errorCode: result.error.code } : {}),
        malformed: malformed.map((record) => ({
          id: record.id,
          version: record.version,
          issues: record.issues.map((issue) => issue.path),
        })),
      },
    },
    select: { id: true },
  });

  logOutcome(logger, result, failure);
  return result;
}

/** A resource's result before any page: skipped, with nothing read. */
function emptyResult<R extends PolledResource>(resource: R, cursor: number): ResourcePollResult<R> {
  return {
    resource,
    status: "skipped",
    jobRunId: null,
    startCursor: cursor,
    cursor,
    pages: 0,
    records: 0,
    errors: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    onRetailChangesFailures: 0,
    error: null,
  };
}

function logOutcome(logger: Logger | undefined, result: ResourcePollResult, failure: unknown) {
  if (!logger) return;
  const { resource, status, pages, records, errors, inserted, updated, cursor } = result;
  const context = { resource, status, pages, records, errors, inserted, updated, cursor };
  if (status === "failed") {
    // Lightspeed being down is expected now and then: no stack. Anything else is a bug.
    if (isDomainError(failure)) logger.warn({ ...context, error: result.error }, "poll failed");
    else logger.error({ ...context, err: failure }, "poll failed unexpectedly");
  } else if (errors > 0) {
    logger.warn(context, "poll skipped malformed records");
  } else {
    logger.info(context, `poll ${status}`);
  }
}

export interface PollListsResult<R extends PolledResource> {
  /** Every requested resource succeeded. */
  ok: boolean;
  interrupted: boolean;
  resources: Record<R, ResourcePollResult<R>>;
}

/**
 * Polls the `requested` lists (default all) one after another, in the order of `all`; the others,
 * and those an interruption left, come back `skipped` with their saved cursor.
 */
export async function pollLists<R extends PolledResource>(
  all: readonly R[],
  requested: readonly R[] | undefined,
  sourceOf: (resource: R) => PolledSource<R>,
  options: PollResourceOptions,
): Promise<PollListsResult<R>> {
  const wanted = new Set(requested ?? all);
  const results = {} as Record<R, ResourcePollResult<R>>;
  for (const resource of all) {
    const run = wanted.has(resource) && !options.signal?.aborted;
    results[resource] = run
      ? await pollResource(sourceOf(resource), options)
      : emptyResult(resource, await readSyncCursor(options.db.prisma, resource));
  }
  const polled = all.filter((resource) => wanted.has(resource)).map((r) => results[r]);
  return {
    ok: polled.every((result) => result.status === "succeeded"),
    interrupted: options.signal?.aborted === true,
    resources: results,
  };
}
