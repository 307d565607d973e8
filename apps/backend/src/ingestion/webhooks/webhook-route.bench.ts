// Webhook intake under load, on the real server over loopback: our route (verify, store the raw
// body in the inbox, answer) against a naive handler that does the work inline before answering
// (verify, parse, fetch the sale from the Lightspeed simulator, write the mirror). autocannon
// fires signed, distinct deliveries; the figures go to stdout as `webhook-intake {…}` lines
// (BENCHMARKS.md keeps them). Also GET /health under that same webhook load, with an inbox holding
// a store's history (`health-under-load {…}` lines: /health's latency against the webhook route's).
// Vitest's own table is not the measure: tinybench calls each task more than once (once just to
// see whether it is async), so each load run happens once and is cached. PostgreSQL when
// DATABASE_URL is set, else in-memory PGlite.
import { createHmac } from "node:crypto";
import { openTestDatabase, testDatabaseKind } from "@greenloop/db/testing";
import { startSimulator } from "@greenloop/lightspeed-simulator";
import {
  createLightspeedClient,
  parseWebhookDelivery,
  verifyWebhookSignature,
} from "@greenloop/order-sync/lightspeed";
import autocannon from "autocannon";
import { Hono } from "hono";
import { bench, describe } from "vitest";
import { createApp } from "../../http/app";
import { startServer } from "../../http/start-server";
import { createLogger } from "../../logger";
import { writeRetailSales } from "../retail-mirror";

const silent = createLogger({ level: "silent" });
const clientSecret = "bench-client-secret";
const durationSeconds = 5;
const connections = 10;
const path = "/api/webhooks/lightspeed";

type Handler = "inbox" | "naive" | "health";

/** Settled deliveries already in the inbox for the /health run: months of a store's webhooks. */
const historyRows = Number(process.env.HEALTH_BENCH_INBOX_ROWS ?? 200_000);
/** /health requests per second fired beside the webhook load (a load balancer's and a monitor's). */
const healthRate = 50;

