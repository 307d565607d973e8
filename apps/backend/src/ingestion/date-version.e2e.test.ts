// Webhook re-fetches through a date version of the X-Series API, end to end over loopback: the
// worker's `fetchSale` / `fetchCustomer` read the date-based shape into the same mirror rows as
// through API 2.0, keeping the payload Lightspeed sent.
import { openTestDatabase, testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { type RunningSimulator, startSimulator } from "@greenloop/lightspeed-simulator";
import { describe, expect, it } from "vitest";
import { createApp } from "../http/app";
import { startServer } from "../http/start-server";
import { createLogger } from "../logger";
import { connectTestClient, mirrorVersions } from "./polling/testing/simulated-lightspeed";
import { createWebhookWorker } from "./webhooks/webhook-worker";

const cleanup = useTestCleanup();
const logger = createLogger({ level: "silent" });
const clientSecret = "date-version-secret";

/** A fresh backend receiving the store's webhooks, its worker re-fetching through `apiVersion`. */
async function startBackend(sim: RunningSimulator, apiVersion: string) {
  const db = await openTestDatabase();
  cleanup.defer(() => db.close());
  const server = await startServer(createApp({ db, logger, webhooks: { clientSecret } }), {
    port: 0,
    host: "127.0.0.1",
  });
  cleanup.defer(() => server.close());
  sim.store.webhooks.configure({ url: `${server.url}/api/webhooks/lightspeed`, clientSecret });
  const worker = createWebhookWorker({
    db,
    client: connectTestClient(sim, { apiVersion }),
    logger,
    batchSize: 50,
  });
  /** Delivers what is due and lets the worker mirror it; then what the mirror holds. */
  return async () => {
    expect((await sim.store.webhooks.deliverDue()).length).toBeGreaterThan(0);
    while ((await worker.runOnce()).claimed > 0) {}
    const sales = await db.prisma.retailSale.findMany({ orderBy: { id: "asc" } });
    return {
      versions: await mirrorVersions(db),
      sales: sales.map(({ status, payload, firstSeenAt: _f, lastSeenAt: _l, ...sale }) => ({
        ...sale,
        version: Number(sale.version),
        totalPrice: sale.totalPrice?.toString(),
        totalTax: sale.totalTax?.toString(),
        totalLoyalty: sale.totalLoyalty?.toString(),
      })),
      statuses: sales.map((sale) => sale.status),
      payloads: sales.map((sale) => sale.payload as Record<string, unknown>),
    };
  };
}

describe(`webhook re-fetches through a date version (${testDatabaseKind})`, () => {
  it("re-fetches into the same mirror rows as through API 2.0, in-store and eCom sales alike", async () => {
    const sim = await startSimulator({
      seed: 31,
      store: { customers: 15, inStoreSales: 0, ecomOrders: 0, months: 1 },
      rateLimit: { limit: 1_000_000, windowMs: 300_000 },
    });
    cleanup.defer(() => sim.close());
    const datedBackend = await startBackend(sim, "2026-07");
    sim.store.createCustomer();
    const customers = sim.store.customers();
    for (const [index, customer] of customers.entries()) {
      sim.store.createSale({ customer_id: customer.id, payment: index % 2 ? "card" : "cash" });
    }
    for (let i = 0; i < 4; i++) sim.store.placeEcomOrder({ delayMs: 0, loyaltyCents: i * 500 });
    sim.store.syncPendingEcomOrders();
    const dated = await datedBackend();

    // The same records again, to a backend speaking API 2.0 (a no-op touch sends the webhooks).
    const legacyBackend = await startBackend(sim, "2.0");
    for (const sale of sim.store.sales()) sim.store.updateSale(sale.id, { note: sale.note });
    const legacy = await legacyBackend();

    expect(dated.versions.sales).toHaveLength(sim.store.sales().length);
    // Customers the webhooks named (the new one, and any the eCom sync created) were re-fetched.
    expect(dated.versions.customers.length).toBeGreaterThan(0);
    // The 2.0 run re-fetched the same records after a no-op touch: only versions moved.
    const withoutVersion = <T extends { version: number }>(rows: T[]) =>
      rows.map(({ version: _v, ...row }) => row);
    expect(withoutVersion(dated.sales)).toEqual(withoutVersion(legacy.sales));
    expect(dated.sales.filter((sale) => sale.source?.startsWith("ecw:"))).toHaveLength(4);
    expect(dated.statuses.every((status) => status === null)).toBe(true);
    expect(legacy.statuses.every((status) => status !== null)).toBe(true);
    for (const payload of dated.payloads) expect(payload).toHaveProperty("_metadata.version");
  });
});
