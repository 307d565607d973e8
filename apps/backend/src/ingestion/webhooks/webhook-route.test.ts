import { createHash, createHmac } from "node:crypto";
import { openTestDatabase, testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import {
  documentedCustomerPayload,
  documentedSalePayload,
} from "@greenloop/order-sync/lightspeed/testing";
import { describe, expect, it } from "vitest";
import { createApp } from "../../http/app";
import { createLogger } from "../../logger";
import { formHeaders, signedHeaders, webhookBody } from "./testing/webhook-fixtures";
import { webhookCounters } from "./webhook-inbox";
import type { WebhookRouteOptions } from "./webhook-route";

const cleanup = useTestCleanup();
const silent = createLogger({ level: "silent" });
const secret = "client-secret-for-tests";
const url = "/api/webhooks/lightspeed";
const saleId = "0af7b240-ab83-11ee-e6f0-5f8e9d1c2b3a";

async function setup(webhooks: WebhookRouteOptions = { clientSecret: secret }) {
  const db = await openTestDatabase();
  cleanup.defer(() => db.close());
  let logs = "";
  const logger = createLogger({
    level: "debug",
    destination: {
      write: (line: string) => {
        logs += line;
      },
    },
  });
  const app = createApp({ db, logger, webhooks });
  const rows = () =>
    db.prisma.webhookDelivery.findMany({
      select: {
        dedupeKey: true,
        type: true,
        domainPrefix: true,
        objectId: true,
        rawBody: true,
        status: true,
        attempts: true,
      },
    });
  const counter = async (name: string) =>
    Number(
      (await db.prisma.operationalCounter.findUnique({ where: { name }, select: { value: true } }))
        ?.value ?? 0,
    );
  return { db, app, rows, counter, logs: () => logs };
}

// The API 1.0 shape webhooks carry (reference §8.3), abridged.
const salePayload = {
  id: saleId,
  status: "CLOSED",
  sale_date: "2026-01-02 03:04:00",
  customer: { email: "jane.doe@example.com", phone: "0211234567" },
  updated_at: "2026-01-02 03:04:05",
  register_sale_products: [],
};

describe(`POST /api/webhooks/lightspeed with LIGHTSPEED_CLIENT_SECRET (${testDatabaseKind})`, () => {
  it("stores a validly signed delivery once, raw, and answers a duplicate with 200 too", async () => {
    const { app, rows, logs } = await setup();
    const body = webhookBody({ payload: salePayload });
    const first = await app.request(url, {
      method: "POST",
      body,
      headers: signedHeaders(body, secret),
    });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ status: "stored", id: expect.any(String) });
    const again = await app.request(url, {
      method: "POST",
      body,
      headers: signedHeaders(body, secret),
    });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ status: "duplicate" });

    expect(await rows()).toEqual([
      {
        dedupeKey: createHash("sha256").update(body).digest("hex"),
        type: "sale.update",
        domainPrefix: "greenloopdemo",
        objectId: saleId,
        rawBody: body,
        status: "PENDING",
        attempts: 0,
      },
    ]);
    // Ids only in the logs, never the payload's personal data.
    expect(logs()).toContain(saleId);
    expect(logs()).not.toContain("jane.doe");
    expect(logs()).not.toContain("0211234567");
  });

  it("accepts a base64 digest and wakes the worker only for a new delivery", async () => {
    let wakes = 0;
    const { app, rows } = await setup({ clientSecret: secret, onStored: () => wakes++ });
    const body = webhookBody({ payload: { id: "c-1" }, type: "customer.update" });
    const hmac = createHmac("sha256", secret).update(body).digest("base64");
    for (let i = 0; i < 2; i++) {
      const response = await app.request(url, {
        method: "POST",
        body,
        headers: { ...formHeaders, "x-signature": `signature=${hmac}, algorithm=HMAC-SHA256` },
      });
      expect(response.status).toBe(200);
    }
    expect(wakes).toBe(1);
    expect((await rows()).map((r) => [r.type, r.objectId])).toEqual([["customer.update", "c-1"]]);
  });

  it("refuses a tampered body, a wrong secret, a missing or malformed header with 401, counting each and storing nothing", async () => {
    const { app, rows, counter, logs } = await setup();
    const body = webhookBody({ payload: salePayload });
    const attempts: Array<{ body: string; headers: Record<string, string>; message: string }> = [
      {
        body: body.replace("CLOSED", "VOIDED"),
        headers: signedHeaders(body, secret),
        message: "X-Signature does not match the body",
      },
      {
        body,
        headers: signedHeaders(body, "someone-elses-secret"),
        message: "X-Signature does not match the body",
      },
      { body, headers: formHeaders, message: "X-Signature header is missing" },
      {
        body,
        headers: { ...formHeaders, "x-signature": "signature=zz,algorithm=HMAC-SHA256" },
        message: "X-Signature header is malformed: signature is not a hex or base64 SHA-256 digest",
      },
    ];
    for (const attempt of attempts) {
      const response = await app.request(url, {
        method: "POST",
        body: attempt.body,
        headers: attempt.headers,
      });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({
        error: { code: "UNAUTHORIZED", message: attempt.message },
      });
    }
    expect(await rows()).toEqual([]);
    expect(await counter(webhookCounters.signatureRejected)).toBe(4);
    expect(logs()).not.toContain("jane.doe");
  });

  it("answers 400 with the reason for a delivery it cannot read", async () => {
    const { app, rows } = await setup();
    const cases: Array<{ body: string; contentType?: string; message: string }> = [
      {
        body: JSON.stringify({ payload: salePayload }),
        contentType: "application/json",
        message: "webhook body must be application/x-www-form-urlencoded",
      },
      { body: "", message: "webhook body is empty" },
      { body: "type=sale.update&domain_prefix=x", message: "webhook body has no payload field" },
      {
        body: webhookBody({ payload: "{not json" }),
        message: "webhook payload is not valid JSON",
      },
      {
        body: webhookBody({ payload: { status: "CLOSED" } }),
        message: "webhook payload has no id",
      },
    ];
    for (const c of cases) {
      const response = await app.request(url, {
        method: "POST",
        body: c.body,
        headers: {
          ...signedHeaders(c.body, secret),
          ...(c.contentType ? { "content-type": c.contentType } : {}),
        },
      });
      expect(response.status, c.message).toBe(400);
      expect(await response.json()).toEqual({ error: { code: "BAD_INPUT", message: c.message } });
    }
    expect(await rows()).toEqual([]);
  });

  it("refuses a delivery that is not valid UTF-8 with 400 and stores nothing (it was stored with replacement characters)", async () => {
    const { app, rows } = await setup();
    const text = webhookBody({ payload: { id: saleId, note: "caf" } });
    const percentEncoded = text.replace("caf", "caf%E9");
    const rawByte = Buffer.concat([
      Buffer.from(text.slice(0, text.indexOf("caf") + 3)),
      Buffer.from([0xe9]),
      Buffer.from(text.slice(text.indexOf("caf") + 3)),
    ]);
    for (const body of [Buffer.from(percentEncoded), rawByte]) {
      const signature = createHmac("sha256", secret).update(body).digest("hex");
      const response = await app.request(url, {
        method: "POST",
        body,
        headers: { ...formHeaders, "x-signature": `signature=${signature},algorithm=HMAC-SHA256` },
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        error: { code: "BAD_INPUT", message: "webhook body is not valid UTF-8" },
      });
    }
    expect(await rows()).toEqual([]);
  });

  it("takes the type from ?type= when the form has none", async () => {
    const { app, rows } = await setup();
    const body = webhookBody({ payload: { id: "cust-9" }, type: null });
    const response = await app.request(`${url}?type=customer.update`, {
      method: "POST",
      body,
      headers: signedHeaders(body, secret),
    });
    expect(response.status).toBe(200);
    expect((await rows()).map((r) => [r.type, r.objectId])).toEqual([
      ["customer.update", "cust-9"],
    ]);
  });

  it("stores every delivery as Lightspeed documents it (payload only), typed by URL, else by shape, else unknown", async () => {
    const { app, rows } = await setup();
    const post = async (target: string, payload: Record<string, unknown>) => {
      const form = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
      const response = await app.request(target, {
        method: "POST",
        body: form,
        headers: signedHeaders(form, secret),
      });
      expect(response.status, target).toBe(200);
    };
    // One URL for both types, as the manual setup page invites: the payload's shape tells.
    await post(url, documentedSalePayload);
    await post(url, documentedCustomerPayload);
    // A URL subscribed per type: the type segment wins over the shape.
    await post(`${url}/customer.update`, { id: "cust-by-path" });
    await post(`${url}?type=sale.update`, { id: "sale-by-query" });
    // Nothing tells: stored, for the worker to look the id up.
    await post(url, { id: "nobody-knows" });
    expect((await rows()).map((r) => [r.type, r.objectId]).sort()).toEqual(
      [
        ["sale.update", documentedSalePayload.id],
        ["customer.update", documentedCustomerPayload.id],
        ["customer.update", "cust-by-path"],
        ["sale.update", "sale-by-query"],
        ["unknown", "nobody-knows"],
      ].sort(),
    );
  });

  it("accepts the seed's /api/webhooks/lightspeed-sale-created as a sale subscription", async () => {
    const { app, rows } = await setup();
    const body = webhookBody({ payload: { id: "seed-sale" } });
    const response = await app.request("/api/webhooks/lightspeed-sale-created", {
      method: "POST",
      body,
      headers: signedHeaders(body, secret),
    });
    expect(response.status).toBe(200);
    expect((await rows()).map((r) => [r.type, r.objectId])).toEqual([["sale.update", "seed-sale"]]);
  });

  it("answers 413 to a body over 1 MiB and stores nothing", async () => {
    const { app, rows } = await setup();
    const body = webhookBody({ payload: { id: saleId, note: "x".repeat(1024 * 1024) } });
    const response = await app.request(url, {
      method: "POST",
      body,
      headers: signedHeaders(body, secret),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      error: { code: "PAYLOAD_TOO_LARGE", message: "webhook body exceeds 1048576 bytes" },
    });
    expect(await rows()).toEqual([]);
  });

  it("refuses a 2 MiB delivery without X-Signature with 401, not 413, counting it", async () => {
    const { app, rows, counter } = await setup();
    const body = webhookBody({ payload: { id: saleId, note: "x".repeat(2 * 1024 * 1024) } });
    const response = await app.request(url, { method: "POST", body, headers: formHeaders });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: { code: "UNAUTHORIZED", message: "X-Signature header is missing" },
    });
    expect(await rows()).toEqual([]);
    expect(await counter(webhookCounters.signatureRejected)).toBe(1);
  });

  it("answers 503 when the database is down, so Lightspeed retries", async () => {
    const { db, app } = await setup();
    await db.close();
    const body = webhookBody({ payload: salePayload });
    const response = await app.request(url, {
      method: "POST",
      body,
      headers: signedHeaders(body, secret),
    });
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      error: {
        code: "UNAVAILABLE",
        message: "The webhook inbox is unavailable; the delivery was not stored (retry later).",
      },
    });
  });
});

