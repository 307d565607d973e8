// The pipeline's own alerts with a controlled clock: polling failing or stale beyond two intervals,
// webhook dead letters, webhook signature failures spiking, an import with many rejected rows.
import type { Database } from "@greenloop/db";
import { testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { describe, expect, it } from "vitest";
import { incrementOperationalCounter } from "../../ingestion/webhooks/operational-counter";
import { replayDeadDeliveries } from "../../ingestion/webhooks/replay-dead-deliveries";
import { webhookCounters } from "../../ingestion/webhooks/webhook-inbox";
import { openDatabaseForTest } from "../../testing/test-database";
import type { AlertKind } from "./alert-rule";
import { evaluateAlerts } from "./evaluate-alerts";
import { hasManyRejections } from "./import-rejection-rule";
import { rejectionsInWindow } from "./signature-spike-rule";
import { testAlertSettings } from "./testing/test-alert-settings";

const cleanup = useTestCleanup();
const MINUTE = 60_000;
const t0 = new Date("2026-03-02T15:00:00.000Z").getTime();
const at = (minutes: number) => new Date(t0 + minutes * MINUTE);

async function alertsOf(db: Pick<Database, "prisma">, kind: AlertKind) {
  return db.prisma.syncAlert.findMany({
    where: { kind },
    select: { subjectKey: true, status: true, message: true },
    orderBy: { subjectKey: "asc" },
  });
}

async function statusesOf(db: Pick<Database, "prisma">, kind: AlertKind) {
  return (await alertsOf(db, kind)).map((alert) => alert.status);
}

async function notificationTitles(db: Pick<Database, "prisma">) {
  const rows = await db.prisma.notification.findMany({
    select: { title: true },
    orderBy: [{ createdAt: "asc" }, { title: "asc" }],
  });
  return rows.map((row) => row.title);
}

/** The one alert of `kind` is resolved, having notified twice: as it opened, as it resolved. */
async function expectOpenedThenResolved(
  db: Pick<Database, "prisma">,
  kind: AlertKind,
  titles: [opened: string, resolved: string],
) {
  expect(await statusesOf(db, kind)).toEqual(["RESOLVED"]);
  expect(await notificationTitles(db)).toEqual(titles);
}

async function pollRun(
  db: Pick<Database, "prisma">,
  resource: "sales" | "customers",
  minute: number,
  status: "SUCCEEDED" | "FAILED",
) {
  await db.prisma.jobRun.create({
    data: {
      job: `poll.${resource}`,
      trigger: "schedule",
      status,
      startedAt: at(minute - 1),
      finishedAt: at(minute),
      ...(status === "FAILED" ? { error: "HTTP 401: token revoked" } : {}),
    },
    select: { id: true },
  });
}

describe(`evaluateAlerts: pipeline alerts (${testDatabaseKind})`, () => {
  it("opens POLL_STALE and POLL_FAILING beyond two sync intervals, once, and resolves them", async () => {
    const db = await openDatabaseForTest(cleanup);
    const settings = testAlertSettings({
      polling: { syncIntervalMs: 15 * MINUTE, watchingSince: at(0) },
    });
    const evaluate = (minute: number) => evaluateAlerts(db, { now: at(minute), settings });

    // Just started and nothing polled yet: not stale before two intervals have passed.
    await evaluate(10);
    await evaluate(30);
    expect(await alertsOf(db, "POLL_STALE")).toEqual([]);
    await evaluate(31);
    await evaluate(32);
    expect((await alertsOf(db, "POLL_STALE")).map((a) => [a.subjectKey, a.status])).toEqual([
      ["customers", "OPEN"],
      ["sales", "OPEN"],
    ]);

    await pollRun(db, "sales", 33, "SUCCEEDED");
    await pollRun(db, "customers", 33, "SUCCEEDED");
    await evaluate(34);
    expect(await statusesOf(db, "POLL_STALE")).toEqual(["RESOLVED", "RESOLVED"]);

    // Sales polls start failing (customers keep succeeding): failing once 30 minutes pass.
    for (const minute of [48, 63]) {
      await pollRun(db, "sales", minute, "FAILED");
      await pollRun(db, "customers", minute, "SUCCEEDED");
    }
    await evaluate(63);
    expect(await alertsOf(db, "POLL_FAILING")).toEqual([]);
    await pollRun(db, "sales", 64, "FAILED");
    await evaluate(64);
    await evaluate(65);
    expect(await alertsOf(db, "POLL_FAILING")).toEqual([
      {
        subjectKey: "sales",
        status: "OPEN",
        message: expect.stringContaining("the last run failed: HTTP 401: token revoked"),
      },
    ]);
    expect(await statusesOf(db, "POLL_STALE")).toEqual(["RESOLVED", "RESOLVED"]);

    await pollRun(db, "sales", 79, "SUCCEEDED");
    await evaluate(80);
    expect(await statusesOf(db, "POLL_FAILING")).toEqual(["RESOLVED"]);

    // Later the scheduler dies: stale again, the resolved alerts reopen (and notify again).
    await evaluate(130);
    expect(await statusesOf(db, "POLL_STALE")).toEqual(["OPEN", "OPEN"]);
    expect(await notificationTitles(db)).toEqual([
      "X-Series customers are not being polled",
      "X-Series sales are not being polled",
      "Polling X-Series customers recovered",
      "Polling X-Series sales recovered",
      "Polling X-Series sales is failing",
      "Polling X-Series sales recovered",
      "X-Series customers are not being polled",
      "X-Series sales are not being polled",
    ]);
  });

  it("raises no polling alert when nothing polls (Lightspeed not configured)", async () => {
    const db = await openDatabaseForTest(cleanup);
    const result = await evaluateAlerts(db, { now: at(600), settings: testAlertSettings() });
    expect(result.transitions.map((t) => t.kind)).not.toContain("POLL_STALE");
    expect(await db.prisma.syncAlert.count()).toBe(0);
  });

  it("alerts on webhook dead letters until they are replayed", async () => {
    const db = await openDatabaseForTest(cleanup);
    const settings = testAlertSettings();
    const dead = (n: number) =>
      db.prisma.webhookDelivery.create({
        data: {
          dedupeKey: `d${n}`,
          type: "sale.update",
          rawBody: "{}",
          status: "DEAD",
          attempts: 8,
          lastError: "HTTP 500",
          receivedAt: at(n),
        },
        select: { id: true },
      });
    await dead(1);
    await evaluateAlerts(db, { now: at(2), settings });
    await dead(3);
    await evaluateAlerts(db, { now: at(4), settings });
    const [alert] = await alertsOf(db, "WEBHOOK_DEAD_LETTER");
    expect(alert).toMatchObject({
      status: "OPEN",
      message: expect.stringMatching(/^2 webhook deliveries/),
    });
    await replayDeadDeliveries(db, { now: at(5) });
    await evaluateAlerts(db, { now: at(6), settings });
    await expectOpenedThenResolved(db, "WEBHOOK_DEAD_LETTER", [
      "Webhook deliveries dead-lettered",
      "Webhook dead letters cleared",
    ]);
  });

  it("alerts on a spike of webhook signature failures, not on a trickle", async () => {
    const db = await openDatabaseForTest(cleanup);
    const settings = testAlertSettings({
      signatureSpike: { threshold: 10, windowMs: 15 * MINUTE },
    });
    const evaluate = (minute: number) => evaluateAlerts(db, { now: at(minute), settings });
    const reject = (n: number) =>
      incrementOperationalCounter(db, webhookCounters.signatureRejected, n);

    // A trickle: a couple an hour (a misconfigured test webhook somewhere).
    for (let minute = 0; minute <= 60; minute += 5) {
      if (minute % 30 === 0) await reject(2);
      await evaluate(minute);
    }
    expect(await alertsOf(db, "SIGNATURE_FAILURES")).toEqual([]);

    // A burst: 12 bad signatures within a few minutes (a rotated secret), secrets refused too.
    await reject(7);
    await incrementOperationalCounter(db, webhookCounters.secretRejected, 5);
    await evaluate(62);
    expect(await statusesOf(db, "SIGNATURE_FAILURES")).toEqual(["OPEN"]);
    // It holds while refusals continue within the window, and notifies once.
    for (let minute = 63; minute <= 80; minute += 1) {
      if (minute === 70) await reject(1);
      await evaluate(minute);
    }
    expect(await statusesOf(db, "SIGNATURE_FAILURES")).toEqual(["OPEN"]);
    // A whole quiet window after the last refusal: resolved.
    await evaluate(86);
    await expectOpenedThenResolved(db, "SIGNATURE_FAILURES", [
      "Webhook signature failures are spiking",
      "Webhook signature failures stopped",
    ]);
  });

  it("alerts on an import with many rejected rows until a later import runs clean", async () => {
    const db = await openDatabaseForTest(cleanup);
    const settings = testAlertSettings();
    const importRun = async (
      minute: number,
      rowsTotal: number,
      rowsRejected: number,
      status: "SUCCEEDED" | "INTERRUPTED" = "SUCCEEDED",
    ) =>
      (
        await db.prisma.importRun.create({
          data: {
            format: "ecwid",
            fileName: `export-${minute}.csv`,
            fileSha256: `sha-${minute}`,
            fileBytes: 1_000n,
            status,
            startedAt: at(minute),
            finishedAt: at(minute + 1),
            rowsTotal,
            rowsRejected,
          },
          select: { id: true },
        })
      ).id;
    await importRun(0, 1_000, 2); // a couple of bad rows in a big file: not "many"
    await evaluateAlerts(db, { now: at(5), settings });
    expect(await alertsOf(db, "IMPORT_REJECTIONS")).toEqual([]);

    const bad = await importRun(10, 200, 40);
    await evaluateAlerts(db, { now: at(15), settings });
    await evaluateAlerts(db, { now: at(16), settings });
    expect(await alertsOf(db, "IMPORT_REJECTIONS")).toEqual([
      {
        subjectKey: bad,
        status: "OPEN",
        message: expect.stringContaining("rejected 40 of 200 rows"),
      },
    ]);
    await importRun(20, 200, 0);
    await evaluateAlerts(db, { now: at(25), settings });
    await expectOpenedThenResolved(db, "IMPORT_REJECTIONS", [
      "eCom import rejected 40 of 200 rows",
      "eCom import rejections resolved",
    ]);

    // A run whose process died had rejected many rows by then: that alerts too, and a clean run
    // that was interrupted as well does not clear it (only a clean, finished one does).
    const killed = await importRun(30, 300, 60, "INTERRUPTED");
    await importRun(40, 300, 0, "INTERRUPTED");
    await evaluateAlerts(db, { now: at(45), settings });
    expect((await alertsOf(db, "IMPORT_REJECTIONS")).filter((a) => a.status === "OPEN")).toEqual([
      {
        subjectKey: killed,
        status: "OPEN",
        message: expect.stringContaining("rejected 60 of 300"),
      },
    ]);
    await importRun(50, 300, 0);
    await evaluateAlerts(db, { now: at(55), settings });
    expect(await statusesOf(db, "IMPORT_REJECTIONS")).toEqual(["RESOLVED", "RESOLVED"]);
  });
});

describe("hasManyRejections", () => {
  it("means at least 10 rows, or at least 5 % of the file", () => {
    const rule = { minRows: 10, minShare: 0.05 };
    expect(hasManyRejections({ rowsTotal: 10_000, rowsRejected: 10 }, rule)).toBe(true);
    expect(hasManyRejections({ rowsTotal: 10_000, rowsRejected: 9 }, rule)).toBe(false);
    expect(hasManyRejections({ rowsTotal: 20, rowsRejected: 1 }, rule)).toBe(true);
    expect(hasManyRejections({ rowsTotal: 0, rowsRejected: 0 }, rule)).toBe(false);
  });
});

describe("rejectionsInWindow", () => {
  it("counts growth since the last sample a window ago, and keeps only the samples still needed", () => {
    const window = 15 * MINUTE;
    const sample = (minute: number, value: number) => ({ at: at(minute).toISOString(), value });
    const samples = [sample(0, 5), sample(10, 7), sample(20, 9), sample(30, 20)];
    const { rejections, keep } = rejectionsInWindow(samples, 21, at(35).getTime(), window);
    expect(rejections).toBe(21 - 9); // base: the sample at minute 20 (the last at or before 35 − 15)
    expect(keep.map((s) => s.value)).toEqual([9, 20, 21]);
    expect(rejectionsInWindow([], 4, at(0).getTime(), window).rejections).toBeNull();
    // A counter reset (restored database) counts from zero.
    expect(rejectionsInWindow([sample(0, 50)], 3, at(20).getTime(), window).rejections).toBe(3);
  });
});
