import { describe, expect, it } from "vitest";
import { webhookBody } from "../ingestion/webhooks/testing/webhook-fixtures";
import { redactWebhookPayload } from "./redact-webhook-payload";

describe("redactWebhookPayload", () => {
  it("masks every email and phone number in the payload, keeping ids, versions and amounts", () => {
    const body = webhookBody({
      type: "customer.update",
      payload: {
        id: "cust-1",
        version: 42,
        email: "Jane.Doe@example.com",
        phone: "+1 (555) 010-2030",
        mobile: "0412 345 678",
        note: "call jane.doe@example.com after 5",
        total: "120.50",
        updated_at: "2026-12-01 10:00:00",
      },
    });
    const redacted = redactWebhookPayload(body);
    expect(redacted.raw).toBeNull();
    expect(redacted.fields).toEqual({ type: "customer.update", domain_prefix: "greenloopdemo" });
    const text = redacted.payload ?? "";
    expect(text).not.toMatch(/jane|doe|555|010-2030|0412/i);
    expect(JSON.parse(text)).toEqual({
      id: "cust-1",
      version: 42,
      email: "[email]",
      phone: "[phone]",
      mobile: "[phone]",
      note: "call [email] after 5",
      total: "120.50",
      updated_at: "2026-12-01 10:00:00",
    });
  });

  it("shows an erased delivery's body as the erasure left it", () => {
    expect(redactWebhookPayload("[erased]")).toEqual({
      fields: {},
      payload: null,
      raw: "[erased]",
    });
  });

  it("masks a form's fields and a payload that is not JSON, decoded first", () => {
    expect(
      redactWebhookPayload("payload=not+json+a%40b.co&x=a%40b.co&n=%2B61+412+345+678"),
    ).toEqual({
      fields: { x: "[email]", n: "[phone]" },
      payload: "not json [email]",
      raw: null,
    });
  });
});
