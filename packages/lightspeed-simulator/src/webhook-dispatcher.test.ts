import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { SimulatedStore } from "./simulated-store";
import { webhookRetryDelayMs } from "./webhook-dispatcher";

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

const servers: Server[] = [];

afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))),
  );
});

/** A local receiver answering with the scripted statuses (then 200). */
async function startReceiver(
  statuses: number[] = [],
): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      body += chunk;
    });
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.statusCode = statuses.shift() ?? 200;
      res.end();
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks/lightspeed`, received };
}

const small = { customers: 5, inStoreSales: 5, ecomOrders: 0, months: 1 };

describe("WebhookDispatcher", () => {
  it("delivers form-encoded, hex-signed sale.update payloads in the 1.0 shape", async () => {
    const receiver = await startReceiver();
    const store = new SimulatedStore({
      store: small,
      webhook: { url: receiver.url, clientSecret: "s3cret" },
    });
    const sale = store.createSale();
    const attempts = await store.webhooks.deliverDue();
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ status: 200, outcome: "delivered", type: "sale.update" });

    const [delivery] = receiver.received;
    expect(delivery?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    const expected = createHmac("sha256", "s3cret")
      .update(delivery?.body ?? "")
      .digest("hex");
    expect(delivery?.headers["x-signature"]).toBe(`signature=${expected},algorithm=HMAC-SHA256`);
    const form = new URLSearchParams(delivery?.body);
    // Only what Lightspeed documents: `payload`, and `domain_prefix`/`environment` at times.
    expect([...form.keys()].sort()).toEqual(["domain_prefix", "environment", "payload"]);
    expect(form.get("domain_prefix")).toBe("greenloopdemo");
    const payload = JSON.parse(form.get("payload") ?? "{}");
    expect(payload.id).toBe(sale.id);
    expect(payload.sale_date).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(payload.register_sale_products).toHaveLength(sale.line_items.length);
  });

  it("sends only the documented payload field, with domain_prefix and environment every other time", async () => {
    const receiver = await startReceiver();
    const store = new SimulatedStore({ store: small, webhook: { url: receiver.url } });
    store.createSale();
    store.createCustomer();
    await store.webhooks.deliverDue();
    const fieldSets = receiver.received.map((delivery) =>
      [...new URLSearchParams(delivery.body).keys()].sort().join(","),
    );
    expect(fieldSets).toEqual(["domain_prefix,environment,payload", "payload"]);
  });

  it("signs in base64 when configured and leaves deliveries unsigned without a secret", async () => {
    const receiver = await startReceiver();
    const store = new SimulatedStore({
      store: small,
      webhook: { url: receiver.url, clientSecret: "k", signatureEncoding: "base64" },
    });
    store.createCustomer();
    await store.webhooks.deliverDue();
    const signed = receiver.received[0];
    const digest = createHmac("sha256", "k")
      .update(signed?.body ?? "")
      .digest("base64");
    expect(signed?.headers["x-signature"]).toBe(`signature=${digest},algorithm=HMAC-SHA256`);

    store.webhooks.configure({ clientSecret: null });
    store.createCustomer();
    await store.webhooks.deliverDue();
    expect(receiver.received[1]?.headers["x-signature"]).toBeUndefined();
  });

  it("retries after a 500 only once the simulated clock reaches the back-off", async () => {
    const receiver = await startReceiver([500]);
    const store = new SimulatedStore({ store: small, webhook: { url: receiver.url } });
    const customer = store.createCustomer();
    const [failed] = await store.webhooks.deliverDue();
    expect(failed).toMatchObject({ status: 500, outcome: "failed", attempt: 1 });
    expect(failed?.nextAttemptAt).not.toBeNull();

    expect(await store.webhooks.deliverDue()).toEqual([]);
    store.advanceClock(webhookRetryDelayMs(1) - 1);
    expect(await store.webhooks.deliverDue()).toEqual([]);
    store.advanceClock(1);
    const [retried] = await store.webhooks.deliverDue();
    expect(retried).toMatchObject({ status: 200, outcome: "delivered", attempt: 2 });
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1]?.body).toBe(receiver.received[0]?.body);
    expect(
      JSON.parse(new URLSearchParams(receiver.received[1]?.body).get("payload") ?? "").id,
    ).toBe(customer.id);
    expect(store.webhooks.log.map((a) => a.status)).toEqual([500, 200]);
  });

  it("gives up after maxAttempts, spreading 20 attempts over about 48 hours", async () => {
    let total = 0;
    for (let attempt = 1; attempt < 20; attempt++) total += webhookRetryDelayMs(attempt);
    expect(total / 3_600_000).toBeGreaterThan(46);
    expect(total / 3_600_000).toBeLessThan(50);

    const store = new SimulatedStore({
      store: small,
      webhook: { url: "http://127.0.0.1:1/refused", maxAttempts: 2 },
    });
    store.createCustomer();
    const [first] = await store.webhooks.deliverDue();
    expect(first).toMatchObject({ status: null, outcome: "failed" });
    store.advanceClock(webhookRetryDelayMs(1));
    const [second] = await store.webhooks.deliverDue();
    expect(second).toMatchObject({ attempt: 2, outcome: "failed", nextAttemptAt: null });
    expect(store.webhooks.pending).toEqual([]);
  });

  it("drops, duplicates and reorders deliveries on request", async () => {
    const receiver = await startReceiver();
    const store = new SimulatedStore({ store: small, webhook: { url: receiver.url } });
    const customers = [store.createCustomer(), store.createCustomer(), store.createCustomer()];
    store.faults.dropNextWebhooks(1);
    store.faults.duplicateNextWebhooks(1);
    store.faults.reorderNextWebhookBatches(1);
    const attempts = await store.webhooks.deliverDue();
    expect(attempts.map((a) => a.outcome)).toEqual([
      "dropped",
      "delivered",
      "duplicate",
      "delivered",
    ]);
    const ids = receiver.received.map(
      (r) => JSON.parse(new URLSearchParams(r.body).get("payload") ?? "{}").id,
    );
    // Reversed batch: the last customer was dropped, the middle one arrived twice.
    expect(ids).toEqual([customers[1]?.id, customers[1]?.id, customers[0]?.id]);
    expect(store.webhooks.pending).toEqual([]);
  });
});
