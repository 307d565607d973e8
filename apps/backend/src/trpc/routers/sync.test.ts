// The sync procedures over a real database and the simulator's clock: each answers what its
// domain function answers; acknowledging and replaying change the rows; runNow runs a real
// (paused) scheduler's job; operator procedures refuse a viewer.
import { randomUUID } from "node:crypto";
import { type TestDatabase, testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { DomainError } from "@greenloop/order-sync/errors";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../logger";
import { emptyStore, importStoreExport, ingestRetail } from "../../merge/testing/merge-harness";
import { evaluateAlerts } from "../../monitoring/alerts/evaluate-alerts";
import { testAlertSettings } from "../../monitoring/alerts/testing/test-alert-settings";
import { listEcomBacklog } from "../../monitoring/delays/ecom-backlog";
import { getSyncDelayReport, slowestSyncedOrders } from "../../monitoring/delays/sync-delay-report";
import { getSyncStatus } from "../../monitoring/sync-status";
import { jobLockKeys } from "../../scheduler/job-lock-keys";
import type { ScheduledJob } from "../../scheduler/scheduled-job";
import { startScheduler } from "../../scheduler/start-scheduler";
import { openDatabaseForTest } from "../../testing/test-database";
import { testApi, testApiEnv, trpcErrorCode } from "../testing/api-test-kit";

const cleanup = useTestCleanup();
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A test database with eCom orders a minute apart: the first reaches X-Series after an hour, the
 * second after two days, the fourth after five days, the third and fifth never; the export is
 * imported at once and X-Series polled every six hours for `days`.
 */
async function storeWithDelays(days: number) {
  const db = await openDatabaseForTest(cleanup);
  const store = emptyStore(5);
  const orders = [HOUR, 2 * DAY, 3650 * DAY, 5 * DAY, 3650 * DAY].map((delayMs) => {
    store.advanceClock(MINUTE);
    return store.placeEcomOrder({ delayMs });
  });
  store.advanceClock(MINUTE);
  await importStoreExport(db, store);
  const until = store.now().getTime() + days * DAY;
  while (store.now().getTime() < until) {
    store.advanceClock(6 * HOUR);
    await ingestRetail(db, { sales: store.sales(), customers: store.customers() });
  }
  return { db, store, orders };
}

const silentLogger = createLogger({ level: "silent" });

/** A job run every minute under its own lock key. */
function everyMinute(name: "monitoring" | "analytics", run: ScheduledJob["run"]): ScheduledJob {
  return { name, lockKey: jobLockKeys[name], schedule: { everyMs: MINUTE }, run };
}

/** A scheduler with its timers paused (only runNow runs a job), stopped after the test. */
function pausedScheduler(db: TestDatabase, jobs: ScheduledJob[]) {
  const scheduler = startScheduler({ db, logger: silentLogger, paused: true, jobs });
  cleanup.defer(() => scheduler.stop());
  return scheduler;
}

describe(`sync.status (${testDatabaseKind})`, () => {
  it("answers getSyncStatus, with the scheduler's jobs when it runs any", async () => {
    const { db, store } = await storeWithDelays(1);
    const now = store.now();
    await db.prisma.jobRun.createMany({
      data: [
        {
          job: "poll.sales",
          trigger: "schedule",
          status: "SUCCEEDED",
          startedAt: new Date(now.getTime() - HOUR),
          pages: 2,
          records: 9,
        },
        {
          job: "analytics",
          trigger: "schedule",
          status: "FAILED",
          startedAt: new Date(now.getTime() - 2 * HOUR),
          error: "models are refitting",
        },
      ],
    });
    await db.prisma.webhookDelivery.createMany({
      data: [
        { dedupeKey: "a", type: "sale.update", rawBody: "{}", status: "DEAD", attempts: 8 },
        { dedupeKey: "b", type: "sale.update", rawBody: "{}", status: "PENDING" },
      ],
    });
    const { caller, context } = await testApi(db, "viewer", { now: () => now });

    const status = await caller.sync.status();
    const domain = await getSyncStatus(db, { syncIntervalMs: context.config.syncIntervalMs, now });
    expect(status).toEqual({ ...domain, scheduler: null });
    expect(status.webhooks).toMatchObject({ dead: 1, pending: 1 });
    expect(status.ecomImport.lastRun).toMatchObject({ status: "SUCCEEDED", rowsRejected: 0 });
    expect(status.ecomImport.lastSuccessAt).not.toBeNull();
    expect(status.lastJobRuns.map((run) => [run.job, run.status])).toEqual([
      ["analytics", "FAILED"],
      ["poll.sales", "SUCCEEDED"],
    ]);

    const scheduler = pausedScheduler(db, [everyMinute("monitoring", async () => null)]);
    const withJobs = await testApi(db, "viewer", { now: () => now, jobs: scheduler });
    expect((await withJobs.caller.sync.status()).scheduler).toEqual({
      jobs: [{ name: "monitoring", nextRunAt: scheduler.nextRun("monitoring") }],
    });
  });
});

describe(`sync.runNow (${testDatabaseKind})`, () => {
  it("runs a job of the running scheduler and answers its outcome", async () => {
    const db = await openDatabaseForTest(cleanup);
    let runs = 0;
    const scheduler = pausedScheduler(db, [
      everyMinute("monitoring", async ({ trigger }) => {
        runs += 1;
        return { runs, trigger };
      }),
      everyMinute("analytics", async () => {
        throw new DomainError("CONFLICT", "the models are being refitted");
      }),
    ]);
    const { caller } = await testApi(db, "operator", { jobs: scheduler });

    expect(await caller.sync.runNow({ job: "monitoring" })).toEqual({
      job: "monitoring",
      status: "completed",
      result: { runs: 1, trigger: "manual" },
    });
    expect(runs).toBe(1);

    expect(await caller.sync.runNow({ job: "analytics" })).toEqual({
      job: "analytics",
      status: "failed",
      error: { code: "CONFLICT", message: "the models are being refitted" },
    });
    expect(
      await db.prisma.jobRun.findMany({ select: { job: true, trigger: true, status: true } }),
    ).toEqual([{ job: "analytics", trigger: "manual", status: "FAILED" }]);

    // A job this scheduler does not run (poll needs Lightspeed configured), and bad inputs.
    expect(await trpcErrorCode(caller.sync.runNow({ job: "poll" }))).toBe("SERVICE_UNAVAILABLE");
    expect(await trpcErrorCode(caller.sync.runNow({} as never))).toBe("BAD_REQUEST");
    expect(await trpcErrorCode(caller.sync.runNow({ job: "everything" } as never))).toBe(
      "BAD_REQUEST",
    );
    expect(runs).toBe(1);

    const viewer = await testApi(db, "viewer", { jobs: scheduler });
    expect(await trpcErrorCode(viewer.caller.sync.runNow({ job: "monitoring" }))).toBe("FORBIDDEN");
    expect(runs).toBe(1);
  });

  it("is unavailable when the server runs no jobs", async () => {
    const db = await openDatabaseForTest(cleanup);
    const { caller } = await testApi(db, "operator");
    expect(await trpcErrorCode(caller.sync.runNow({ job: "monitoring" }))).toBe(
      "SERVICE_UNAVAILABLE",
    );
  });
});

describe(`sync.delays and sync.missing (${testDatabaseKind})`, () => {
  it("answer the delay report and the backlog, a page at a time", async () => {
    const { db, store, orders } = await storeWithDelays(4);
    const env = testApiEnv({ MISSING_ORDER_ALERT_DAYS: "3", STORE_TIMEZONE: store.timeZone });
    const { caller } = await testApi(db, "viewer", { env, now: () => store.now() });

    const delays = await caller.sync.delays({ slowest: 1 });
    const { orders: synced, ...report } = await getSyncDelayReport(db, {
      now: store.now(),
      timeZone: store.timeZone,
    });
    expect(synced.length).toBe(2);
    expect(delays).toEqual({ ...report, slowest: slowestSyncedOrders(synced, 1) });
    expect(delays.slowest[0]?.ecomOrderNumber).toBe(orders[1]?.orderNumber);
    expect(delays.backlog.count).toBe(3);

    // Default: MISSING_ORDER_ALERT_DAYS (3); all three are four days old.
    const missing = await caller.sync.missing({});
    expect(missing.days).toBe(3);
    const backlog = await listEcomBacklog(db, { now: store.now(), minAgeDays: 3 });
    expect(missing.orders).toEqual(backlog);
    expect(missing).toMatchObject({ total: 3, nextCursor: null });
    expect((await caller.sync.missing({ days: 5 })).orders).toEqual([]);

    // Page by page; the last order of the first page reaches X-Series before the next is read,
    // and still marks the place.
    const first = await caller.sync.missing({ days: 0, limit: 2 });
    expect(first.orders.map((order) => order.ecomOrderNumber)).toEqual(
      [orders[2], orders[3]].map((order) => order?.orderNumber),
    );
    store.advanceClock(2 * DAY);
    await ingestRetail(db, { sales: store.sales() });
    const second = await caller.sync.missing({ days: 0, limit: 2, cursor: first.nextCursor ?? "" });
    expect(second.orders.map((order) => order.ecomOrderNumber)).toEqual([orders[4]?.orderNumber]);
    expect(await listEcomBacklog(db, { now: store.now() })).toHaveLength(2);
    expect(second).toMatchObject({ total: 2, nextCursor: null });
    expect(await trpcErrorCode(caller.sync.missing({ cursor: "not-a-cursor" }))).toBe(
      "BAD_REQUEST",
    );
  });
});

describe(`sync.alerts and sync.acknowledgeAlert (${testDatabaseKind})`, () => {
  it("lists alerts by status a page at a time, and acknowledges an open one once", async () => {
    const { db, store, orders } = await storeWithDelays(4);
    await evaluateAlerts(db, {
      now: store.now(),
      settings: testAlertSettings({ timeZone: store.timeZone }),
    });
    const now = store.now();
    const { caller } = await testApi(db, "operator", { now: () => now });

    const all = await caller.sync.alerts({});
    expect(all.counts).toEqual({ OPEN: 3, ACKNOWLEDGED: 0, RESOLVED: 0 });
    expect(all.alerts.map((alert) => alert.subjectKey).sort()).toEqual(
      [orders[2], orders[3], orders[4]].map((order) => order?.orderNumber).sort(),
    );
    const first = await caller.sync.alerts({ limit: 2 });
    const second = await caller.sync.alerts({ limit: 2, cursor: first.nextCursor ?? "" });
    expect([...first.alerts, ...second.alerts]).toEqual(all.alerts);
    expect(second.nextCursor).toBeNull();

    const target = all.alerts[0];
    if (!target) throw new Error("no alert");
    const viewer = await testApi(db, "viewer");
    expect(await trpcErrorCode(viewer.caller.sync.acknowledgeAlert({ id: target.id }))).toBe(
      "FORBIDDEN",
    );

    const acknowledged = await caller.sync.acknowledgeAlert({ id: target.id });
    expect(acknowledged).toEqual({
      changed: true,
      alert: { ...target, status: "ACKNOWLEDGED", acknowledgedAt: now },
    });
    const later = await testApi(db, "operator", { now: () => new Date(now.getTime() + HOUR) });
    expect(await later.caller.sync.acknowledgeAlert({ id: target.id })).toEqual({
      changed: false,
      alert: acknowledged.alert,
    });
    const stored = await db.prisma.syncAlert.findUniqueOrThrow({
      where: { id: target.id },
      select: { status: true, acknowledgedAt: true },
    });
    expect(stored).toEqual({ status: "ACKNOWLEDGED", acknowledgedAt: now });
    expect((await caller.sync.alerts({ status: "ACKNOWLEDGED" })).alerts).toEqual([
      acknowledged.alert,
    ]);
    expect((await caller.sync.alerts({ status: "OPEN" })).counts).toEqual({
      OPEN: 2,
      ACKNOWLEDGED: 1,
      RESOLVED: 0,
    });

    const forged = Buffer.from(JSON.stringify([now.toISOString(), "1' OR 1=1"])).toString(
      "base64url",
    );
    expect(await trpcErrorCode(caller.sync.alerts({ cursor: forged }))).toBe("BAD_REQUEST");
    expect(await trpcErrorCode(caller.sync.acknowledgeAlert({ id: randomUUID() }))).toBe(
      "NOT_FOUND",
    );
    expect(await trpcErrorCode(caller.sync.acknowledgeAlert({} as never))).toBe("BAD_REQUEST");
  });
});

describe(`sync.webhookDeliveries and sync.replayDeadLetters (${testDatabaseKind})`, () => {
  it("lists deliveries without their bodies, and puts dead letters back in the queue", async () => {
    const db = await openDatabaseForTest(cleanup);
    const t0 = Date.parse("2026-03-02T10:00:00Z");
    const statuses = ["DEAD", "DONE", "DEAD", "PENDING", "DEAD"] as const;
    await db.prisma.webhookDelivery.createMany({
      data: statuses.map((status, i) => ({
        dedupeKey: `delivery-${i}`,
        type: "customer.update",
        objectId: `object-${i}`,
        rawBody: `payload=${JSON.stringify({ email: `person${i}@example.com` })}`,
        status,
        attempts: status === "DEAD" ? 8 : 1,
        lastError: status === "DEAD" ? "X-Series answered 500" : null,
        receivedAt: new Date(t0 + i * MINUTE),
      })),
    });
    const ids = await db.prisma.webhookDelivery.findMany({
      where: { status: "DEAD" },
      orderBy: { receivedAt: "desc" },
      select: { id: true },
    });
    const dead = ids.map((row) => row.id);
    const viewer = await testApi(db, "viewer");

    const first = await viewer.caller.sync.webhookDeliveries({ status: "DEAD", limit: 2 });
    expect(first.deliveries.map((d) => d.id)).toEqual(dead.slice(0, 2));
    expect(first.deliveries[0]).toMatchObject({
      type: "customer.update",
      objectId: "object-4",
      attempts: 8,
      lastError: "X-Series answered 500",
    });
    expect(Object.keys(first.deliveries[0] ?? {})).not.toContain("rawBody");
    expect(JSON.stringify(first)).not.toContain("@example.com");
    const second = await viewer.caller.sync.webhookDeliveries({
      status: "DEAD",
      limit: 2,
      cursor: first.nextCursor ?? "",
    });
    expect(second.deliveries.map((d) => d.id)).toEqual(dead.slice(2));
    expect(second.nextCursor).toBeNull();
    expect((await viewer.caller.sync.webhookDeliveries({})).deliveries).toHaveLength(5);
    expect(await trpcErrorCode(viewer.caller.sync.webhookDeliveries({ cursor: "nope" }))).toBe(
      "BAD_REQUEST",
    );

    expect(await trpcErrorCode(viewer.caller.sync.replayDeadLetters({ all: true }))).toBe(
      "FORBIDDEN",
    );
    const { caller } = await testApi(db, "operator");
    expect(await trpcErrorCode(caller.sync.replayDeadLetters({} as never))).toBe("BAD_REQUEST");
    expect(await trpcErrorCode(caller.sync.replayDeadLetters({ ids: [] }))).toBe("BAD_REQUEST");

    const [one, ...rest] = dead;
    expect(await caller.sync.replayDeadLetters({ ids: [one ?? ""] })).toEqual({
      replayed: [one],
      skipped: [],
    });
    expect(await caller.sync.replayDeadLetters({ all: true })).toEqual({
      replayed: [...rest].sort(),
      skipped: [],
    });
    const after = await db.prisma.webhookDelivery.findMany({
      where: { id: { in: dead } },
      select: { status: true, attempts: true },
    });
    expect(after).toEqual(dead.map(() => ({ status: "PENDING", attempts: 0 })));
    expect(await caller.sync.replayDeadLetters({ ids: [one ?? ""] })).toEqual({
      replayed: [],
      skipped: [{ id: one, status: "PENDING" }],
    });
  });
});
