import { buildDatedEcomSale } from "@greenloop/order-sync/lightspeed/testing";
import { describe, expect, it } from "vitest";
import { hashEcomOrder } from "../imports/ecom-order-hash";
import { ecomOrder } from "../imports/testing/ecom-order-fixtures";
import {
  erasedEcomRecord,
  redactCustomerPayload,
  redactSaleNote,
  redactSalePayload,
  scrubEcomOrder,
} from "./redact-records";

const erasureId = "6f1c1f7e-1111-4222-8333-444455556666";

describe("redactSaleNote", () => {
  it("keeps only the Order ID a synced eCom sale names its order by", () => {
    expect(redactSaleNote("Order ID:1042\nShipping Address:\nJane Doe\n12 Elm St")).toBe(
      "Order ID:1042",
    );
    expect(redactSaleNote("  Order ID: 7\nOrder Comments:\nring twice")).toBe("Order ID:7");
    expect(redactSaleNote("Jane wants the blue one")).toBeNull();
    expect(redactSaleNote(null)).toBeNull();
  });
});

describe("redactSalePayload", () => {
  it("keeps ids, money, items and payments, and drops the customer and free text", () => {
    const redacted = redactSalePayload(
      {
        id: "s1",
        version: 9,
        customer_id: "c1",
        customer_name: "Jane Doe",
        customer: { id: "c1", name: "Jane Doe" },
        note: "Order ID:12\nJane Doe\n12 Elm St",
        total_price: 10,
        line_items: [{ id: "l1", product_id: "p1", quantity: 1, price: 10, note: "for Jane" }],
        payments: [{ id: "pay1", name: "Loyalty", amount: 2, note: "x" }],
        short_code: "abc",
      },
      erasureId,
    );
    expect(redacted).toEqual({
      id: "s1",
      version: 9,
      customer_id: "c1",
      note: "Order ID:12",
      total_price: 10,
      line_items: [{ id: "l1", product_id: "p1", quantity: 1, price: 10 }],
      payments: [{ id: "pay1", name: "Loyalty", amount: 2 }],
      erasureId,
    });
  });
});

describe("redactSalePayload (date-based API)", () => {
  it("keeps the nested ids, money, items and payment names, and drops the free text", () => {
    const sale = buildDatedEcomSale();
    const [line] = sale.line_items as Array<Record<string, unknown>>;
    const redacted = redactSalePayload(
      {
        ...sale,
        line_items: [{ ...line, return: { is_return: true, reason: "Jane changed her mind" } }],
      },
      erasureId,
    );
    expect(redacted).toMatchObject({
      id: sale.id,
      date: sale.date,
      state: "pending",
      note: "Order ID:10234",
      source: { type: "ecw:f00dfacecafe1234", id: "10234", register_id: expect.any(String) },
      totals: sale.totals,
      return: { is_return: false, original_sale_id: null },
      _metadata: { version: 413 },
      erasureId,
    });
    expect(redacted.line_items).toEqual([
      {
        id: line?.id,
        product: line?.product,
        quantity: 1,
        pricing: line?.pricing,
        tax: line?.tax,
        status: "CONFIRMED",
        return: { is_return: true },
      },
    ]);
    expect(redacted.payments).toEqual([
      expect.objectContaining({
        amount: 220,
        type: expect.objectContaining({ name: "Square (Online)" }),
      }),
      expect.objectContaining({ amount: 10, type: expect.objectContaining({ name: "Loyalty" }) }),
    ]);
    expect(JSON.stringify(redacted)).not.toMatch(/Jane|no bag please|Pickup time/);
  });
});

describe("redactCustomerPayload", () => {
  it("keeps the ids, group, balances and dates only", () => {
    expect(
      redactCustomerPayload(
        {
          id: "c1",
          version: 3,
          first_name: "Jane",
          email: "jane@example.com",
          physical_address_1: "12 Elm St",
          customer_group_id: "g1",
          loyalty_balance: 5,
          updated_at: "2026-01-01T00:00:00Z",
        },
        erasureId,
      ),
    ).toEqual({
      id: "c1",
      version: 3,
      customer_group_id: "g1",
      loyalty_balance: 5,
      updated_at: "2026-01-01T00:00:00Z",
      erasureId,
    });
  });
});

describe("scrubEcomOrder", () => {
  it("drops contact fields and CSV records, and hashes like any other copy of the order scrubbed", () => {
    const order = ecomOrder(1001);
    const scrubbed = scrubEcomOrder(order, erasureId);
    expect(scrubbed).toMatchObject({
      orderNumber: "1001",
      email: null,
      phone: null,
      customerName: null,
      total: order.total,
      items: order.items,
      records: [erasedEcomRecord(erasureId)],
    });
    const otherCopy = ecomOrder(1001, { email: "changed@example.com", customerName: "J. Doe" });
    expect(hashEcomOrder(scrubEcomOrder(otherCopy, erasureId))).toBe(hashEcomOrder(scrubbed));
    expect(hashEcomOrder(scrubbed)).not.toBe(hashEcomOrder(order));
  });
});
