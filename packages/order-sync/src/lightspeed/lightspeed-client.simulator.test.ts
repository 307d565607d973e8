// Acceptance tests of the client against @greenloop/lightspeed-simulator over loopback HTTP.
// `sleep` advances the simulator's clock instead of waiting, and `now` reads it, so nothing here
// waits in real time.
import {
  type RunningSimulator,
  signWebhookBody,
  startSimulator,
} from "@greenloop/lightspeed-simulator";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { recogniseEcomSale } from "./ecom-sale";
import type { LightspeedEvent } from "./events";
import { createLightspeedClient, type LightspeedClientOptions } from "./lightspeed-client";
import type { MalformedRecord } from "./parse-record";
import type { Sale } from "./schemas/sale";
import { parseWebhookDelivery } from "./webhook-delivery";
import { verifyWebhookSignature } from "./webhook-signature";

function connect(sim: RunningSimulator, overrides: Partial<LightspeedClientOptions> = {}) {
  const waits: number[] = [];
  const events: LightspeedEvent[] = [];
  const client = createLightspeedClient({
    baseUrl: sim.baseUrl,
    token: sim.token,
    pageSize: 200,
    sleep: async (ms, signal) => {
      waits.push(ms);
      sim.store.advanceClock(ms);
      signal?.throwIfAborted();
    },
    now: () => sim.store.now().getTime(),
    random: () => 0.5,
    onEvent: (event) => events.push(event),
    ...overrides,
  });
  return { client, waits, events };
}

async function readAllSales(client: ReturnType<typeof connect>["client"], after = 0) {
  const sales: Sale[] = [];
  const malformed: MalformedRecord[] = [];
  const cursors: number[] = [];
  for await (const page of client.listSales({ after })) {
    sales.push(...page.records.map((record) => record.data));
    malformed.push(...page.malformed);
    cursors.push(page.after);
  }
  return { sales, malformed, cursors };
}

