import { describe, expect, it } from "vitest";
import { createSimulatorApp } from "./create-simulator-app";
import type { DatedSale } from "./dated-sale";
import type { Customer, Sale } from "./resource-types";
import { SimulatedStore } from "./simulated-store";

interface Page<T> {
  data: T[];
  version: { min: number | null; max: number | null };
}

function setup(options: ConstructorParameters<typeof SimulatedStore>[0] = {}) {
  const store = new SimulatedStore({
    store: { customers: 20, inStoreSales: 60, ecomOrders: 15, months: 2 },
    ...options,
  });
  const app = createSimulatorApp(store);
  const headers = { Authorization: `Bearer ${store.token}` };
  const get = (path: string) => app.request(path, { headers });
  const json = async <T>(path: string) => {
    const res = await get(path);
    expect(res.status, path).toBe(200);
    return (await res.json()) as T;
  };
  return { store, app, headers, get, json };
}

async function readAll<T>(
  json: <P>(path: string) => Promise<P>,
  path: string,
  versionOf: (row: T) => number,
): Promise<T[]> {
  const rows: T[] = [];
  let after = 0;
  for (;;) {
    const page = await json<Page<T>>(`${path}?after=${after}&page_size=40`);
    if (page.data.length === 0) return rows;
    expect(page.version.max).toBe(versionOf(page.data.at(-1) as T));
    rows.push(...page.data);
    after = page.version.max ?? after;
  }
}

