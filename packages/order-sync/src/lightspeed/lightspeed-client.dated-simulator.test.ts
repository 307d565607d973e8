// The client in date-version mode against @greenloop/lightspeed-simulator over loopback: the same
// store read through `/api/2.0` and `/api/2026-07` gives the same domain records.
import { type RunningSimulator, startSimulator } from "@greenloop/lightspeed-simulator";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { recogniseEcomSale } from "./ecom-sale";
import { createLightspeedClient } from "./lightspeed-client";
import type { MalformedRecord, ParsedRecord } from "./parse-record";
import type { Sale } from "./schemas/sale";

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({
    seed: 23,
    store: { customers: 40, inStoreSales: 150, ecomOrders: 30, months: 2 },
    rateLimit: { limit: 100_000, windowMs: 300_000 },
  });
});

afterAll(async () => {
  await sim.close();
});

afterEach(() => {
  sim.store.faults.reset();
});

const connect = (apiVersion: string) =>
  createLightspeedClient({ baseUrl: sim.baseUrl, token: sim.token, apiVersion, pageSize: 50 });

async function readSales(apiVersion: string) {
  const records: ParsedRecord<Sale>[] = [];
  const malformed: MalformedRecord[] = [];
  for await (const page of connect(apiVersion).listSales()) {
    records.push(...page.records);
    malformed.push(...page.malformed);
  }
  return { records, malformed };
}

/** As JSON (Decimals and Dates as text), without the one field only API 2.0 has: `status`. */
const asJson = ({ status: _status, ...sale }: Sale) => JSON.parse(JSON.stringify(sale)) as unknown;

/** `value` cut down to the keys `shape` has, recursively: a 2.0 sale keeps unknown fields. */
function cutTo(value: unknown, shape: unknown): unknown {
  if (Array.isArray(value) && Array.isArray(shape)) {
    return value.map((item, index) => cutTo(item, shape[index]));
  }
  if (typeof value !== "object" || value === null || typeof shape !== "object" || !shape) {
    return value;
  }
  const source = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(shape).map(([key, inner]) => [key, cutTo(source[key], inner)]),
  );
}

describe("createLightspeedClient with a date version against the simulator", () => {
  it("reads every sale into the same domain record as API 2.0 does", async () => {
    const legacy = await readSales("2.0");
    const dated = await readSales("2026-07");
    expect(dated.malformed).toEqual([]);
    expect(dated.records).toHaveLength(sim.store.sales().length);
    const legacyById = new Map(legacy.records.map((r) => [r.data.id, r.data]));
    for (const { data, raw } of dated.records) {
      const twin = legacyById.get(data.id) as Sale;
      expect(cutTo(asJson(twin), asJson(data))).toEqual(asJson(data));
      expect(data.status).toBeNull();
      expect(raw).toHaveProperty("_metadata.version", data.version);
    }
    const ecom = dated.records.map((r) => recogniseEcomSale(r.data)).filter((m) => m.isEcom);
    expect(ecom.length).toBeGreaterThan(0);
    expect(ecom.every((match) => match.isEcom && match.orderNumber !== null)).toBe(true);
  });

  it("reports a corrupted date-based sale as malformed and reads the rest", async () => {
    const target = sim.store.sales()[10] as { id: string; version: number };
    sim.store.faults.corruptSale(target.id);
    const { records, malformed } = await readSales("2026-07");
    expect(malformed).toMatchObject([{ id: target.id, version: target.version }]);
    expect(malformed[0]?.issues.map((issue) => issue.path)).toEqual([
      "date",
      "totals.price",
      "totals.price_incl_tax",
    ]);
    expect(records).toHaveLength(sim.store.sales().length - 1);
  });

  it("sets a customer's group through the date version and reads it back", async () => {
    const client = connect("2026-07");
    const customer = sim.store.customers().find((c) => c.deleted_at === null);
    const group = (await client.fetchCustomerGroups()).records.at(-1)?.data;
    if (!customer || !group) throw new Error("the store has customers and groups");
    const updated = await client.setCustomerGroup({
      customerId: customer.id,
      customerGroupId: group.id,
    });
    expect(updated.data.customer_group_id).toBe(group.id);
    expect((await client.fetchCustomer(customer.id)).data.version).toBe(updated.data.version);
  });

  it("is served by the oldest version when it asks for a retired one", async () => {
    const retired = await readSales("2025-07");
    expect(retired.records.map((r) => r.data.id)).toEqual(
      (await readSales("2026-01")).records.map((r) => r.data.id),
    );
  });
});
