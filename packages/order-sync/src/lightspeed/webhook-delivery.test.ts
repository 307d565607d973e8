import { describe, expect, it } from "vitest";
import { isDomainError } from "../errors";
import {
  documentedCustomerPayload,
  documentedSalePayload,
} from "./testing/documented-webhook-payloads";
import { parseWebhookDelivery } from "./webhook-delivery";

// API 1.0 shapes (reference §8.3) with made-up values.
const customerPayload = {
  id: "0a6f6e3c-cccc-4a2b-9c3d-000000000002",
  retailer_id: "0a6f6e3c-eeee-4a2b-9c3d-000000000001",
  customer_code: "Customer-TEST",
  customer_group_id: "0a6f6e3c-dddd-4a2b-9c3d-000000000001",
  first_name: "Alex",
  last_name: "Sample",
  email: "",
  balance: "202.980",
  loyalty_balance: "8.60337",
  year_to_date: "404.07001",
  sex: "M",
  updated_at: "2017-12-06 04:53:17",
  created_at: "2017-02-07 22:42:29",
  deleted_at: null,
  contact: { first_name: "Alex", last_name: "Sample", physical_city: "Testville" },
};

const salePayload = {
  id: "0a6f6e3c-1111-4a2b-9c3d-000000000009",
  register_id: "0a6f6e3c-3333-4a2b-9c3d-000000000001",
  customer_id: "0a6f6e3c-5555-4a2b-9c3d-000000000001",
  sale_date: "2026-01-05 23:33:57",
  updated_at: "2026-01-05 23:34:15",
  total_price: 20.73,
  status: "CLOSED",
  source: "ecw:f00dfacecafe1234",
  source_id: "10234",
  version: 31337,
  register_sale_products: [{ id: "x", product_id: "y", quantity: 1, price: 2.61 }],
};