describe("createDatedApiRoutes", () => {
  it("pages the same sales as API 2.0, in the date-based shape, by the same version cursor", async () => {
    const { json } = setup();
    const dated = await readAll<DatedSale>(json, "/api/2026-07/sales", (s) => s._metadata.version);
    const legacy = await readAll<Sale>(json, "/api/2.0/sales", (s) => s.version);
    expect(dated.map((s) => [s.id, s._metadata.version])).toEqual(
      legacy.map((s) => [s.id, s.version]),
    );
    for (const sale of dated) {
      // Only what the 2026-07 schema documents: no 2.0 field names.
      for (const field of [
        "status",
        "sale_date",
        "version",
        "register_id",
        "user_id",
        "total_price",
      ]) {
        expect(sale).not.toHaveProperty(field);
      }
    }
    const [first] = dated;
    const twin = legacy[0] as Sale;
    expect(first).toMatchObject({
      date: twin.sale_date,
      state: twin.state,
      attributes: twin.attributes,
      source: {
        type: twin.source,
        id: twin.source_id,
        register_id: twin.register_id,
        outlet_id: twin.outlet_id,
        author: { id: twin.user_id },
      },
      totals: {
        price: twin.total_price,
        tax: twin.total_tax,
        price_incl_tax: twin.total_price_incl,
        loyalty: twin.total_loyalty,
      },
      return: { is_return: false, original_sale_id: null },
    });
    expect(first?.line_items[0]).toMatchObject({
      product: { id: twin.line_items[0]?.product_id },
      quantity: twin.line_items[0]?.quantity,
      pricing: { price: twin.line_items[0]?.price, total: twin.line_items[0]?.price_total },
      tax: { id: twin.line_items[0]?.tax_id, total: twin.line_items[0]?.tax_total },
    });
  });

  it("serves an eCom-synced sale with its ecw: source type, order number and payment names", async () => {
    const { store, json } = setup();
    const ecom = store.sales().find((sale) => sale.source.startsWith("ecw:")) as Sale;
    const { data } = await json<{ data: DatedSale }>(`/api/2026-07/sales/${ecom.id}`);
    expect(data.source).toMatchObject({ type: ecom.source, id: ecom.source_id });
    expect(data.note).toBe(ecom.note);
    expect(data.payments.map((p) => [p.type.name, p.amount, p.date])).toEqual(
      ecom.payments.map((p) => [p.name, p.amount, p.payment_date]),
    );
    expect(data._metadata.version).toBe(ecom.version);
  });

  it("serves customers, groups, registers and outlets exactly as API 2.0 does", async () => {
    const { json } = setup();
    for (const resource of ["customers?deleted=true", "customer_groups", "registers", "outlets"]) {
      expect(await json(`/api/2026-07/${resource}`)).toEqual(await json(`/api/2.0/${resource}`));
    }
  });

  it("changes a customer's group by PUT on the date version, in the same store", async () => {
    const { store, app, headers, json } = setup();
    const customer = store.customers()[0] as Customer;
    const gold = store.customerGroups()[1];
    const res = await app.request(`/api/2026-04/customers/${customer.id}`, {
      method: "PUT",
      headers: { ...headers, "Content-Type": "application/json" },
      body: JSON.stringify({ customer_group_id: gold?.id }),
    });
    expect(res.status).toBe(200);
    const updated = ((await res.json()) as { data: Customer }).data;
    expect(updated.customer_group_id).toBe(gold?.id);
    expect(updated.version).toBeGreaterThan(customer.version);
    const again = await json<{ data: Customer }>(`/api/2.0/customers/${customer.id}`);
    expect(again.data.version).toBe(updated.version);

    const missing = await app.request(`/api/2026-07/customers/${customer.id}`, {
      method: "PUT",
      headers: { ...headers, "Content-Type": "application/json" },
      body: JSON.stringify({ customer_group_id: "no-such-group" }),
    });
    expect(missing.status).toBe(422);
    expect(await missing.json()).toMatchObject({ error: "Unprocessable Entity" });
  });

  it("answers a retired version with the oldest supported one, and refuses unreleased ones", async () => {
    const { get, json } = setup();
    const oldest = await json("/api/2026-01/sales?page_size=5");
    expect(await json("/api/2025-10/sales?page_size=5")).toEqual(oldest);
    expect(await json("/api/2019-01/customers?page_size=5")).toEqual(
      await json("/api/2026-01/customers?page_size=5"),
    );
    for (const path of ["/api/2026-10/sales", "/api/2026-02/sales", "/api/2026-13/sales"]) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(await res.json()).toMatchObject({ error: "Not Found" });
    }
    // A resource the simulator does not keep.
    expect((await get("/api/2026-07/gift_cards")).status).toBe(404);
  });

  it("serves the versions it is configured with", async () => {
    const { get } = setup({ dateVersions: ["2026-04", "2026-07", "2026-10"] });
    expect((await get("/api/2026-10/sales?page_size=1")).status).toBe(200);
    expect((await get("/api/2026-01/sales?page_size=1")).status).toBe(200);
    expect(() => new SimulatedStore({ dateVersions: ["2026-07", "2026-01"] })).toThrow(RangeError);
  });

  it("sits behind the same auth, rate limiter and injected faults as API 2.0", async () => {
    const { store, app, get } = setup({ rateLimit: { limit: 3 } });
    expect((await app.request("/api/2026-07/sales")).status).toBe(401);
    store.faults.failNext(1, 503);
    expect((await get("/api/2026-07/sales")).status).toBe(503);
    expect((await get("/api/2.0/sales")).status).toBe(200);
    expect((await get("/api/2026-07/customers")).status).toBe(200);
    // The fourth request of the window, whichever API it goes to.
    const limited = await get("/api/2026-07/sales");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("Retry-After")).toBeTruthy();
  });

  it("serves a corrupted sale with garbage in its date-based fields", async () => {
    const { store, json } = setup();
    const sale = store.sales()[3] as Sale;
    store.faults.corruptSale(sale.id);
    const { data } = await json<{ data: Record<string, unknown> }>(`/api/2026-07/sales/${sale.id}`);
    expect(data).toMatchObject({
      id: sale.id,
      date: "31/02/2026 25:61",
      totals: { price: "12,50 USD", tax: sale.total_tax },
      _metadata: { version: sale.version },
    });
  });
});
