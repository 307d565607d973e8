// Test support: a small simulated X-Series store over loopback, a client whose waits advance the
// simulator's clock instead of sleeping, and the mirror/store contents in a comparable form.
import type { Database } from "@greenloop/db";
import type { TestCleanup } from "@greenloop/db/testing";
import { type RunningSimulator, startSimulator } from "@greenloop/lightspeed-simulator";
import {
  createLightspeedClient,
  type LightspeedClient,
  type LightspeedClientOptions,
} from "@greenloop/order-sync/lightspeed";

export async function startTestSimulator(
  cleanup: TestCleanup,
  options: { seed?: number; inStoreSales?: number } = {},
): Promise<RunningSimulator> {
  const sim = await startSimulator({
    seed: options.seed ?? 5,
    store: { customers: 40, inStoreSales: options.inStoreSales ?? 110, ecomOrders: 16, months: 2 },
    rateLimit: { limit: 1_000_000, windowMs: 300_000 },
  });
  cleanup.defer(() => sim.close());
  return sim;
}

/** Small pages (several per resource) and one quick retry; no real waiting anywhere. */
export function connectTestClient(
  sim: RunningSimulator,
  overrides: Partial<LightspeedClientOptions> = {},
): LightspeedClient {
  return createLightspeedClient({
    baseUrl: sim.baseUrl,
    token: sim.token,
    pageSize: 25,
    retry: { maxRetries: 1 },
    sleep: async (ms, signal) => {
      sim.store.advanceClock(ms);
      signal?.throwIfAborted();
    },
    now: () => sim.store.now().getTime(),
    random: () => 0.5,
    ...overrides,
  });
}

export interface VersionRow {
  id: string;
  version: number;
}

const byId = (a: VersionRow, b: VersionRow) => a.id.localeCompare(b.id);

/** What the simulator holds (deleted records included), as id + version. */
export function storeVersions(sim: RunningSimulator): {
  sales: VersionRow[];
  customers: VersionRow[];
} {
  const pick = (rows: VersionRow[]) => rows.map(({ id, version }) => ({ id, version })).sort(byId);
  return { sales: pick(sim.store.sales()), customers: pick(sim.store.customers()) };
}

export async function mirrorVersions(db: Pick<Database, "prisma">): Promise<{
  sales: VersionRow[];
  customers: VersionRow[];
}> {
  const select = { id: true, version: true } as const;
  const [sales, customers] = await Promise.all([
    db.prisma.retailSale.findMany({ select }),
    db.prisma.retailCustomer.findMany({ select }),
  ]);
  const pick = (rows: Array<{ id: string; version: bigint }>) =>
    rows.map(({ id, version }) => ({ id, version: Number(version) })).sort(byId);
  return { sales: pick(sales), customers: pick(customers) };
}

/** Everything the poll wrote that must not depend on how it was paged (no seen-at times). */
export async function mirrorContents(db: Pick<Database, "prisma">) {
  const [sales, customers] = await Promise.all([
    db.prisma.retailSale.findMany({
      select: { id: true, version: true, deletedAt: true, status: true, payload: true },
      orderBy: { id: "asc" },
    }),
    db.prisma.retailCustomer.findMany({
      select: { id: true, version: true, deletedAt: true, payload: true },
      orderBy: { id: "asc" },
    }),
  ]);
  return { sales, customers };
}

export async function readCursors(db: Pick<Database, "prisma">) {
  const rows = await db.prisma.syncCursor.findMany({
    select: { resource: true, afterVersion: true, updatedAt: true },
  });
  return Object.fromEntries(rows.map((row) => [row.resource, row]));
}

export function maxVersion(rows: VersionRow[]): number {
  return rows.reduce((max, row) => Math.max(max, row.version), 0);
}