function formBody(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

function expectBadInput(run: () => unknown, message: string) {
  try {
    run();
  } catch (error) {
    expect(isDomainError(error) && error.code).toBe("BAD_INPUT");
    expect((error as Error).message).toContain(message);
    return;
  }
  throw new Error("expected a BAD_INPUT DomainError");
}

describe("parseWebhookDelivery", () => {
  it("parses a realistic customer.update delivery", () => {
    const body = formBody({
      domain_prefix: "teststore",
      environment: "prod",
      payload: JSON.stringify(customerPayload),
      type: "customer.update",
    });
    const delivery = parseWebhookDelivery({ body });
    expect(delivery).toMatchObject({
      type: "customer.update",
      entity: "customer",
      entityId: customerPayload.id,
      version: null,
      deletedAt: null,
      domainPrefix: "teststore",
      environment: "prod",
      retailerId: customerPayload.retailer_id,
    });
    expect(delivery.updatedAt?.toISOString()).toBe("2017-12-06T04:53:17.000Z");
    expect(delivery.payload).toEqual(customerPayload);
  });

  it("parses a sale.update delivery from raw bytes and reads its version", () => {
    const body = new TextEncoder().encode(
      formBody({ payload: JSON.stringify(salePayload), domain_prefix: "teststore" }),
    );
    const delivery = parseWebhookDelivery({ body, subscribedType: "sale.update" });
    expect(delivery).toMatchObject({
      type: "sale.update",
      entity: "sale",
      entityId: salePayload.id,
      version: 31337,
      environment: null,
    });
    expect(delivery.updatedAt?.toISOString()).toBe("2026-01-05T23:34:15.000Z");
  });

  it("takes the subscribed type first, then a type form field (undocumented)", () => {
    const body = formBody({ payload: JSON.stringify(salePayload), type: "register_sale.update" });
    expect(parseWebhookDelivery({ body, subscribedType: "sale.update" })).toMatchObject({
      type: "sale.update",
      typeSource: "subscription",
    });
    expect(parseWebhookDelivery({ body })).toMatchObject({
      type: "register_sale.update",
      typeSource: "field",
      entity: "sale",
    });
  });

  it("types a delivery as documented (payload only) by its payload's shape", () => {
    const documented = (payload: object) =>
      parseWebhookDelivery({ body: formBody({ payload: JSON.stringify(payload) }) });
    expect(documented(salePayload)).toMatchObject({
      type: "sale.update",
      typeSource: "payload",
      entity: "sale",
    });
    expect(documented(customerPayload)).toMatchObject({
      type: "customer.update",
      typeSource: "payload",
      entity: "customer",
    });
    // The 2.0 and date-versioned sale shapes, from their list items.
    expect(
      documented({ id: "s2", line_items: [], sale_date: "2026-01-05T23:33:57+00:00" }).type,
    ).toBe("sale.update");
    expect(documented({ id: "s3", line_items: [], date: "2026-01-05T23:33:57Z" }).type).toBe(
      "sale.update",
    );
  });

  it("parses Lightspeed's own samples, delivered as documented (payload and maybe domain_prefix)", () => {
    const sale = parseWebhookDelivery({
      body: formBody({ payload: JSON.stringify(documentedSalePayload) }),
    });
    expect(sale).toMatchObject({ type: "sale.update", entityId: documentedSalePayload.id });
    expect(sale.updatedAt?.toISOString()).toBe("2012-02-15T23:34:15.000Z");
    const customer = parseWebhookDelivery({
      body: formBody({
        domain_prefix: "mystore",
        payload: JSON.stringify(documentedCustomerPayload),
      }),
    });
    expect(customer).toMatchObject({
      type: "customer.update",
      entityId: documentedCustomerPayload.id,
      domainPrefix: "mystore",
      retailerId: documentedCustomerPayload.retailer_id,
    });
  });

  it("keeps a delivery nothing types as unknown, for the worker to resolve by its id", () => {
    const body = formBody({
      payload: JSON.stringify({ id: "x1", updated_at: "2026-01-05 10:00:00" }),
    });
    expect(parseWebhookDelivery({ body })).toMatchObject({
      type: "unknown",
      typeSource: "none",
      entity: "unknown",
      entityId: "x1",
    });
  });

  it("takes the seed's sale.created as a sale", () => {
    const body = formBody({ payload: JSON.stringify(salePayload) });
    expect(parseWebhookDelivery({ body, subscribedType: "sale.created" }).entity).toBe("sale");
  });

  it("marks unfamiliar entities as other", () => {
    const body = formBody({ payload: JSON.stringify({ id: "p1" }), type: "gift_card.update" });
    expect(parseWebhookDelivery({ body }).entity).toBe("other");
  });

  it("reports a customer deletion", () => {
    const payload = { ...customerPayload, deleted_at: "2026-02-01 10:00:00" };
    const body = formBody({ payload: JSON.stringify(payload), type: "customer.update" });
    expect(parseWebhookDelivery({ body }).deletedAt?.toISOString()).toBe(
      "2026-02-01T10:00:00.000Z",
    );
  });

  it("says what is wrong with a malformed body", () => {
    expectBadInput(() => parseWebhookDelivery({ body: "" }), "body is empty");
    expectBadInput(
      () => parseWebhookDelivery({ body: "domain_prefix=x", subscribedType: "sale.update" }),
      "no payload field",
    );
    expectBadInput(
      () => parseWebhookDelivery({ body: "payload=%7Bnot-json", subscribedType: "sale.update" }),
      "not valid JSON",
    );
    expectBadInput(
      () => parseWebhookDelivery({ body: "payload=%5B1%5D", subscribedType: "sale.update" }),
      "not a JSON object",
    );
    expectBadInput(
      () =>
        parseWebhookDelivery({
          body: formBody({ payload: JSON.stringify({ name: "x" }), type: "sale.update" }),
        }),
      "no id",
    );
    expectBadInput(
      () =>
        parseWebhookDelivery({
          body: "payload=%7B%7D&payload=%7B%7D",
          subscribedType: "sale.update",
        }),
      "more than one payload",
    );
    expectBadInput(
      () => parseWebhookDelivery({ body: formBody({ payload: "{}", type: "sale" }) }),
      "entity.action",
    );
  });

  it("refuses a body that is not valid UTF-8, raw or percent-encoded (it was read with replacement characters)", () => {
    const payload = (name: string) => `{"id":"s-1","name":"${name}"}`;
    const raw = new Uint8Array([
      ...new TextEncoder().encode(`payload=${payload("caf")}`.slice(0, -2)),
      0xe9, // Latin-1 é: not UTF-8
      ...new TextEncoder().encode('"}'),
    ]);
    for (const body of [
      raw,
      `payload=${encodeURIComponent(payload("caf")).slice(0, -6)}%E9%22%7D`,
      "payload=%7B%22id%22%3A%22s-1%22%2C%22n%22%3A%22%C3%22%7D",
    ]) {
      expectBadInput(
        () => parseWebhookDelivery({ body, subscribedType: "sale.update" }),
        "webhook body is not valid UTF-8",
      );
    }
    // Valid UTF-8, raw and percent-encoded, and a lone % that escapes nothing, still read.
    for (const body of [
      formBody({ payload: payload("café 🌿") }),
      new TextEncoder().encode(`payload=${payload("café 100%")}`),
    ]) {
      expect(parseWebhookDelivery({ body, subscribedType: "sale.update" }).payload).toMatchObject({
        id: "s-1",
      });
    }
  });

  it("never echoes payload values in its errors", () => {
    const payload = { name: "secret person", email: "person@example.com" };
    try {
      parseWebhookDelivery({
        body: formBody({ payload: JSON.stringify(payload), type: "customer.update" }),
      });
    } catch (error) {
      expect(
        JSON.stringify({
          message: (error as Error).message,
          details: (error as { details?: unknown }).details,
        }),
      ).not.toContain("example.com");
    }
  });
});
