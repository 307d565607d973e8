// Regression: after the store's clock moved 10 days, the sync page's freshness said "stale · last
// poll 10 days ago" and POLL_STALE alerts opened while polls were succeeding, and /health said not
// stale: polls were stamped by the wall clock, /health read the wall clock, freshness and alerts
// the store's. Now one clock (`startBackend`'s `now`) stamps the polls and judges all three.
// Then: the other jobs' runs (analytics, tier sync/segment push, resync, imports) and notifications
// were still stamped by the wall or database clock, so their "last run … ago" disagreed with the
// polls'; and a dead letter replayed after the jump waited 10 days, due by the store's clock while
// the webhook worker claims by the wall clock. Both regressions are tested here.
import { testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { createTRPCClient, httpLink, TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { eventually } from "../cli/testing/eventually";
import { importUploadBody } from "../imports/import-upload-options";
import { startTestSimulator } from "../ingestion/polling/testing/simulated-lightspeed";
import { webhookBody } from "../ingestion/webhooks/testing/webhook-fixtures";
import { webhookDedupeKey } from "../ingestion/webhooks/webhook-inbox";
import { createLogger } from "../logger";
import { openDatabaseForTest } from "../testing/test-database";
import { groupIdByName } from "../tier-sync/testing/tier-sync-fixtures";
import { apiTransformer } from "../trpc/api-transformer";
import type { AppRouter } from "../trpc/root";
import { testApiEnv, testTokens } from "../trpc/testing/api-test-kit";
import { startBackend } from "./start-backend";

const cleanup = useTestCleanup();
const DAY = 86_400_000;

async function backendOnTheStoreClock() {
  const db = await openDatabaseForTest(cleanup);
  const sim = await startTestSimulator(cleanup);
  const env = testApiEnv({
    PORT: "0",
    LIGHTSPEED_BASE_URL: sim.baseUrl,
    LIGHTSPEED_TOKEN: sim.token,
    LIGHTSPEED_DOMAIN_PREFIX: sim.store.domainPrefix,
    SYNC_INTERVAL: "1m",
  });
  const now = () => sim.store.now();
  const backend = await startBackend({
    env,
    db,
    logger: createLogger({ level: "silent" }),
    startedAt: now(),
    now,
    // Jobs run only when the test says: a scheduled run landing between the clock's move and a
    // check (the cron ticks by the wall clock) would decide what the check sees.
    jobsPaused: true,
  });
  cleanup.defer(() => backend.stop());
  const jobs = backend.jobs;
  if (!jobs) throw new Error("ingestion is on: the backend schedules jobs");
  const api = createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${backend.url}/api/trpc`,
        transformer: apiTransformer,
        headers: { authorization: `Bearer ${testTokens.operator}` },
      }),
    ],
  });
  /** Runs a job to completion (a run the API or a previous step started may hold it: then again). */
  const run = (job: string) =>
    eventually(async () => {
      expect((await jobs.runNow(job)).status).toBe("completed");
    });
  /**
   * Waits for every job's run in progress: a run that started before the clock moves and is
   * recorded after it is not what is tested.
   */
  const settleAll = () => Promise.all(jobs.jobNames.map((name) => jobs.settled(name)));
  /** What each of the three says about polling staleness. */
  const verdicts = async () => {
    const health = (await (await fetch(`${backend.url}/health`)).json()) as {
      ingestion: { pollingStale: boolean };
    };
    const status = await api.sync.status.query();
    const openPollStale = (await api.sync.alerts.query({ status: "OPEN" })).alerts.filter(
      (alert) => alert.kind === "POLL_STALE",
    );
    return {
      health: health.ingestion.pollingStale,
      freshness: status.polling.stale,
      alerts: openPollStale.length > 0,
    };
  };
  return { sim, db, api, run, settleAll, verdicts };
}

/**
 * `action`, again while it is refused having done nothing, as the API tells a client to: a running
 * job (the import's analytics, the webhook worker's merge) holds its lock (CONFLICT). Bounded.
 */
async function whenFree<T>(action: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await action();
    } catch (error) {
      const code = error instanceof TRPCClientError ? error.data?.code : undefined;
      if (code !== "CONFLICT" || attempt >= 150) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** The ids of every job run, import run and notification recorded so far. */
async function recordedIds(db: Awaited<ReturnType<typeof openDatabaseForTest>>) {
  const [jobs, imports, notifications] = await Promise.all([
    db.prisma.jobRun.findMany({ select: { id: true } }),
    db.prisma.importRun.findMany({ select: { id: true } }),
    db.prisma.notification.findMany({ select: { id: true } }),
  ]);
  return new Set([...jobs, ...imports, ...notifications].map((row) => row.id));
}

describe(`one clock for freshness, alerts and /health (${testDatabaseKind})`, () => {
  it("agrees on staleness after the store's clock moves 10 days, and none is stale once a poll succeeds", async () => {
    const { sim, run, settleAll, verdicts } = await backendOnTheStoreClock();
    await settleAll();
    await run("poll");
    await run("monitoring");
    expect(await verdicts()).toEqual({ health: false, freshness: false, alerts: false });

    sim.store.advanceClock(10 * DAY);
    await run("monitoring");
    // No poll for 10 days of the store's time: all three say so.
    expect(await verdicts()).toEqual({ health: true, freshness: true, alerts: true });

    await run("poll");
    await run("monitoring");
    expect(await verdicts()).toEqual({ health: false, freshness: false, alerts: false });
  });

  it("stamps every job's runs, import runs and notifications with the store's clock after it moves 10 days", async () => {
    const { sim, db, api, run, settleAll } = await backendOnTheStoreClock();
    await run("poll");
    await settleAll();
    sim.store.advanceClock(10 * DAY);
    const jumpedTo = sim.store.now();
    const before = await recordedIds(db);

    // No poll for 10 days of the store's time: a POLL_STALE alert and its notification.
    await run("monitoring");
    // A new sale: the poll's merge dirties its customer and an incremental analytics run follows.
    const [customer] = sim.store.customers();
    if (!customer) throw new Error("the simulated store has customers");
    sim.store.createSale({ customer_id: customer.id });
    await run("poll");
    for (const job of ["merge", "analytics", "monitoring", "import-runs"]) await run(job);
    // Should a run still hold the lock these need, they are refused with CONFLICT, having done
    // nothing, and the operator is told to try again when it has finished: so does the test.
    await whenFree(() => api.sync.resync.mutate({ resources: ["customers"] }));
    await whenFree(() =>
      api.segmentPush.push.mutate({
        by: "tier",
        segment: "Bloom",
        groupId: groupIdByName(sim.store, "Gold"),
      }),
    );
    const upload = new Blob([sim.store.ecomCsvExport()]);
    const { runId } = await whenFree(() =>
      api.imports.start.mutate(importUploadBody(upload, { fileName: "store-export.csv" })),
    );
    await eventually(async () => {
      const progress = await api.imports.progress.query({ runId });
      expect({ status: progress.status, error: progress.error }).toEqual({
        status: "SUCCEEDED",
        error: null,
      });
    });
    // Its analytics follow the import's end (the import's own run, "analytics:import", recorded
    // when it found customers to score): no customer is left waiting.
    await eventually(async () => {
      expect(await db.prisma.customer.count({ where: { metricsDirtyAt: { not: null } } })).toBe(0);
    });

    await settleAll();
    const storeNow = sim.store.now();
    const onTheStoreClock = (at: Date | null) =>
      at !== null && at.getTime() >= jumpedTo.getTime() && at.getTime() <= storeNow.getTime();
    const [jobRuns, importRuns, notifications] = await Promise.all([
      db.prisma.jobRun.findMany({
        select: { id: true, job: true, trigger: true, startedAt: true, finishedAt: true },
      }),
      db.prisma.importRun.findMany({ select: { id: true, startedAt: true, finishedAt: true } }),
      db.prisma.notification.findMany({ select: { id: true, kind: true, createdAt: true } }),
    ]);
    const fresh = <T extends { id: string }>(rows: T[]) =>
      rows.filter((row) => !before.has(row.id));
    const newRuns = fresh(jobRuns);
    // At least these (a failure the scheduler recorded may add more).
    expect([...new Set(newRuns.map((entry) => `${entry.job}:${entry.trigger}`))]).toEqual(
      expect.arrayContaining([
        "poll.sales:manual",
        "poll.customers:manual",
        "analytics:merge",
        "analytics:manual",
        "resync:manual",
        "segment-push:dashboard:test-operator",
      ]),
    );
    for (const entry of newRuns) {
      expect({
        ...entry,
        onTheStoreClock: onTheStoreClock(entry.startedAt) && onTheStoreClock(entry.finishedAt),
      }).toEqual({ ...entry, onTheStoreClock: true });
    }
    const [imported] = fresh(importRuns);
    expect(
      imported && onTheStoreClock(imported.startedAt) && onTheStoreClock(imported.finishedAt),
    ).toBe(true);
    const newNotifications = fresh(notifications);
    expect(newNotifications.length).toBeGreaterThan(0);
    for (const notification of newNotifications)
      expect(onTheStoreClock(notification.createdAt)).toBe(true);

    // What the Sync health page shows: every job's last run and the last import are "just now".
    const status = await whenFree(() => api.sync.status.query());
    expect(status.polling.checkedAt).toEqual(storeNow);
    // The jobs that record their runs (merge, monitoring and the retry jobs record failures only:
    // a failure of theirs before the move stays their last, stamped on the store's clock then).
    const recording = ["analytics", "poll.customers", "poll.sales", "resync", "segment-push"];
    const lastRuns = status.lastJobRuns.filter((last) => recording.includes(last.job));
    expect(lastRuns.map((last) => last.job).sort()).toEqual(recording);
    for (const last of lastRuns) {
      expect({ job: last.job, justNow: onTheStoreClock(last.startedAt) }).toEqual({
        job: last.job,
        justNow: true,
      });
    }
    for (const last of status.lastJobRuns) {
      expect(last.startedAt.getTime()).toBeLessThanOrEqual(storeNow.getTime());
    }
    expect(status.ecomImport.ageSeconds).toBe(0);
    // The timeline is in order across job runs and imports: the import is among the newest runs.
    const timeline = await whenFree(() => api.sync.runs.query({ limit: 100 }));
    expect(timeline.runs.find((entry) => entry.kind === "import")?.id).toBe(runId);
    expect(
      onTheStoreClock(timeline.runs.find((entry) => entry.id === runId)?.startedAt ?? null),
    ).toBe(true);
  });

  it("processes a dead letter replayed after the store's clock moved 10 days, and ages waiting deliveries by the queue's clock", async () => {
    const { sim, db, api, settleAll } = await backendOnTheStoreClock();
    await settleAll();
    const [sale] = sim.store.sales();
    if (!sale) throw new Error("the simulated store has sales");
    // Stored dead, as after its last attempt (stored pending, the running worker could take it).
    const body = webhookBody({
      type: "sale.update",
      payload: { id: sale.id },
      domainPrefix: sim.store.domainPrefix,
    });
    const { id } = await db.prisma.webhookDelivery.create({
      data: {
        dedupeKey: webhookDedupeKey(new TextEncoder().encode(body)),
        type: "sale.update",
        domainPrefix: sim.store.domainPrefix,
        objectId: sale.id,
        rawBody: body,
        status: "DEAD",
        attempts: 20,
        lastError: "UNAVAILABLE: Lightspeed answered 503",
      },
      select: { id: true },
    });
    // One waiting for its next attempt an hour from now (received just now, by the queue's clock).
    const waitingBody = webhookBody({
      type: "sale.update",
      payload: { id: sale.id, waiting: true },
      domainPrefix: sim.store.domainPrefix,
    });
    await db.prisma.webhookDelivery.create({
      data: {
        dedupeKey: webhookDedupeKey(new TextEncoder().encode(waitingBody)),
        type: "sale.update",
        domainPrefix: sim.store.domainPrefix,
        objectId: sale.id,
        rawBody: waitingBody,
        attempts: 1,
        nextAttemptAt: new Date(Date.now() + 3_600_000),
      },
      select: { id: true },
    });
    // The store's clock 10 days ahead of the wall clock, as in the demo after a jump.
    sim.store.advanceClock(Math.max(0, Date.now() - sim.store.now().getTime()) + 10 * DAY);
    // The waiting delivery is as old as it is by the queue's clock, not 10 days by the store's.
    const { webhooks } = await whenFree(() => api.sync.status.query());
    expect(webhooks.oldestPendingAgeSeconds).toBeLessThan(3_600);
    expect(await whenFree(() => api.sync.replayDeadLetters.mutate({ ids: [id] }))).toMatchObject({
      replayed: [id],
    });
    // Due by the worker's clock: taken at its next pass, not 10 days from now.
    await eventually(async () => {
      const delivery = await db.prisma.webhookDelivery.findUniqueOrThrow({
        where: { id },
        select: { status: true },
      });
      expect(delivery.status).toBe("DONE");
    });
  });
});
