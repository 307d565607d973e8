import { describe, expect, it } from "vitest";
import { SimulatedStore } from "./simulated-store";
import { SimulatorError } from "./simulator-error";

const small = { customers: 20, inStoreSales: 40, ecomOrders: 15, months: 2 };

function cents(amount: number): number {
  return Math.round(amount * 100);
}

describe("SimulatedStore", () => {
  it("generates an identical store from the same seed and a different one from another seed", () => {
    const a = new SimulatedStore({ seed: 5, store: small });
    const b = new SimulatedStore({ seed: 5, store: small });
    const c = new SimulatedStore({ seed: 6, store: small });
    expect(JSON.stringify(b.sales())).toBe(JSON.stringify(a.sales()));
    expect(JSON.stringify(b.customers())).toBe(JSON.stringify(a.customers()));
    expect(b.ecomCsvExport()).toBe(a.ecomCsvExport());
    expect(JSON.stringify(c.sales())).not.toBe(JSON.stringify(a.sales()));
  });

  it("creates an empty store when every size is zero", () => {
    const store = new SimulatedStore({ store: { customers: 0, inStoreSales: 0, ecomOrders: 0 } });
    expect(store.sales()).toEqual([]);
    expect(store.customers()).toEqual([]);
    expect(store.registers()).toHaveLength(3);
  });

  it("generates the messy customers identity resolution must handle", () => {
    const store = new SimulatedStore({ seed: 1 });
    const live = store.customers();
    const byName = new Map<string, typeof live>();
    for (const customer of live) {
      const key = `${customer.first_name} ${customer.last_name}`;
      byName.set(key, [...(byName.get(key) ?? []), customer]);
    }
    const duplicatePair = [...byName.values()].find(
      (records) =>
        records.some((r) => r.email && !r.phone && !r.mobile) &&
        records.some((r) => !r.email && (r.phone || r.mobile)),
    );
    expect(duplicatePair).toBeDefined();

    const byEmail = new Map<string, Set<string>>();
    for (const customer of live) {
      if (!customer.email || customer.email === store.placeholderEmail) continue;
      const names = byEmail.get(customer.email) ?? new Set();
      names.add(`${customer.first_name} ${customer.last_name}`);
      byEmail.set(customer.email, names);
    }
    expect([...byEmail.values()].some((names) => names.size >= 2)).toBe(true);

    expect(live.filter((c) => c.email === store.placeholderEmail).length).toBeGreaterThanOrEqual(3);
    const phones = live.flatMap((c) => [c.phone, c.mobile]).filter((p): p is string => Boolean(p));
    expect(phones.some((p) => p.includes("("))).toBe(true);
    expect(phones.some((p) => /^\d{10}$/.test(p))).toBe(true);
    expect(phones.some((p) => p.includes("."))).toBe(true);
    expect(live.some((c) => c.deleted_at !== null)).toBe(true);
  });

  it("keeps sale arithmetic consistent: line sums, tax and payments", () => {
    const store = new SimulatedStore({ seed: 3, store: small });
    const closed = store.sales().filter((sale) => sale.state === "closed");
    expect(closed.length).toBeGreaterThan(20);
    for (const sale of closed) {
      const lines = sale.line_items.reduce((sum, line) => sum + cents(line.price_total), 0);
      const tax = sale.line_items.reduce((sum, line) => sum + cents(line.tax_total), 0);
      const paid = sale.payments.reduce((sum, payment) => sum + cents(payment.amount), 0);
      expect(lines).toBe(cents(sale.total_price));
      expect(tax).toBe(cents(sale.total_tax));
      expect(cents(sale.total_price_incl)).toBe(lines + tax);
      expect(paid).toBe(cents(sale.total_price_incl));
      expect(sale.sale_date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
    }
  });

  it("assigns versions that only grow, with gaps", () => {
    const store = new SimulatedStore({ seed: 2, store: small });
    const versions = [...store.sales(), ...store.customers()]
      .map((r) => r.version)
      .sort((a, b) => a - b);
    expect(new Set(versions).size).toBe(versions.length);
    const gaps = versions.slice(1).filter((v, i) => v - (versions[i] ?? 0) > 1);
    expect(gaps.length).toBeGreaterThan(0);
    const before = store.version;
    const sale = store.createSale();
    expect(sale.version).toBeGreaterThan(before);
  });

  it("replays history in time order, so versions rise with created_at", () => {
    const store = new SimulatedStore({ seed: 8, store: small });
    const created = store.sales().map((sale) => Date.parse(sale.created_at));
    expect(created).toEqual([...created].sort((a, b) => a - b));
  });

  it("generates a large store without running out of fake phone numbers", () => {
    const store = new SimulatedStore({
      store: { customers: 500, inStoreSales: 0, ecomOrders: 400, months: 2 },
    });
    expect(store.customers().length).toBeGreaterThanOrEqual(500);
  });

  it("refuses an unknown customer group and an unknown customer", () => {
    const store = new SimulatedStore({ store: small });
    const customer = store.customers()[0];
    if (!customer) throw new Error("no customer");
    expect(() => store.updateCustomer(customer.id, { customer_group_id: "nope" })).toThrow(
      SimulatorError,
    );
    expect(() => store.getCustomer("missing")).toThrow(/no customer/);
  });

  it("marks deletions with deleted_at and a higher version", () => {
    const store = new SimulatedStore({ store: small });
    const sale = store.sales()[0];
    if (!sale) throw new Error("no sale");
    const deleted = store.deleteSale(sale.id);
    expect(deleted.deleted_at).not.toBeNull();
    expect(deleted.version).toBeGreaterThan(sale.version);
  });
});
