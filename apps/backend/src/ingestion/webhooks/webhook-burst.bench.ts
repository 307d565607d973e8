// A catch-up burst: months of eCom orders reach X-Series at once, 1,000 synced sales, each
// announced by a sale.update webhook. The worker drains the inbox either record by record (one
// `GET /sales/{id}` per delivery, as before) or through the version feed (ours: 200 sales a
// request). Measured at one register's rate limit (350 requests per 5 minutes, in the simulator's
// clock, which the client's waits advance) and on an unlimited simulator; the floor is a poll of
// the same feed with no inbox to settle. Prints one
// `webhook-burst {…}` line per measure; Vitest's own table is not the measure. PostgreSQL when
// DATABASE_URL is set, else in-memory PGlite.
import { openTestDatabase, testDatabaseKind } from "@greenloop/db/testing";
import { type RunningSimulator, startSimulator } from "@greenloop/lightspeed-simulator";
import { createLightspeedClient, type LightspeedClient } from "@greenloop/order-sync/lightspeed";
import { bench, describe } from "vitest";
import { createLogger } from "../../logger";
import { pollRetail } from "../polling/poll-retail";
import { storeBodies } from "./testing/worker-harness";
import { createWebhookWorker } from "./webhook-worker";

const SALES = Number(process.env.WEBHOOK_BURST_SALES ?? 1_000);
const ONE_REGISTER = 300 + 50;
const silent = createLogger({ level: "silent" });

type Approach = "record by record (before)" | "version feed (ours)" | "poll alone (floor)";
type Limit = "one register" | "unlimited";

/** Counts every request the client sends, and the 429s among the answers. */
function countedClient(sim: RunningSimulator) {
  const counts = { requests: 0, rateLimited: 0 };
  const client: LightspeedClient = createLightspeedClient({
    baseUrl: sim.baseUrl,
    token: sim.token,
    // Wait out the rate limit however long it takes: in the simulator's clock, not in ours.
    retry: { maxRetries: 1_000 },
    sleep: async (ms, signal) => {
      sim.store.advanceClock(ms);
      signal?.throwIfAborted();
    },
    now: () => sim.store.now().getTime(),
    fetch: async (input, init) => {
      counts.requests += 1;
      const response = await fetch(input, init);
      if (response.status === 429) counts.rateLimited += 1;
      return response;
    },
  });
  return { client, counts };
}

async function measure(approach: Approach, limit: Limit): Promise<void> {
  const db = await openTestDatabase();
  const sim = await startSimulator({
    seed: 11,
    store: { customers: 200, inStoreSales: 50, ecomOrders: 0, months: 1 },
    rateLimit: { limit: limit === "one register" ? ONE_REGISTER : 100_000_000, windowMs: 300_000 },
  });
  try {
    // The mirror is current before the burst (a poll has run), as in a running store.
    const before = countedClient(sim);
    await pollRetail({ db, client: before.client, trigger: "bench" });
    // A fresh rate-limit window for the burst.
    sim.store.advanceClock(300_000);

    // The burst: orders placed online long ago reach X-Series at once.
    const orders = Array.from({ length: SALES }, () => sim.store.placeEcomOrder());
    const seen = sim.store.webhooks.events.length;
    for (const order of orders) sim.store.syncEcomOrder(order.orderNumber);
    const bodies = sim.store.webhooks.events.slice(seen).map((event) => event.body);
    await storeBodies(db, bodies);

    const { client, counts } = countedClient(sim);
    if (approach === "poll alone (floor)") {
      const started = performance.now();
      await pollRetail({ db, client, trigger: "bench" });
      const seconds = (performance.now() - started) / 1000;
      report({
        approach,
        limit,
        salesInStore: sim.store.sales().length,
        requests: counts.requests,
        requestsPerSale: Number((counts.requests / SALES).toFixed(3)),
        seconds: Number(seconds.toFixed(2)),
      });
      return;
    }
    const worker = createWebhookWorker({
      db,
      client,
      logger: silent,
      batchSize: 50,
      ...(approach === "record by record (before)"
        ? { burstThreshold: Number.POSITIVE_INFINITY }
        : {}),
    });
    const simulatedStart = sim.store.now().getTime();
    const started = performance.now();
    let settled = 0;
    for (;;) {
      const result = await worker.runOnce();
      if (result.claimed === 0) break;
      settled += result.done + result.gone + result.ignored;
    }
    const seconds = (performance.now() - started) / 1000;
    const mirrored = await db.prisma.retailSale.count({
      where: { id: { in: sim.store.sales().map((sale) => sale.id) } },
    });
    report({
      approach,
      limit,
      deliveries: bodies.length,
      settled,
      salesInStore: sim.store.sales().length,
      salesMirrored: mirrored,
      requests: counts.requests,
      rateLimited: counts.rateLimited,
      requestsPerSale: Number((counts.requests / SALES).toFixed(3)),
      simulatedSeconds: Math.round((sim.store.now().getTime() - simulatedStart) / 1000),
      seconds: Number(seconds.toFixed(2)),
      deliveriesPerSecond: Math.round(bodies.length / seconds),
    });
  } finally {
    await sim.close();
    await db.close();
  }
}

function report(figures: Record<string, unknown>) {
  process.stdout.write(
    `\nwebhook-burst ${JSON.stringify({ database: testDatabaseKind, ...figures })}\n`,
  );
}

const runs = new Map<string, Promise<void>>();
const measureOnce = (approach: Approach, limit: Limit) => {
  const key = `${approach}|${limit}`;
  let run = runs.get(key);
  if (!run) {
    run = measure(approach, limit);
    runs.set(key, run);
  }
  return run;
};
const once = { iterations: 1, warmupIterations: 0, time: 0, warmupTime: 0 };

describe(`webhook burst of ${SALES.toLocaleString("en-US")} synced eCom sales (${testDatabaseKind})`, () => {
  for (const limit of ["one register", "unlimited"] as const) {
    bench(
      `${limit}: record by record (before)`,
      () => measureOnce("record by record (before)", limit),
      once,
    );
    bench(`${limit}: version feed (ours)`, () => measureOnce("version feed (ours)", limit), once);
    bench(`${limit}: poll alone (floor)`, () => measureOnce("poll alone (floor)", limit), once);
  }
});
