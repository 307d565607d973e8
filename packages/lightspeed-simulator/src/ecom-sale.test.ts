import { describe, expect, it } from "vitest";
import { SimulatedStore } from "./simulated-store";
import { HOUR_MS, MINUTE_MS } from "./wire-format";

const small = { customers: 12, inStoreSales: 10, ecomOrders: 25, months: 2 };

function cents(amount: number): number {
  return Math.round(amount * 100);
}

describe("buildEcomSale", () => {
  it("makes an eCom order appear as a sale only after its delay elapses", () => {
    const store = new SimulatedStore({ store: small, autoSyncEcom: false });
    const order = store.placeEcomOrder({ delayMs: 3 * HOUR_MS, fulfillment: "pickup" });
    const bySource = () => store.sales().find((sale) => sale.source_id === order.orderNumber);

    store.advanceClock(3 * HOUR_MS - MINUTE_MS);
    expect(store.syncPendingEcomOrders()).toEqual([]);
    expect(bySource()).toBeUndefined();

    store.advanceClock(MINUTE_MS);
    const [sale] = store.syncPendingEcomOrders();
    expect(sale?.source_id).toBe(order.orderNumber);
    expect(bySource()?.id).toBe(sale?.id);
    expect(sale?.sale_date).toBe(
      new Date(order.placedAtMs).toISOString().replace(".000Z", "+00:00"),
    );
    expect(sale?.created_at).toBe(
      new Date(order.placedAtMs + 3 * HOUR_MS).toISOString().replace(".000Z", "+00:00"),
    );
  });

  it("syncs due orders automatically when the clock advances (autoSyncEcom default)", () => {
    const store = new SimulatedStore({ store: small });
    const order = store.placeEcomOrder({ delayMs: 10 * MINUTE_MS });
    store.advanceClock(10 * MINUTE_MS);
    expect(store.pendingEcomOrders().some((o) => o.orderNumber === order.orderNumber)).toBe(false);
    expect(order.saleId).not.toBeNull();
  });

  it("carries the observed eCom markers: source, source_id, note, register, status, payments", () => {
    const store = new SimulatedStore({ store: small });
    const order = store.placeEcomOrder({
      fulfillment: "pickup",
      loyaltyCents: 500,
      delayMs: 2 * MINUTE_MS,
      comments: "Please call when ready",
    });
    const sale = store.syncEcomOrder(order.orderNumber);
    expect(sale.source).toMatch(/^ecw:[0-9a-z]{16}$/);
    expect(sale.source).toBe("ecw:e5d1c0a9b8f7e6d4");
    expect(sale.source_id).toBe(order.orderNumber);
    expect(sale.note.startsWith(`Order ID:${order.orderNumber}\n`)).toBe(true);
    expect(sale.note).toContain("Pickup time:\n");
    expect(sale.note).toContain("Order Comments:\nPlease call when ready");
    expect(sale.register_id).toBe(store.fixtures.onlineRegister.id);
    expect(sale.invoice_number).not.toBe(order.orderNumber);
    expect(sale.receipt_number).toBe(sale.invoice_number);
    expect(sale).toMatchObject({
      status: "AWAITING_PICKUP",
      state: "pending",
      attributes: ["pickup"],
    });
    expect(sale.payments.map((p) => p.name)).toEqual(["Square (Online)", "Loyalty"]);
    const nonLoyalty = sale.payments.filter((p) => p.name !== "Loyalty");
    expect(nonLoyalty.reduce((sum, p) => sum + cents(p.amount), 0)).toBe(order.totalCents);
    expect(cents(sale.total_price_incl)).toBe(order.totalCents + 500);
    expect(sale.customer_id).not.toBeNull();
  });

  it("matches customers by email and creates one when no email matches", () => {
    const store = new SimulatedStore({ store: small });
    const known = store.customers().find((c) => c.email?.endsWith("example.com") && !c.deleted_at);
    if (!known?.email) throw new Error("no customer with email");
    const matched = store.syncEcomOrder(
      store.placeEcomOrder({ email: known.email.toUpperCase() }).orderNumber,
    );
    expect(matched.customer_id).toBe(known.id);

    const before = store.customers().length;
    const fresh = store.placeEcomOrder({
      email: "first.timer@example.org",
      firstName: "First",
      lastName: "Timer",
    });
    const sale = store.syncEcomOrder(fresh.orderNumber);
    const created = store.getCustomer(sale.customer_id ?? "");
    expect(store.customers()).toHaveLength(before + 1);
    expect(created).toMatchObject({ email: "first.timer@example.org", first_name: "First" });
    expect(store.webhooks.events.map((e) => e.type)).toEqual(
      expect.arrayContaining(["customer.update", "sale.update"]),
    );
  });

  it("gives every generated eCom sale a customer and the eCom payment shape", () => {
    const store = new SimulatedStore({ seed: 9, store: small });
    const ecom = store.sales().filter((sale) => sale.source.startsWith("ecw:"));
    expect(ecom.length).toBeGreaterThan(10);
    const orders = new Map(store.ecomOrders().map((o) => [o.orderNumber, o]));
    for (const sale of ecom) {
      const order = orders.get(sale.source_id ?? "");
      expect(order?.saleId).toBe(sale.id);
      expect(sale.customer_id).not.toBeNull();
      expect(sale.payments[0]?.name).toBe("Square (Online)");
      expect([
        "AWAITING_PICKUP",
        "AWAITING_DISPATCH",
        "PICKED_UP_CLOSED",
        "DISPATCHED_CLOSED",
      ]).toContain(sale.status);
      expect(Date.parse(sale.created_at)).toBeGreaterThanOrEqual(Date.parse(sale.sale_date));
    }
  });
});