describe("createLightspeedClient against the simulator (large store)", () => {
  let sim: RunningSimulator;

  beforeAll(async () => {
    sim = await startSimulator({
      seed: 11,
      store: { customers: 300, inStoreSales: 10_000, ecomOrders: 400, months: 6 },
      rateLimit: { limit: 100_000, windowMs: 300_000 },
    });
  }, 120_000);

  afterAll(async () => {
    await sim.close();
  });

  afterEach(() => {
    sim.store.faults.reset();
  });

  it("pages through more than 10,000 sales, 200 at a time, in version order", async () => {
    const expected = sim.store.sales().length;
    expect(expected).toBeGreaterThanOrEqual(10_000);
    const { client } = connect(sim);
    const { sales, malformed, cursors } = await readAllSales(client);

    expect(malformed).toEqual([]);
    expect(sales).toHaveLength(expected);
    expect(new Set(sales.map((sale) => sale.id)).size).toBe(expected);
    expect(cursors).toHaveLength(Math.ceil(expected / 200));
    const versions = sales.map((sale) => sale.version);
    expect(
      versions.every((version, index) => index === 0 || version > (versions[index - 1] ?? 0)),
    ).toBe(true);

    // Every synced eCom sale is recognised with its order number; no in-store sale is.
    const ecomSales = sales.filter((sale) => sale.source?.startsWith("ecw:"));
    expect(ecomSales.length).toBeGreaterThan(0);
    for (const sale of sales) {
      const match = recogniseEcomSale(sale);
      expect(match.isEcom).toBe(sale.source?.startsWith("ecw:") === true);
      if (match.isEcom) expect(match.orderNumber).toBe(sale.source_id);
    }
  }, 120_000);

  it("resumes from a saved cursor and picks up changes made meanwhile", async () => {
    const { client } = connect(sim);
    const firstRun: Sale[] = [];
    let saved = 0;
    let pages = 0;
    for await (const page of client.listSales()) {
      firstRun.push(...page.records.map((record) => record.data));
      saved = page.after;
      pages += 1;
      if (pages === 3) break;
    }
    expect(firstRun).toHaveLength(600);

    const created = sim.store.createSale({ note: "after the pause" });
    const changed = sim.store.updateSale(firstRun[0]?.id ?? "", { note: "edited" });

    const resumed = await readAllSales(connect(sim).client, saved);
    const resumedIds = resumed.sales.map((sale) => sale.id);
    expect(resumedIds).toContain(created.id);
    expect(resumedIds.at(-1)).toBe(changed.id);
    expect(resumed.sales.at(-1)?.note).toBe("edited");
    expect(resumed.sales.every((sale) => sale.version > saved)).toBe(true);
    const seen = new Set([...firstRun.map((sale) => sale.id), ...resumedIds]);
    expect(seen.size).toBe(sim.store.sales().length);
  }, 60_000);

  it("retries injected 5xx answers and then succeeds", async () => {
    const { client, waits, events } = connect(sim);
    sim.store.faults.failNext(2, 503);
    const pages = client.listSales({ pageSize: 50 });
    const first = await pages.next();
    await pages.return(undefined);
    expect(first.done).toBe(false);
    expect(first.value?.records).toHaveLength(50);
    expect(waits).toEqual([375, 750]);
    expect(
      events.map((event) => (event.type === "retry-scheduled" ? event.status : event.type)),
    ).toEqual([503, 503]);
  });

  it("reports a corrupted sale as malformed, skips it and reads the rest", async () => {
    const victim = sim.store.sales()[42];
    if (!victim) throw new Error("store too small");
    sim.store.faults.corruptSale(victim.id);
    const { client, events } = connect(sim);
    const { sales, malformed } = await readAllSales(client);

    expect(sales).toHaveLength(sim.store.sales().length - 1);
    expect(sales.some((sale) => sale.id === victim.id)).toBe(false);
    expect(malformed).toHaveLength(1);
    expect(malformed[0]?.id).toBe(victim.id);
    expect(malformed[0]?.version).toBe(victim.version);
    expect(malformed[0]?.issues.map((issue) => issue.path)).toEqual(
      expect.arrayContaining(["total_price", "sale_date"]),
    );
    expect(events.filter((event) => event.type === "malformed-record")).toHaveLength(1);
  }, 60_000);

  it("parses and verifies the webhook the simulator fires for a new sale", async () => {
    const sale = sim.store.createSale({});
    const event = sim.store.webhooks.events.at(-1);
    expect(event?.type).toBe("sale.update");
    const delivery = parseWebhookDelivery({ body: event?.body ?? "" });
    expect(delivery).toMatchObject({
      type: "sale.update",
      entity: "sale",
      entityId: sale.id,
      domainPrefix: sim.domainPrefix,
    });
    for (const encoding of ["hex", "base64"] as const) {
      const header = signWebhookBody(event?.body ?? "", "sim-secret", encoding);
      expect(
        verifyWebhookSignature({ rawBody: event?.body ?? "", header, secret: "sim-secret" }),
      ).toMatchObject({ status: "valid", encoding });
    }
  });
});

describe("createLightspeedClient against the simulator (rate limited)", () => {
  let sim: RunningSimulator;

  beforeAll(async () => {
    sim = await startSimulator({
      seed: 3,
      store: { customers: 10, inStoreSales: 60, ecomOrders: 0, months: 1 },
      rateLimit: { limit: 5, windowMs: 60_000 },
    });
  }, 60_000);

  afterAll(async () => {
    await sim.close();
  });

  it("waits for Retry-After on a 429 and then carries on", async () => {
    const { client, waits, events } = connect(sim, {
      pageSize: 5,
      rateLimit: { pace: false },
    });
    const started = sim.store.now().getTime();
    const { sales } = await readAllSales(client);

    expect(sales).toHaveLength(sim.store.sales().length);
    const rateLimitWaits = events.filter(
      (event) => event.type === "rate-limit-wait" && event.reason === "retry-after",
    );
    expect(rateLimitWaits.length).toBeGreaterThanOrEqual(2);
    expect(waits.length).toBe(rateLimitWaits.length);
    // Each wait ends exactly when the window reopens: no request is made before it.
    expect(waits.every((ms) => ms > 0 && ms <= 60_000)).toBe(true);
    expect(sim.store.now().getTime() - started).toBe(waits.reduce((sum, ms) => sum + ms, 0));
  });
});