describe(`POST /api/webhooks/lightspeed with WEBHOOK_PATH_SECRET (${testDatabaseKind})`, () => {
  const pathSecret = "s3cret-in-the-url";

  it("accepts the secret in the path or the query, and refuses a wrong or missing one with 401", async () => {
    const { app, rows, counter } = await setup({ pathSecret });
    const post = (target: string, body: string) =>
      app.request(target, { method: "POST", body, headers: formHeaders });
    const one = webhookBody({ payload: { id: "sale-1" } });
    const two = webhookBody({ payload: { id: "sale-2" } });
    expect((await post(`${url}/${pathSecret}`, one)).status).toBe(200);
    expect((await post(`${url}?secret=${pathSecret}`, two)).status).toBe(200);

    const three = webhookBody({ payload: { id: "sale-3" } });
    for (const target of [`${url}/wrong`, `${url}?secret=${pathSecret}x`, url]) {
      const response = await post(target, three);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({
        error: { code: "UNAUTHORIZED", message: "webhook secret is missing or wrong" },
      });
    }
    expect((await rows()).map((r) => r.objectId).sort()).toEqual(["sale-1", "sale-2"]);
    expect(await counter(webhookCounters.secretRejected)).toBe(3);
  });

  it("refuses a wrong or missing secret with 401 whatever the body's size (a 2 MiB body got 413)", async () => {
    const { app, rows, counter } = await setup({ pathSecret });
    const body = webhookBody({ payload: { id: "sale-1", note: "x".repeat(2 * 1024 * 1024) } });
    for (const target of [`${url}/wrong`, url]) {
      const response = await app.request(target, { method: "POST", body, headers: formHeaders });
      expect(response.status, target).toBe(401);
      expect(await response.json()).toEqual({
        error: { code: "UNAUTHORIZED", message: "webhook secret is missing or wrong" },
      });
    }
    // The right secret: then the size counts.
    const right = await app.request(`${url}/${pathSecret}`, {
      method: "POST",
      body,
      headers: formHeaders,
    });
    expect(right.status).toBe(413);
    expect(await rows()).toEqual([]);
    expect(await counter(webhookCounters.secretRejected)).toBe(2);
  });

  it("reads the subscription's type from a segment after the secret, or before ?secret=", async () => {
    const { app, rows } = await setup({ pathSecret });
    const post = (target: string, body: string) =>
      app.request(target, { method: "POST", body, headers: formHeaders });
    expect(
      (await post(`${url}/${pathSecret}/sale.update`, webhookBody({ payload: { id: "s-9" } })))
        .status,
    ).toBe(200);
    expect(
      (
        await post(
          `${url}/customer.update?secret=${pathSecret}`,
          webhookBody({ payload: { id: "c-9" } }),
        )
      ).status,
    ).toBe(200);
    expect((await post(`${url}/sale.update`, webhookBody({ payload: { id: "x-9" } }))).status).toBe(
      401,
    );
    expect((await rows()).map((r) => [r.type, r.objectId]).sort()).toEqual([
      ["customer.update", "c-9"],
      ["sale.update", "s-9"],
    ]);
  });
});

describe(`POST /api/webhooks/lightspeed without authentication configured (${testDatabaseKind})`, () => {
  it("refuses every delivery with 503 saying what to configure", async () => {
    const db = await openTestDatabase();
    cleanup.defer(() => db.close());
    const app = createApp({ db, logger: silent });
    const body = webhookBody({ payload: salePayload });
    const response = await app.request(url, { method: "POST", body, headers: formHeaders });
    expect(response.status).toBe(503);
    const { error } = (await response.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe("UNAVAILABLE");
    expect(error.message).toContain("LIGHTSPEED_CLIENT_SECRET");
    expect(error.message).toContain("WEBHOOK_PATH_SECRET");
    expect(await db.prisma.webhookDelivery.count()).toBe(0);
  });
});