async function measure(handler: Handler) {
  const db = await openTestDatabase();
  const sim = await startSimulator({
    seed: 9,
    store: { customers: 20, inStoreSales: 200, ecomOrders: 0, months: 1 },
    rateLimit: { limit: 100_000_000, windowMs: 300_000 },
  });
  const saleIds = sim.store.sales().map((sale) => sale.id);
  if (handler === "health") await fillInboxHistory(db, historyRows);
  const app =
    handler === "naive"
      ? naiveApp(db, sim)
      : createApp({ db, logger: silent, webhooks: { clientSecret } });
  // Counts requests in flight so nothing still runs when the database closes.
  let inFlight = 0;
  const server = await startServer(
    {
      fetch: async (request) => {
        inFlight += 1;
        try {
          return await app.fetch(request);
        } finally {
          inFlight -= 1;
        }
      },
    },
    { port: 0, host: "127.0.0.1" },
  );
  try {
    let n = 0;
    const health =
      handler === "health"
        ? autocannon({
            url: `${server.url}/health`,
            connections: 2,
            overallRate: healthRate,
            duration: durationSeconds,
          })
        : null;
    const result = await autocannon({
      url: `${server.url}${path}`,
      connections,
      duration: durationSeconds,
      requests: [
        {
          method: "POST",
          setupRequest: (request) => {
            n += 1;
            const body = new URLSearchParams({
              type: "sale.update",
              domain_prefix: sim.domainPrefix,
              payload: JSON.stringify({
                id: saleIds[n % saleIds.length],
                version: n,
                status: "CLOSED",
                updated_at: "2026-01-01 10:00:00",
              }),
            }).toString();
            const signature = createHmac("sha256", clientSecret).update(body).digest("hex");
            return {
              ...request,
              body,
              headers: {
                "content-type": "application/x-www-form-urlencoded",
                "x-signature": `signature=${signature},algorithm=HMAC-SHA256`,
              },
            };
          },
        },
      ],
    });
    const healthResult = await health;
    while (inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const acknowledged = result["2xx"];
    if (healthResult) {
      const figures = {
        database: testDatabaseKind,
        inboxHistoryRows: historyRows,
        healthPerSecond: Math.round(healthResult["2xx"] / durationSeconds),
        healthP50Ms: healthResult.latency.p50,
        healthP99Ms: healthResult.latency.p99,
        healthMaxMs: healthResult.latency.max,
        healthNon2xx: healthResult.non2xx,
        webhookPerSecond: Math.round(acknowledged / durationSeconds),
        webhookP50Ms: result.latency.p50,
        webhookP99Ms: result.latency.p99,
        p99Ratio: Math.round((healthResult.latency.p99 / result.latency.p99) * 10) / 10,
      };
      process.stdout.write(`\nhealth-under-load ${JSON.stringify(figures)}\n`);
      return;
    }
    const stored = await db.prisma.webhookDelivery.count();
    const figures = {
      handler,
      database: testDatabaseKind,
      acknowledgedPerSecond: Math.round(acknowledged / durationSeconds),
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      maxMs: result.latency.max,
      acknowledged,
      non2xx: result.non2xx,
      errors: result.errors + result.timeouts,
      inboxRows: stored,
    };
    process.stdout.write(`\nwebhook-intake ${JSON.stringify(figures)}\n`);
    // Requests still in flight when autocannon stops are stored but not counted as answered.
    if (handler === "inbox" && stored < acknowledged) {
      throw new Error(`acknowledged ${acknowledged} deliveries but stored only ${stored}`);
    }
  } finally {
    await server.close();
    await sim.close();
    await db.close();
  }
}

/** Settled deliveries, as months of webhooks leave them (the worker marks them DONE, keeps them). */
async function fillInboxHistory(db: Awaited<ReturnType<typeof openTestDatabase>>, rows: number) {
  await db.prisma.$executeRawUnsafe(
    `INSERT INTO "WebhookDelivery" ("dedupeKey", type, "objectId", "rawBody", status, attempts, "processedAt")
     SELECT 'history-' || n, 'sale.update', 'sale-' || n, 'payload=%7B%22id%22%3A%22' || n || '%22%7D',
            'DONE', 1, now()
       FROM generate_series(1, ${rows}) AS n`,
  );
  await db.prisma.$executeRawUnsafe(`ANALYZE "WebhookDelivery"`);
}

/** What a first attempt looks like: all the work before answering Lightspeed. */
function naiveApp(
  db: Awaited<ReturnType<typeof openTestDatabase>>,
  sim: Awaited<ReturnType<typeof startSimulator>>,
) {
  const client = createLightspeedClient({
    baseUrl: sim.baseUrl,
    token: sim.token,
    retry: { maxRetries: 0 },
  });
  return new Hono().post(path, async (c) => {
    const rawBody = new Uint8Array(await c.req.arrayBuffer());
    const verdict = verifyWebhookSignature({
      rawBody,
      header: c.req.header("x-signature"),
      secret: clientSecret,
    });
    if (verdict.status !== "valid") return c.json({ error: "signature" }, 401);
    const delivery = parseWebhookDelivery({ body: rawBody });
    const sale = await client.fetchSale(delivery.entityId);
    await writeRetailSales(db.prisma, [sale]);
    return c.json({ status: "processed" });
  });
}

const runs = new Map<Handler, Promise<void>>();
function measureOnce(handler: Handler): Promise<void> {
  let run = runs.get(handler);
  if (!run) {
    run = measure(handler);
    runs.set(handler, run);
  }
  return run;
}

const once = { iterations: 1, warmupIterations: 0, time: 0, warmupTime: 0 };

describe(`webhook intake, ${connections} connections for ${durationSeconds} s (${testDatabaseKind})`, () => {
  bench("inbox: verify, store raw, answer (ours)", () => measureOnce("inbox"), once);
  bench(
    "naive: verify, fetch the sale, write the mirror, then answer",
    () => measureOnce("naive"),
    once,
  );
  bench(
    "GET /health beside the webhook load, the inbox holding a history",
    () => measureOnce("health"),
    once,
  );
});
