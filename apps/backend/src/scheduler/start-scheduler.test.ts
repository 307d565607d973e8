import { type Database, openDatabase } from "@greenloop/db";
import {
  deferred,
  openTestDatabase,
  testDatabaseKind,
  useTestCleanup,
} from "@greenloop/db/testing";
import { DomainError } from "@greenloop/order-sync/errors";
import type { LightspeedClient } from "@greenloop/order-sync/lightspeed";
import { describe, expect, it, vi } from "vitest";
import { createPollJob } from "../ingestion/polling/poll-job";
import { pollRetail } from "../ingestion/polling/poll-retail";
import {
  connectTestClient,
  mirrorVersions,
  startTestSimulator,
  storeVersions,
} from "../ingestion/polling/testing/simulated-lightspeed";
import { createLogger } from "../logger";
import { jobLockKeys } from "./job-lock-keys";
import type { ScheduledJob } from "./scheduled-job";
import { type JobOutcome, startScheduler } from "./start-scheduler";

const cleanup = useTestCleanup();

function captureLogs() {
  const lines: Array<Record<string, unknown>> = [];
  const logger = createLogger({
    level: "info",
    destination: { write: (line: string) => lines.push(JSON.parse(line)) },
  });
  return { logger, messages: () => lines.map((line) => String(line.msg)) };
}

async function openDb() {
  const db = await openTestDatabase();
  cleanup.defer(() => db.close());
  return db;
}

/** A scheduler (paused: runs only when asked) with the poll job over a simulated store. */
async function startPausedPollScheduler() {
  const db = await openDb();
  const sim = await startTestSimulator(cleanup);
  const { logger, messages } = captureLogs();
  const client = connectTestClient(sim);
  const scheduler = startScheduler({
    db,
    logger,
    jobs: [createPollJob({ db, client, syncIntervalMs: 15 * 60_000 })],
    paused: true,
  });
  cleanup.defer(() => scheduler.stop());
  return { db, sim, client, scheduler, messages };
}

