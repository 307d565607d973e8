// The recovery soak: `serve` under a steady webhook load for SOAK_MINUTES (default 10) on a
// PostgreSQL cluster of its own, while every 2 minutes (SOAK_FAULT_EVERY_S) either the database
// is stopped for 5 s or
// the server is killed with SIGKILL and started again. Lightspeed (the simulator) retries every
// delivery that got no 2xx. Measured: deliveries acknowledged, sales lost (acknowledged, never in
// the canonical orders), sales doubled, and how long each acknowledged sale took to reach the
// canonical orders the API serves (the longest, and the 99th percentile). Prints one
// `recovery-soak {…}` line; Vitest's own table is not the measure.
import { openDatabase } from "@greenloop/db";
import { postgresBinDir, startPostgresCluster, useTestCleanup } from "@greenloop/db/testing";
import { startSimulator } from "@greenloop/lightspeed-simulator";
import { bench, describe } from "vitest";
import { startServe } from "./testing/serve-process";
import type { CliProcess } from "./testing/spawn-cli";

const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const FAULT_EVERY_MS = Number(process.env.SOAK_FAULT_EVERY_S ?? 120) * 1000;
const SALE_EVERY_MS = 250;
const secret = "recovery-soak-path-secret";
const cleanup = useTestCleanup();

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function soak(): Promise<void> {
  if (!postgresBinDir) {
    report({ skipped: "no PostgreSQL server binaries here" });
    return;
  }
  const cluster = await startPostgresCluster();
  cleanup.defer(() => cluster.remove());
  const sim = await startSimulator({
    seed: 15,
    store: { customers: 50, inStoreSales: 10, ecomOrders: 0, months: 1 },
    rateLimit: { limit: 100_000_000, windowMs: 300_000 },
  });
  cleanup.defer(() => sim.close());
  const env = {
    DATABASE_URL: cluster.url,
    LIGHTSPEED_BASE_URL: sim.baseUrl,
    LIGHTSPEED_TOKEN: sim.token,
    WEBHOOK_PATH_SECRET: secret,
    // Polling would heal what the webhooks miss: an hour away, only the webhook path is measured.
    SYNC_INTERVAL: "1h",
    LOG_LEVEL: "warn",
  };
  let serve: CliProcess = await startServe(cleanup, env);
  // The route's URL stays the same across restarts: the port is fixed after the first start.
  const port = new URL(serve.ready).port;
  const fixedEnv = { ...env, PORT: port };
  sim.store.webhooks.configure({ url: `${serve.ready}/api/webhooks/lightspeed/${secret}` });
  const reader = await openDatabase({ databaseUrl: cluster.url, onIdleError: () => {} });
  cleanup.defer(() => reader.close());

  const acknowledgedAt = new Map<string, number>();
  const reachedAt = new Map<string, number>();
  let deliveries = 0;
  let refused = 0;
  let faults = 0;
  const started = Date.now();
  const end = started + MINUTES * 60_000;
  let nextFault = started + FAULT_EVERY_MS;
  let fault: Promise<void> | null = null;

  // Which acknowledged sales are canonical orders yet (the reader rides out the outages).
  const watch = async () => {
    const waiting = [...acknowledgedAt.keys()].filter((id) => !reachedAt.has(id));
    if (waiting.length === 0) return;
    const rows = await reader.prisma.order
      .findMany({ where: { retailSaleId: { in: waiting } }, select: { retailSaleId: true } })
      .catch(() => []);
    for (const row of rows) if (row.retailSaleId) reachedAt.set(row.retailSaleId, Date.now());
  };

  while (Date.now() < end) {
    sim.store.createSale();
    // Lightspeed's retries come due as its clock moves on (about a minute a second here).
    sim.store.advanceClock(SALE_EVERY_MS * 60);
    for (const attempt of await sim.store.webhooks.deliverDue()) {
      deliveries += 1;
      if (attempt.status !== null && attempt.status >= 200 && attempt.status < 300) {
        if (!acknowledgedAt.has(attempt.entityId)) acknowledgedAt.set(attempt.entityId, Date.now());
      } else refused += 1;
    }
    await watch();
    if (Date.now() >= nextFault && fault === null) {
      faults += 1;
      // In the background: the load goes on through the fault, as Lightspeed's would.
      fault = (
        faults % 2 === 1
          ? (async () => {
              await cluster.stop();
              await pause(5_000);
              await cluster.start();
            })()
          : (async () => {
              serve.child.kill("SIGKILL");
              await serve.exited;
              serve = await startServe(cleanup, fixedEnv);
            })()
      ).finally(() => {
        fault = null;
      });
      nextFault += FAULT_EVERY_MS;
    }
    await pause(SALE_EVERY_MS);
  }
  await fault;

  // Let everything acknowledged arrive (bounded), with Lightspeed retrying what is still refused.
  const drainUntil = Date.now() + 2 * 60_000;
  while (Date.now() < drainUntil && reachedAt.size < acknowledgedAt.size) {
    sim.store.advanceClock(60_000);
    await sim.store.webhooks.deliverDue();
    await watch();
    await pause(250);
  }
  const latencies = [...reachedAt].map(([id, at]) => at - (acknowledgedAt.get(id) ?? at));
  latencies.sort((a, b) => a - b);
  const doubled = await reader.prisma.$queryRawUnsafe<Array<{ doubled: number }>>(
    `SELECT count(*)::int AS doubled FROM (
       SELECT "retailSaleId" FROM "Order" WHERE "retailSaleId" IS NOT NULL
        GROUP BY "retailSaleId" HAVING count(*) > 1) d`,
  );
  const stuck = await reader.prisma.webhookDelivery.count({ where: { status: "PROCESSING" } });
  report({
    minutes: MINUTES,
    faults,
    salesCreated: sim.store.sales().length,
    deliveries,
    refused,
    acknowledged: acknowledgedAt.size,
    lost: acknowledgedAt.size - reachedAt.size,
    doubled: doubled[0]?.doubled ?? 0,
    stuckProcessing: stuck,
    longestSeconds: Number(((latencies.at(-1) ?? 0) / 1000).toFixed(1)),
    p99Seconds: Number(
      ((latencies[Math.max(0, Math.ceil(latencies.length * 0.99) - 1)] ?? 0) / 1000).toFixed(1),
    ),
    medianSeconds: Number(((latencies[Math.floor(latencies.length / 2)] ?? 0) / 1000).toFixed(1)),
  });
  await serve.stop();
}

function report(figures: Record<string, unknown>) {
  process.stdout.write(`\nrecovery-soak ${JSON.stringify({ database: "postgres", ...figures })}\n`);
}

let run: Promise<void> | undefined;
const once = { iterations: 1, warmupIterations: 0, time: 0, warmupTime: 0 };

describe(`serve for ${MINUTES} minutes of webhooks, the database restarted and the server killed every 2 minutes`, () => {
  bench(
    "recovery soak",
    () => {
      run ??= soak().finally(() => cleanup.flush());
      return run;
    },
    once,
  );
});
