// Missing-order alerts with 200,000 eCom orders missing from X-Series (BENCH_MISSING_ORDERS), on a
// PostgreSQL cluster of the bench's own. Measured in this process: the evaluation that opens them
// all, a steady evaluation (nothing changed), against the floor (one INSERT … SELECT writing the
// same alerts, undone afterwards) and the naive first step (every missing order read into memory
// and its alert built there, as the evaluation did before it was set-based). Then `serve` itself:
// its RSS and peak RSS (VmHWM) across the pass that opens every alert, a steady one, and one that
// resolves every alert. Prints `missing-order-alerts {…}` lines; Vitest's own table is not the
// measure.
import { readFile } from "node:fs/promises";
import type { Database } from "@greenloop/db";
import { openClusterDatabase, postgresBinDir, useTestCleanup } from "@greenloop/db/testing";
import { bench, describe } from "vitest";
import { startServe } from "../../cli/testing/serve-process";
import { listEcomBacklog } from "../delays/ecom-backlog";
import { formatStoreTime } from "../delays/format-duration";
import { evaluateAlerts } from "./evaluate-alerts";
import { testAlertSettings } from "./testing/test-alert-settings";

const MISSING = Number(process.env.BENCH_MISSING_ORDERS ?? 200_000);
const cleanup = useTestCleanup();
const settings = testAlertSettings({ missingOrderAlertDays: 3 });
const now = new Date("2026-11-30T12:00:00.000Z");
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

function report(figures: Record<string, unknown>) {
  process.stdout.write(
    `\nmissing-order-alerts ${JSON.stringify({ missing: MISSING, ...figures })}\n`,
  );
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await work();
  return { ms: Math.round(performance.now() - started), result };
}

async function seedMissingOrders(db: Database): Promise<void> {
  await db.prisma.$executeRaw`
    INSERT INTO "Order" (key, source, channel, status, "placedAt", total, "ecomOrderNumber")
    SELECT 'ecom:' || n, 'ecom_unsynced', 'ECOM', 'COMPLETED',
      ${now}::timestamptz - interval '10 days' - n * interval '1 minute', 42.50, (100000 + n)::text
    FROM generate_series(1, ${MISSING}) AS n`;
  await db.prisma.$executeRaw`ANALYZE "Order"`;
}

async function clearAlerts(db: Database): Promise<void> {
  await db.prisma.$executeRaw`DELETE FROM "NotificationDelivery"`;
  await db.prisma.$executeRaw`DELETE FROM "Notification"`;
  await db.prisma.$executeRaw`DELETE FROM "SyncAlert"`;
}

/** What PostgreSQL needs to write the same alerts: one INSERT … SELECT (undone afterwards). */
async function floor(db: Database): Promise<number> {
  const { ms } = await timed(
    () => db.prisma.$executeRaw`
      INSERT INTO "SyncAlert" (kind, "subjectKey", status, message, details, "openedAt")
      SELECT 'MISSING_ECOM_ORDER', o."ecomOrderNumber", 'OPEN',
        'eCom order #' || o."ecomOrderNumber" || ', placed ' ||
          to_char(o."placedAt", 'Mon FMDD, YYYY, FMHH12:MI AM') || ', is still not in X-Series after 10 days.',
        jsonb_build_object('ecomOrderNumber', o."ecomOrderNumber", 'placedAt', o."placedAt", 'alertAfterDays', 3),
        ${now}
      FROM "Order" o
      WHERE o.source = 'ecom_unsynced' AND o."placedAt" <= ${new Date(now.getTime() - 3 * 86_400_000)}`,
  );
  await clearAlerts(db);
  return ms;
}

/** The naive first step: every missing order in memory, its alert text built there. */
async function naiveRead(db: Database) {
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const { ms, result } = await timed(async () => {
    const missing = await listEcomBacklog(db, { now, minAgeDays: 3 });
    return missing.map((order) => ({
      subjectKey: order.ecomOrderNumber,
      message: `eCom order #${order.ecomOrderNumber}, placed ${formatStoreTime(order.placedAt, settings.timeZone)}`,
      details: { ecomOrderNumber: order.ecomOrderNumber, placedAt: order.placedAt.toISOString() },
    }));
  });
  const heapGrowthMb = mb(process.memoryUsage().heapUsed - heapBefore);
  return { ms, rows: result.length, heapGrowthMb };
}

