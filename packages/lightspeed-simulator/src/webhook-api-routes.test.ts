import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createSimulatorApp } from "./create-simulator-app";
import { SimulatedStore } from "./simulated-store";
import type { WebhookSubscription } from "./webhook-subscriptions";

const servers: Server[] = [];

afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))),
  );
});

/** A local receiver recording the path of every delivery it gets (answers 200). */
async function startReceiver(): Promise<{ base: string; paths: string[] }> {
  const paths: string[] = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      paths.push(req.url ?? "");
      res.end();
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, paths };
}

function setup() {
  const store = new SimulatedStore({
    store: { customers: 5, inStoreSales: 5, ecomOrders: 0, months: 1 },
  });
  const app = createSimulatorApp(store);
  const headers = { Authorization: `Bearer ${store.token}`, "Content-Type": "application/json" };
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await app.request(`/api/2.0/webhooks${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
  };
  return { store, app, call };
}

const subscribe = (url: string, type = "sale.update", active = true) => ({ url, active, type });

describe("createWebhookApiRoutes", () => {
  it("creates a webhook with 201 and the documented Webhook object, then lists and gets it", async () => {
    const { store, call } = setup();
    const created = await call("POST", "", subscribe("https://example.com/hooks/sale.update"));
    expect(created.status).toBe(201);
    const webhook = created.body.data as WebhookSubscription;
    expect(webhook).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      retailer_id: store.retailerId,
      url: "https://example.com/hooks/sale.update",
      active: true,
      type: "sale.update",
    });
    expect(created.headers.get("x-ratelimit-limit")).not.toBeNull();

    expect(await call("GET", "")).toEqual({
      status: 200,
      headers: expect.anything(),
      body: { data: [webhook] },
    });
    expect((await call("GET", `/${webhook.id}`)).body).toEqual({ data: webhook });
  });

  it("refuses the same type and URL again with 409, but takes the URL for another type", async () => {
    const { call } = setup();
    const url = "https://example.com/hooks";
    expect((await call("POST", "", subscribe(url))).status).toBe(201);
    const again = await call("POST", "", subscribe(url, "sale.update", false));
    expect(again.status).toBe(409);
    expect(again.body).toEqual({ error: "A webhook with this type and URL already exists." });
    expect((await call("POST", "", subscribe(url, "customer.update"))).status).toBe(201);
    expect((await call("GET", "")).body.data).toHaveLength(2);
  });

  it("refuses an unknown type or a missing field with 400", async () => {
    const { call } = setup();
    const unknown = await call("POST", "", subscribe("https://example.com/h", "sale.create"));
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({
      error: "Bad Request",
      message: expect.stringMatching(/^type/),
    });
    const missing = await call("POST", "", { url: "https://example.com/h", type: "sale.update" });
    expect(missing.status).toBe(400);
    expect(missing.body.message).toMatch(/^active/);
    expect((await call("GET", "")).body).toEqual({ data: [] });
  });

  it("answers 404 with a one-member error body for an unknown id", async () => {
    const { call } = setup();
    const id = "00000000-0000-4000-8000-000000000000";
    for (const [method, body] of [
      ["GET", undefined],
      ["PUT", subscribe("https://example.com/h")],
      ["DELETE", undefined],
    ] as const) {
      const res = await call(method, `/${id}`, body);
      expect(res.status, method).toBe(404);
      expect(res.body).toEqual({ error: "Webhook not found" });
    }
  });

  it("deletes a webhook with 200, after which it is gone", async () => {
    const { call } = setup();
    const { id } = (await call("POST", "", subscribe("https://example.com/h"))).body.data;
    const deleted = await call("DELETE", `/${id}`);
    expect(deleted.status).toBe(200);
    expect((await call("GET", `/${id}`)).status).toBe(404);
    expect((await call("GET", "")).body).toEqual({ data: [] });
  });

  it("lists only the webhooks the application made, not those added by hand on Setup → API", async () => {
    const { store, call } = setup();
    store.webhooks.configure({ url: "https://example.com/by-hand" });
    expect((await call("GET", "")).body).toEqual({ data: [] });
    const byHand = store.webhooks.subscriptions.all()[0];
    expect(byHand).toMatchObject({ origin: "setup", type: "sale.update" });
    expect((await call("GET", `/${byHand?.id}`)).status).toBe(404);
    // The pair exists in the store all the same.
    const duplicate = await call("POST", "", subscribe("https://example.com/by-hand"));
    expect(duplicate.status).toBe(409);
  });

  it("goes through the bearer token, the rate limiter and injected faults like every API route", async () => {
    const { store, app, call } = setup();
    expect((await app.request("/api/2.0/webhooks")).status).toBe(401);
    store.faults.failNext(1, 503);
    expect((await call("GET", "")).status).toBe(503);
    const limit = store.rateLimiter.limit;
    for (let i = 0; i < limit; i++) await call("GET", "");
    const limited = await call("GET", "");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).not.toBeNull();
  });

  it("delivers each event to every active webhook of its type at exactly its URL, and stops when one is deactivated", async () => {
    const receiver = await startReceiver();
    const { store, call } = setup();
    const saleUrl = `${receiver.base}/hooks/secret/sale.update`;
    const sale = (await call("POST", "", subscribe(saleUrl))).body.data as WebhookSubscription;
    await call(
      "POST",
      "",
      subscribe(`${receiver.base}/hooks/customer.update?secret=s`, "customer.update"),
    );
    await call("POST", "", subscribe(`${receiver.base}/other/sales`));
    await call("POST", "", subscribe(`${receiver.base}/products`, "product.update"));

    store.createSale();
    store.createCustomer();
    const attempts = await store.webhooks.deliverDue();
    expect(attempts.map((a) => [a.type, a.status])).toEqual([
      ["sale.update", 200],
      ["sale.update", 200],
      ["customer.update", 200],
    ]);
    expect(receiver.paths).toEqual([
      "/hooks/secret/sale.update",
      "/other/sales",
      "/hooks/customer.update?secret=s",
    ]);
    expect(attempts[0]?.subscriptionId).toBe(sale.id);

    const paused = await call("PUT", `/${sale.id}`, { ...subscribe(saleUrl), active: false });
    expect(paused).toMatchObject({ status: 200, body: { data: { ...sale, active: false } } });
    receiver.paths.length = 0;
    store.createSale();
    await store.webhooks.deliverDue();
    expect(receiver.paths).toEqual(["/other/sales"]);
  });
});
