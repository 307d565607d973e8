import { describe, expect, it } from "vitest";
import { createSimulatorApp } from "./create-simulator-app";
import type { Customer, Sale } from "./resource-types";
import { SimulatedStore } from "./simulated-store";

interface Page<T> {
  data: T[];
  version: { min: number | null; max: number | null };
}

function setup(options: ConstructorParameters<typeof SimulatedStore>[0] = {}) {
  const store = new SimulatedStore({
    store: { customers: 25, inStoreSales: 120, ecomOrders: 20, months: 3 },
    ...options,
  });
  const app = createSimulatorApp(store);
  const headers = { Authorization: `Bearer ${store.token}` };
  const get = (path: string) => app.request(path, { headers });
  const send = (method: string, path: string, body: unknown) =>
    app.request(path, {
      method,
      headers: { ...headers, "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
  return { store, app, get, send };
}

async function readAll<T extends { id: string; version: number }>(
  get: (path: string) => Promise<Response> | Response,
  path: string,
  pageSize: number,
): Promise<{ rows: T[]; pages: Page<T>[] }> {
  const rows: T[] = [];
  const pages: Page<T>[] = [];
  let after = 0;
  for (;;) {
    const res = await get(`${path}?after=${after}&page_size=${pageSize}`);
    expect(res.status).toBe(200);
    const page = (await res.json()) as Page<T>;
    pages.push(page);
    if (page.data.length === 0) return { rows, pages };
    rows.push(...page.data);
    after = page.version.max ?? after;
  }
}

describe("createApiRoutes", () => {
  it("pages every sale exactly once in version order and ends with an empty page", async () => {
    const { store, get } = setup();
    const { rows, pages } = await readAll<Sale>(get, "/api/2.0/sales", 37);
    expect(rows.map((sale) => sale.id).sort()).toEqual(
      store
        .sales()
        .map((sale) => sale.id)
        .sort(),
    );
    expect(new Set(rows.map((sale) => sale.id)).size).toBe(rows.length);
    const versions = rows.map((sale) => sale.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(pages.at(-1)).toEqual({ data: [], version: { min: null, max: null } });
    expect(pages[0]?.data).toHaveLength(37);
  });

  it("uses the default page size when none is given", async () => {
    const { get } = setup();
    const page = (await (await get("/api/2.0/sales")).json()) as Page<Sale>;
    expect(page.data).toHaveLength(100);
  });

  it("serves an updated sale again with a higher version after the cursor", async () => {
    const { store, get } = setup();
    const { rows } = await readAll<Sale>(get, "/api/2.0/sales", 200);
    const cursor = rows.at(-1)?.version ?? 0;
    const target = rows.find((sale) => sale.status === "AWAITING_PICKUP") ?? rows[0];
    if (!target) throw new Error("no sale");
    store.updateSale(target.id, { status: "PICKED_UP_CLOSED" });
    const page = (await (await get(`/api/2.0/sales?after=${cursor}`)).json()) as Page<Sale>;
    expect(page.data).toHaveLength(1);
    expect(page.data[0]?.id).toBe(target.id);
    expect(page.data[0]?.version).toBeGreaterThan(target.version);
    expect(page.data[0]?.status).toBe("PICKED_UP_CLOSED");
    expect(page.data[0]?.state).toBe("closed");
    expect(page.data[0]?.attributes).toEqual(["pickup"]);
  });

  it("lists deleted customers only with deleted=true", async () => {
    const { store, get } = setup();
    const victim = store.customers().find((c) => c.deleted_at === null);
    if (!victim) throw new Error("no customer");
    store.deleteCustomer(victim.id);
    const without = await readAll<Customer>(get, "/api/2.0/customers", 200);
    expect(without.rows.some((c) => c.id === victim.id)).toBe(false);
    expect(without.rows.every((c) => c.deleted_at === null)).toBe(true);
    const withDeleted = (await (
      await get("/api/2.0/customers?deleted=true&page_size=200")
    ).json()) as Page<Customer>;
    const found = withDeleted.data.find((c) => c.id === victim.id);
    expect(found?.deleted_at).toMatch(/\+00:00$/);
  });

  it("requires the bearer token", async () => {
    const { app, store } = setup();
    const missing = await app.request("/api/2.0/sales");
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ error: "Unauthorized" });
    const wrong = await app.request("/api/2.0/sales", {
      headers: { Authorization: "Bearer nope" },
    });
    expect(wrong.status).toBe(401);
    const control = await app.request("/_sim/state", { method: "GET" });
    expect(control.status).toBe(401);
    expect(store.token).toBe("sim-token-1");
  });

  it("answers single records and 404 JSON for unknown ids", async () => {
    const { store, get } = setup();
    const sale = store.sales()[0];
    const res = await get(`/api/2.0/sales/${sale?.id}`);
    expect(((await res.json()) as { data: Sale }).data.id).toBe(sale?.id);
    const missing = await get("/api/2.0/customers/00000000-0000-4000-8000-000000000000");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: "Not Found" });
  });

  it("lists customer groups, registers and outlets in the version envelope", async () => {
    const { get } = setup();
    for (const path of ["customer_groups", "registers", "outlets"]) {
      const page = (await (await get(`/api/2.0/${path}`)).json()) as Page<{ id: string }>;
      expect(page.data.length).toBeGreaterThan(0);
      expect(page.version.min).not.toBeNull();
    }
  });

  it("bumps the version on PUT customer_group_id and queues a customer.update webhook", async () => {
    const { store, send } = setup({ webhook: { url: "http://127.0.0.1:9/hook" } });
    const customer = store.customers().find((c) => c.deleted_at === null);
    const gold = store.customerGroups().find((g) => g.name === "Gold");
    if (!customer || !gold) throw new Error("fixtures missing");
    const res = await send("PUT", `/api/2.0/customers/${customer.id}`, {
      customer_group_id: gold.id,
    });
    expect(res.status).toBe(200);
    const updated = ((await res.json()) as { data: Customer }).data;
    expect(updated.customer_group_id).toBe(gold.id);
    expect(updated.version).toBeGreaterThan(customer.version);
    expect(updated.first_name).toBe(customer.first_name);
    const queued = store.webhooks.pending.find((d) => d.event.entityId === customer.id);
    expect(queued?.event.type).toBe("customer.update");
    const payload = JSON.parse(new URLSearchParams(queued?.event.body).get("payload") ?? "{}");
    expect(payload.customer_group_id).toBe(gold.id);
  });

  it("refuses an unknown customer group with 422", async () => {
    const { store, send } = setup();
    const customer = store.customers()[0];
    const res = await send("PUT", `/api/2.0/customers/${customer?.id}`, {
      customer_group_id: "00000000-0000-4000-8000-000000000000",
    });
    expect(res.status).toBe(422);
    expect(store.getCustomer(customer?.id ?? "").version).toBe(customer?.version);
  });

  it("fails the next requests with an injected 5xx, then recovers", async () => {
    const { store, get } = setup();
    store.faults.failNext(2, 503);
    expect((await get("/api/2.0/sales")).status).toBe(503);
    expect((await get("/api/2.0/sales")).status).toBe(503);
    expect((await get("/api/2.0/sales")).status).toBe(200);
  });

  it("serves a corrupted sale with bad fields but its id and version intact", async () => {
    const { store, get } = setup();
    const sale = store.sales()[3];
    if (!sale) throw new Error("no sale");
    store.faults.corruptSale(sale.id);
    const single = (
      (await (await get(`/api/2.0/sales/${sale.id}`)).json()) as { data: Record<string, unknown> }
    ).data;
    expect(single.id).toBe(sale.id);
    expect(single.version).toBe(sale.version);
    expect(typeof single.total_price).toBe("string");
    expect(Number.isNaN(Number(single.total_price))).toBe(true);
    expect(Number.isNaN(Date.parse(String(single.sale_date)))).toBe(true);
    const listed = (await (await get("/api/2.0/sales?page_size=200")).json()) as Page<
      Record<string, unknown>
    >;
    expect(listed.data.find((row) => row.id === sale.id)?.total_price).toBe(single.total_price);
  });

  it("rejects a malformed cursor with 400", async () => {
    const { get } = setup();
    expect((await get("/api/2.0/sales?after=abc")).status).toBe(400);
  });
});