async function inProcess(db: Database) {
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let heapPeak = heapBefore;
  const sampler = setInterval(() => {
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
  }, 20);
  const first = await timed(() => evaluateAlerts(db, { now, settings }));
  clearInterval(sampler);
  const steady = await timed(() => evaluateAlerts(db, { now, settings }));
  const opened = first.result.transitions.find((t) => t.kind === "MISSING_ECOM_ORDER")?.opened;
  return {
    openingEvaluationMs: first.ms,
    opened,
    openingHeapGrowthMb: mb(heapPeak - heapBefore),
    steadyEvaluationMs: steady.ms,
  };
}

/** Peak and current RSS of a process, from /proc. */
async function rssOf(pid: number): Promise<{ peakMb: number; nowMb: number }> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
  return { peakMb: Math.round(kb("VmHWM") / 1024), nowMb: Math.round(kb("VmRSS") / 1024) };
}

const passLog = "monitoring: alerts and notifications";

/** Waits until `serve` has logged `count` monitoring passes that changed something. */
async function passesLogged(serve: { output(): string }, count: number): Promise<void> {
  const deadline = Date.now() + 10 * 60_000;
  while (serve.output().split(passLog).length - 1 < count) {
    if (Date.now() > deadline) throw new Error(`serve did not log ${count} monitoring passes`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

/**
 * `serve` over the same database: its first monitoring pass (a minute after the start) opens every
 * alert, the next finds nothing to change; then every order reaches X-Series and the pass after
 * resolves every alert.
 */
async function serveMemory(db: Database, databaseUrl: string) {
  await clearAlerts(db);
  const serve = await startServe(cleanup, { DATABASE_URL: databaseUrl, LOG_LEVEL: "info" });
  const pid = serve.child.pid;
  if (pid === undefined) throw new Error("serve has no pid");
  const atStart = await rssOf(pid);
  await passesLogged(serve, 1);
  const afterOpening = await rssOf(pid);
  const opened = await db.prisma.syncAlert.count({ where: { status: "OPEN" } });
  await new Promise((resolve) => setTimeout(resolve, 65_000));
  const afterSteady = await rssOf(pid);
  await db.prisma.$executeRaw`
    UPDATE "Order" SET source = 'ecom_synced', "reachedRetailAt" = "placedAt" + interval '11 days',
      "syncDelaySeconds" = 11 * 86400`;
  await passesLogged(serve, 2);
  const afterResolving = await rssOf(pid);
  const resolved = await db.prisma.syncAlert.count({ where: { status: "RESOLVED" } });
  await serve.stop("SIGTERM");
  return {
    serveOpened: opened,
    serveResolved: resolved,
    serveRssAtStartMb: atStart.nowMb,
    serveRssAfterOpeningPassMb: afterOpening.nowMb,
    serveRssAfterSteadyPassMb: afterSteady.nowMb,
    servePeakRssBeforeResolvingMb: afterSteady.peakMb,
    serveRssAfterResolvingPassMb: afterResolving.nowMb,
    servePeakRssMb: afterResolving.peakMb,
  };
}

async function run() {
  if (!postgresBinDir) {
    report({ skipped: "no PostgreSQL server binaries here" });
    return;
  }
  const { db, cluster } = await openClusterDatabase(cleanup);
  await seedMissingOrders(db);
  const floorMs = await floor(db);
  const naive = await naiveRead(db);
  const evaluation = await inProcess(db);
  report({
    ...evaluation,
    floorInsertSelectMs: floorMs,
    openingVsFloor: Number((evaluation.openingEvaluationMs / floorMs).toFixed(1)),
    naiveReadMs: naive.ms,
    naiveReadRows: naive.rows,
    naiveReadHeapGrowthMb: naive.heapGrowthMb,
  });
  report(await serveMemory(db, cluster.url));
}

let done: Promise<void> | undefined;

describe("missing-order alerts at scale", () => {
  bench(
    `${MISSING} eCom orders missing: evaluations, floor, naive read, serve RSS`,
    async () => {
      done ??= run().finally(() => cleanup.flush());
      await done;
    },
    { iterations: 1, warmupIterations: 0, time: 0, warmupTime: 0 },
  );
});
