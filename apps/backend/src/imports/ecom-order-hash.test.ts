import type { ParsedEcomOrder } from "@greenloop/order-sync/csv";
import { generateEcomExport, parseEcomCsv } from "@greenloop/order-sync/csv";
import { describe, expect, it } from "vitest";
import {
  canonicalDecimal,
  canonicalEcomOrderJson,
  canonicalItem,
  canonicalOrderFields,
  hashEcomOrder,
} from "./ecom-order-hash";
import { dec, ecomItem, ecomOrder } from "./testing/ecom-order-fixtures";

describe("hashEcomOrder", () => {
  it("does keep the hashes already stored (a change would make every stored order count as changed)", () => {
    // Pinned with the first implementation; the canonical form must not drift.
    expect(hashEcomOrder(ecomOrder(1001))).toBe(
      "c862cbd4789479c29f8bc6832df131804fbd32a594146c901e34f65c492750ff",
    );
    const odd = ecomOrder("A-7", {
      placedAt: new Date("2026-03-08T08:30:00.000Z"),
      email: null,
      customerName: 'Zoë "Q" Ünïcode',
      discount: dec("-0.50"),
      phone: null,
      items: [ecomItem(1, { sku: null, options: null, quantity: dec("1.5") }), ecomItem(0)],
    });
    expect(hashEcomOrder(odd)).toBe(
      "bfa1114ccc2f9c5ea7a96e6a75e7ef4a8b17c6fb88dccca7042fb27b30c3bcd5",
    );
  });

  it("does ignore where the order sat in the file and the order of its fields", () => {
    const order = ecomOrder(5);
    const moved = { ...ecomOrder(5), lines: [900, 901], records: ["elsewhere"] };
    expect(hashEcomOrder(moved)).toBe(hashEcomOrder(order));
    expect(hashEcomOrder(ecomOrder(5, { total: dec("1") }))).not.toBe(hashEcomOrder(order));
  });

  it("does hash the same text as the generic JSON of the canonical fields and items", async () => {
    // The reference form, spelled out with JSON.stringify: the hand-written one must match it.
    const reference = (order: ParsedEcomOrder) => {
      const fields = canonicalOrderFields(order);
      return JSON.stringify([
        1,
        order.orderNumber,
        Object.keys(fields)
          .sort()
          .map((key) => [key, fields[key] ?? null]),
        [...order.items]
          .sort((a, b) => a.position - b.position)
          .map(canonicalItem)
          .map((c) => [c.position, c.sku, c.name, c.options, c.quantity, c.unitPrice, c.total]),
      ]);
    };
    const csv = [...generateEcomExport({ orders: 200, seed: 11 })].join("");
    const orders: ParsedEcomOrder[] = [
      ecomOrder('Zoë \\ "quoted"\n\u2028', {
        discount: dec("-0.50"),
        email: null,
        placedAt: new Date("2026-11-01T06:30:00.000Z"),
      }),
      ecomOrder(3, { items: [ecomItem(2), ecomItem(0, { sku: null }), ecomItem(1)] }),
    ];
    for await (const batch of parseEcomCsv(csv, { timeZone: "America/Chicago" })) {
      orders.push(...batch.orders);
    }
    expect(orders.length).toBe(202);
    for (const order of orders) expect(canonicalEcomOrderJson(order)).toBe(reference(order));
    expect(canonicalDecimal(dec("10.50"))).toBe("10.5");
  });
});