describe(`startScheduler (${testDatabaseKind})`, () => {
  it("runs the poll job, which mirrors X-Series and records its runs", async () => {
    const { db, sim, scheduler } = await startPausedPollScheduler();
    expect(scheduler.jobNames).toEqual(["poll"]);

    const outcome = await scheduler.runNow("poll");
    expect(outcome).toMatchObject({ status: "completed", result: { ok: true } });
    expect(await mirrorVersions(db)).toEqual(storeVersions(sim));
    const runs = await db.prisma.jobRun.findMany({
      select: { job: true, trigger: true, status: true },
      orderBy: { job: "asc" },
    });
    expect(runs).toEqual([
      { job: "poll.customers", trigger: "manual", status: "SUCCEEDED" },
      { job: "poll.sales", trigger: "manual", status: "SUCCEEDED" },
    ]);
  });

  it("never overlaps the poll with a concurrent manual sync (the job lock)", async () => {
    const { db, sim, client, scheduler, messages } = await startPausedPollScheduler();

    // `pnpm cli sync` in another process (on PostgreSQL really another connection pool; PGlite
    // has one process per data directory, so there it is this process's own guard).
    let cli: Database = db;
    if (db.databaseUrl) {
      const other = await openDatabase({ databaseUrl: db.databaseUrl, poolSize: 2 });
      cleanup.defer(() => other.close());
      cli = other;
    }
    // While the manual sync holds the lock (after its first page), the scheduled poll tries.
    let during: JobOutcome | undefined;
    const gated: Pick<LightspeedClient, "listSales" | "listCustomers"> = {
      listSales: (options) => client.listSales(options),
      async *listCustomers(options) {
        for await (const page of client.listCustomers(options)) {
          yield page;
          during ??= await scheduler.runNow("poll");
        }
      },
    };
    const manual = await cli.withJobLock(jobLockKeys.poll, () =>
      pollRetail({ db: cli, client: gated, trigger: "cli" }),
    );
    expect(manual).toMatchObject({ acquired: true, result: { ok: true } });
    expect(during).toEqual({ status: "skipped", reason: "locked" });
    expect(messages()).toContain("skipped: another process is running this job");

    // Once the sync is done, the scheduled poll runs and finds nothing new.
    const after = await scheduler.runNow("poll");
    expect(after).toMatchObject({ status: "completed", result: { ok: true } });
    const runs = await db.prisma.jobRun.findMany({
      select: { job: true, trigger: true, records: true, startedAt: true, finishedAt: true },
      orderBy: { startedAt: "asc" },
    });
    expect(runs.map(({ job, trigger, records }) => ({ job, trigger, records }))).toEqual([
      { job: "poll.customers", trigger: "cli", records: sim.store.customers().length },
      { job: "poll.sales", trigger: "cli", records: sim.store.sales().length },
      { job: "poll.customers", trigger: "manual", records: 0 },
      { job: "poll.sales", trigger: "manual", records: 0 },
    ]);
    for (const [index, run] of runs.entries()) {
      const previous = runs[index - 1];
      if (previous)
        expect(run.startedAt.getTime()).toBeGreaterThanOrEqual(
          previous.finishedAt?.getTime() ?? Infinity,
        );
    }
  });

  it("runs an interval job when its time comes, and skips ticks while it is still running", async () => {
    const db = await openDb();
    const { logger, messages } = captureLogs();
    vi.useFakeTimers({
      toFake: ["setTimeout", "clearTimeout", "Date"],
      now: new Date("2026-03-02T10:00:00.000Z"),
    });
    cleanup.defer(() => vi.useRealTimers());
    const triggers: string[] = [];
    const started = deferred();
    const release = deferred();
    const job: ScheduledJob = {
      name: "tick",
      lockKey: 0x67_6c_ff_01,
      schedule: { everyMs: 10_000 },
      async run({ trigger }) {
        triggers.push(trigger);
        started.resolve();
        await release.promise;
      },
    };
    const scheduler = startScheduler({ db, logger, jobs: [job] });
    cleanup.defer(() => scheduler.stop());
    expect(scheduler.nextRun("tick")?.toISOString()).toBe("2026-03-02T10:00:10.000Z");

    await vi.advanceTimersByTimeAsync(9_000);
    expect(triggers).toEqual([]);
    await vi.advanceTimersByTimeAsync(1_500);
    await started.promise;
    expect(triggers).toEqual(["schedule"]);

    // Two more intervals pass while the first run is still going: no second run starts.
    await vi.advanceTimersByTimeAsync(20_000);
    expect(triggers).toEqual(["schedule"]);
    expect(messages()).toContain("skipped: the previous run is still going");
    expect(await scheduler.runNow("tick")).toEqual({ status: "skipped", reason: "running" });

    release.resolve();
    await scheduler.stop();
    vi.useRealTimers();
    expect(triggers).toEqual(["schedule"]);
  });

  it("schedules a cron job (the weekly analytics slot) by its pattern and time zone", async () => {
    const db = await openDb();
    const job: ScheduledJob = {
      name: "weekly",
      lockKey: jobLockKeys.analytics,
      schedule: { cron: "0 0 4 * * MON", timezone: "America/Chicago" },
      run: async () => undefined,
    };
    const scheduler = startScheduler({ db, logger: captureLogs().logger, jobs: [job] });
    cleanup.defer(() => scheduler.stop());
    const next = scheduler.nextRun("weekly");
    const local = new Intl.DateTimeFormat("en-US", {
      timeZone: "America/Chicago",
      weekday: "short",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }).format(next ?? undefined);
    expect(local).toBe("Mon 04:00");
    expect((next?.getTime() ?? 0) - Date.now()).toBeLessThanOrEqual(7 * 86_400_000);
  });

  it("logs a job that throws and records it as a failed run", async () => {
    const db = await openDb();
    const { logger, messages } = captureLogs();
    const job: ScheduledJob = {
      name: "broken",
      lockKey: 0x67_6c_ff_02,
      schedule: { everyMs: 60_000 },
      run: async () => {
        throw new Error("disk on fire");
      },
    };
    const scheduler = startScheduler({ db, logger, jobs: [job], paused: true });
    cleanup.defer(() => scheduler.stop());
    const outcome = await scheduler.runNow("broken");
    expect(outcome.status).toBe("failed");
    expect(messages()).toContain("job failed unexpectedly");
    expect(
      await db.prisma.jobRun.findMany({
        select: { job: true, trigger: true, status: true, error: true },
      }),
    ).toEqual([{ job: "broken", trigger: "manual", status: "FAILED", error: "disk on fire" }]);
    // The scheduler goes on: the lock was released, so the next run is attempted again.
    expect((await scheduler.runNow("broken")).status).toBe("failed");
  });

  it("records a domain error's code with the failed run, so the history knows whether to retry", async () => {
    const db = await openDb();
    const { logger } = captureLogs();
    const job: ScheduledJob = {
      name: "unreachable",
      lockKey: 0x67_6c_ff_03,
      schedule: { everyMs: 60_000 },
      run: async () => {
        throw new DomainError("UNAVAILABLE", "Lightspeed timed out");
      },
    };
    const scheduler = startScheduler({ db, logger, jobs: [job], paused: true });
    cleanup.defer(() => scheduler.stop());
    expect((await scheduler.runNow("unreachable")).status).toBe("failed");
    expect(
      await db.prisma.jobRun.findMany({ select: { job: true, error: true, details: true } }),
    ).toEqual([
      { job: "unreachable", error: "Lightspeed timed out", details: { errorCode: "UNAVAILABLE" } },
    ]);
  });

  it("stop() aborts a running job and waits until it has finished", async () => {
    const db = await openDb();
    const started = deferred();
    let finished = false;
    const job: ScheduledJob = {
      name: "long",
      lockKey: 0x67_6c_ff_03,
      schedule: { everyMs: 60_000 },
      async run({ signal }) {
        started.resolve();
        await new Promise((resolve) => signal.addEventListener("abort", resolve, { once: true }));
        await Promise.resolve(); // a last write after the abort
        finished = true;
        return "stopped cleanly";
      },
    };
    const scheduler = startScheduler({
      db,
      logger: captureLogs().logger,
      jobs: [job],
      paused: true,
    });
    const run = scheduler.runNow("long");
    await started.promise;
    await scheduler.stop();
    expect(finished).toBe(true);
    expect(await run).toEqual({ status: "completed", result: "stopped cleanly" });
    expect(await scheduler.runNow("long")).toEqual({ status: "skipped", reason: "stopped" });
    expect(scheduler.nextRun("long")).toBeNull();
  });
});
