// The webhooks API methods of the client against @greenloop/lightspeed-simulator over loopback HTTP,
// and against a loopback server for the shapes the simulator does not send.
import { type RunningSimulator, startSimulator } from "@greenloop/lightspeed-simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "../errors";
import type { LightspeedEvent } from "./events";
import { createLightspeedClient } from "./lightspeed-client";
import { sendJson, startLoopbackServer } from "./testing/loopback-server";

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({
    seed: 5,
    store: { customers: 5, inStoreSales: 5, ecomOrders: 0, months: 1 },
  });
});

afterAll(async () => {
  await sim.close();
});

const connect = (baseUrl: string, token: string, onEvent?: (event: LightspeedEvent) => void) =>
  createLightspeedClient({
    baseUrl,
    token,
    retry: { maxRetries: 0 },
    ...(onEvent ? { onEvent } : {}),
  });

describe("createWebhook", () => {
  it("creates a subscription, then reports the same type and URL again as a duplicate, not an error", async () => {
    const client = connect(sim.baseUrl, sim.token);
    const input = {
      url: "https://example.com/api/webhooks/lightspeed/sale.update",
      type: "sale.update",
      active: true,
    };
    const first = await client.createWebhook(input);
    expect(first).toEqual({
      outcome: "created",
      webhook: {
        id: expect.any(String),
        retailer_id: sim.store.retailerId,
        ...input,
      },
    });
    expect(await client.createWebhook({ ...input, active: false })).toEqual({
      outcome: "duplicate",
    });
    expect(sim.store.webhooks.subscriptions.list("api")).toHaveLength(1);
  });

  it("fails with BAD_INPUT when the store refuses the type", async () => {
    const client = connect(sim.baseUrl, sim.token);
    const failure = await client
      .createWebhook({ url: "https://example.com/h", type: "sale.create", active: true })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DomainError);
    expect((failure as DomainError).code).toBe("BAD_INPUT");
  });
});

describe("listWebhooks", () => {
  it("lists what the application made, updates one and deletes it; a second delete is NOT_FOUND", async () => {
    const client = connect(sim.baseUrl, sim.token);
    const created = await client.createWebhook({
      url: "https://example.com/customers",
      type: "customer.update",
      active: true,
    });
    if (created.outcome !== "created") throw new Error("not created");
    const { id } = created.webhook;
    expect((await client.listWebhooks()).map((webhook) => webhook.id)).toContain(id);

    const paused = await client.updateWebhook(id, {
      url: "https://example.com/customers",
      type: "customer.update",
      active: false,
    });
    expect(paused).toMatchObject({ id, active: false });
    expect(sim.store.webhooks.subscriptions.activeFor("customer.update")).toEqual([]);

    await client.deleteWebhook(id);
    expect((await client.listWebhooks()).map((webhook) => webhook.id)).not.toContain(id);
    const again = await client.deleteWebhook(id).catch((error: unknown) => error);
    expect((again as DomainError).code).toBe("NOT_FOUND");
  });

  it("reads a bare array too, and leaves out (and reports) a malformed entry", async () => {
    // Loose: `user_id` (in Lightspeed's Postman example) passes through.
    const listed = {
      id: "w1",
      retailer_id: "r",
      url: "https://a.example/h",
      active: true,
      type: "sale.update",
      user_id: "u",
    };
    const server = await startLoopbackServer((request, response) => {
      expect(request.url.pathname).toBe("/api/2.0/webhooks");
      sendJson(response, 200, [
        listed,
        { id: "w2", url: "https://a.example/h", active: "yes", type: "sale.update" },
      ]);
    });
    try {
      const events: LightspeedEvent[] = [];
      const webhooks = await connect(server.baseUrl, "t0ken", (event) =>
        events.push(event),
      ).listWebhooks();
      expect(webhooks).toEqual([listed]);
      expect(events).toEqual([
        expect.objectContaining({ type: "malformed-record", resource: "webhooks", id: "w2" }),
      ]);
    } finally {
      await server.close();
    }
  });
});
