// Test support for the webhook worker: a small simulated store over loopback, a client that never
// waits in real time, the simulator's webhook bodies stored in the inbox as the route would, and a
// worker clock tests move forward.
import type { Database } from "@greenloop/db";
import type { TestCleanup } from "@greenloop/db/testing";
import { type RunningSimulator, startSimulator } from "@greenloop/lightspeed-simulator";
import {
  createLightspeedClient,
  type LightspeedClient,
  type ListOptions,
  parseWebhookDelivery,
} from "@greenloop/order-sync/lightspeed";
import { storeWebhookDelivery } from "../webhook-inbox";
import type { WebhookWorkerClient } from "../webhook-worker";

export async function startSmallSimulator(
  cleanup: TestCleanup,
  options: { seed?: number; customers?: number } = {},
): Promise<RunningSimulator> {
  const sim = await startSimulator({
    seed: options.seed ?? 3,
    store: { customers: options.customers ?? 6, inStoreSales: 0, ecomOrders: 0, months: 1 },
    rateLimit: { limit: 1_000_000, windowMs: 300_000 },
  });
  cleanup.defer(() => sim.close());
  return sim;
}

/** No retries inside the client (the worker's own ladder is under test) and no real sleeping. */
export function connectClient(sim: RunningSimulator): LightspeedClient {
  return createLightspeedClient({
    baseUrl: sim.baseUrl,
    token: sim.token,
    retry: { maxRetries: 0 },
    sleep: async (ms, signal) => {
      sim.store.advanceClock(ms);
      signal?.throwIfAborted();
    },
    random: () => 0.5,
  });
}

/** A client that records which records (and which pages of the version feed) it was asked for. */
export function countingClient(client: WebhookWorkerClient) {
  const fetched: string[] = [];
  return {
    fetched,
    client: {
      fetchProduct: (id: string) => {
        fetched.push(`product:${id}`);
        return client.fetchProduct(id);
      },
      listProducts: async function* (options?: ListOptions) {
        for await (const page of client.listProducts(options)) {
          fetched.push("page:products");
          yield page;
        }
      },
      listBrands: (options?: ListOptions) => client.listBrands(options),
      listProductCategories: (options?: ListOptions) => client.listProductCategories(options),
      fetchSale: (id: string) => {
        fetched.push(`sale:${id}`);
        return client.fetchSale(id);
      },
      fetchCustomer: (id: string) => {
        fetched.push(`customer:${id}`);
        return client.fetchCustomer(id);
      },
      listSales: async function* (options?: ListOptions) {
        for await (const page of client.listSales(options)) {
          fetched.push("page:sales");
          yield page;
        }
      },
      listCustomers: async function* (options?: ListOptions) {
        for await (const page of client.listCustomers(options)) {
          fetched.push("page:customers");
          yield page;
        }
      },
    },
  };
}

/** The webhook bodies the simulator fired since the last call. */
export function eventFeed(sim: RunningSimulator) {
  let seen = sim.store.webhooks.events.length;
  return () => {
    const events = sim.store.webhooks.events.slice(seen);
    seen = sim.store.webhooks.events.length;
    return events;
  };
}

/** Stores bodies in the inbox exactly as the route does; returns the new rows' ids. */
export async function storeBodies(
  db: Pick<Database, "prisma">,
  bodies: string[],
): Promise<string[]> {
  const ids: string[] = [];
  for (const body of bodies) {
    const delivery = parseWebhookDelivery({ body });
    const stored = await storeWebhookDelivery(db, {
      rawBody: new TextEncoder().encode(body),
      type: delivery.type,
      domainPrefix: delivery.domainPrefix,
      objectId: delivery.entityId,
    });
    if (stored.id) ids.push(stored.id);
  }
  return ids;
}

/** Wall time plus an offset the test moves: rows stored "now" by the database are due at once. */
export function workerClock() {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    advance: (ms: number) => {
      offset += ms;
    },
  };
}

export async function deliveryRows(db: Pick<Database, "prisma">) {
  return db.prisma.webhookDelivery.findMany({
    select: {
      id: true,
      type: true,
      objectId: true,
      status: true,
      attempts: true,
      lastError: true,
      processedAt: true,
    },
    orderBy: { receivedAt: "asc" },
  });
}

export async function mirroredSales(db: Pick<Database, "prisma">) {
  const rows = await db.prisma.retailSale.findMany({
    select: { id: true, version: true },
    orderBy: { id: "asc" },
  });
  return rows.map((row) => ({ id: row.id, version: Number(row.version) }));
}
