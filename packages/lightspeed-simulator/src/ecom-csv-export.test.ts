import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { ECOM_CSV_COLUMNS, ECOM_CSV_HEADER_LINE } from "./ecom-csv-header";
import { SimulatedStore } from "./simulated-store";
import { DAY_MS } from "./wire-format";

function parse(csv: string): { header: string[]; rows: Record<string, string>[] } {
  const parsed = Papa.parse<Record<string, string>>(csv, {
    delimiter: ";",
    header: true,
    skipEmptyLines: true,
  });
  expect(parsed.errors).toEqual([]);
  return { header: parsed.meta.fields ?? [], rows: parsed.data };
}

function cents(value: string | number): number {
  return Math.round(Number(value) * 100);
}

describe("exportEcomCsv", () => {
  const store = new SimulatedStore({ seed: 4 });
  const csv = store.ecomCsvExport();

  it("starts with the exact observed 109-column header row", () => {
    expect(csv.split("\n")[0]).toBe(ECOM_CSV_HEADER_LINE);
    const realHeader = Papa.parse<string[]>(ECOM_CSV_HEADER_LINE, { delimiter: ";" }).data[0];
    expect(realHeader).toHaveLength(109);
    expect(parse(csv).header).toEqual(realHeader);
    expect(ECOM_CSV_COLUMNS).toEqual(realHeader);
  });

  it("writes one row per line item, newest order first, LF endings, no BOM", () => {
    expect(csv.includes("\r")).toBe(false);
    expect(csv.charCodeAt(0)).not.toBe(0xfeff);
    expect(csv.endsWith("\n")).toBe(true);
    const { rows } = parse(csv);
    const lineCount = store.ecomOrders().reduce((sum, order) => sum + order.lines.length, 0);
    expect(rows).toHaveLength(lineCount);
    const numbers = rows.map((row) => Number(row.order_number));
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
  });

  it("formats timestamps, money and statuses like the real export", () => {
    const { rows } = parse(csv);
    for (const row of rows) {
      expect(row.timestamp).toMatch(/^[A-Z][a-z]{2} \d{1,2}, \d{4} (0\d|1[0-2]):\d{2} (AM|PM)$/);
      expect(row.order_total).toMatch(/^\d+\.\d{2}$/);
      expect(row.price).toMatch(/^\d+\.\d{2}$/);
      expect(cents(row.total ?? "")).toBe(cents(row.price ?? "") * Number(row.quantity));
      expect(row.payment_status_code).toBe("ACCEPTED");
      expect(["NEW", "PROCESSING", "READY_FOR_PICKUP", "SHIPPED", "DELIVERED"]).toContain(
        row.fulfillment_status_code,
      );
      expect(row.language).toBe("en");
    }
    expect(rows.some((row) => (row.tax_details ?? "").includes("\n"))).toBe(true);
  });

  it("quotes the always-quoted columns and the phone with its leading space", () => {
    const dataLine = csv.split("\n")[1] ?? "";
    expect(dataLine).toMatch(/;"\d{6}";/);
    expect(csv).toContain('"volume_discount:0.00;customer_group_discount:0.00;');
    expect(csv).toMatch(/;" \+1\d{10}";/);
  });

  it("agrees with the synced sales on order numbers and totals; the sale link lags for some", () => {
    const { rows } = parse(csv);
    const salesByOrder = new Map(
      store
        .sales()
        .filter((sale) => sale.source.startsWith("ecw:"))
        .map((sale) => [sale.source_id, sale]),
    );
    const orderNumbers = new Set(rows.map((row) => row.order_number));
    expect(orderNumbers.size).toBe(store.ecomOrders().length);
    let linked = 0;
    let lagging = 0;
    for (const row of rows) {
      const sale = salesByOrder.get(row.order_number ?? "");
      if (!sale) {
        expect(row["X-series Order ID"]).toBe("");
        continue;
      }
      const nonLoyalty = sale.payments
        .filter((payment) => payment.name !== "Loyalty")
        .reduce((sum, payment) => sum + cents(payment.amount), 0);
      expect(cents(row.order_total ?? "")).toBe(nonLoyalty);
      expect(cents(sale.total_price_incl) - cents(row.order_total ?? "")).toBe(
        cents(row.discount ?? ""),
      );
      if (row["X-series Order ID"] === sale.id) linked++;
      else if (row["X-series Order ID"] === "") lagging++;
      else throw new Error("X-series Order ID points at another sale");
    }
    expect(linked).toBeGreaterThan(0);
    expect(lagging).toBeGreaterThan(0);
  });

  it("lists orders not synced yet, without an X-series Order ID", () => {
    const fresh = new SimulatedStore({
      seed: 4,
      store: { customers: 5, inStoreSales: 0, ecomOrders: 0 },
    });
    const order = fresh.placeEcomOrder({ delayMs: 30 * DAY_MS });
    const { rows } = parse(fresh.ecomCsvExport());
    expect(rows).toHaveLength(order.lines.length);
    expect(rows[0]).toMatchObject({ order_number: order.orderNumber, "X-series Order ID": "" });
    expect(rows[0]?.fulfillment_status_code).toBe("NEW");
  });

  it("writes the buyer's marketing answer on every row of the order, and a changed answer later", () => {
    const fresh = () =>
      new SimulatedStore({ seed: 4, store: { customers: 5, inStoreSales: 0, ecomOrders: 0 } });
    const answered = fresh();
    const order = answered.placeEcomOrder({ acceptMarketing: false, delayMs: DAY_MS });
    const answers = () => parse(answered.ecomCsvExport()).rows.map((row) => row.accept_marketing);
    expect(answers()).toEqual(order.lines.map(() => "false"));
    answered.setEcomMarketingConsent(order.orderNumber, true);
    expect(answers()).toEqual(order.lines.map(() => "true"));
    expect(() => answered.setEcomMarketingConsent("nope", true)).toThrow(/no eCom order nope/);
    // Giving the answer draws the same numbers as drawing it: the rest of the store is the same.
    const drawn = fresh().placeEcomOrder({ delayMs: DAY_MS });
    expect({ ...drawn, acceptMarketing: true }).toEqual({ ...order, acceptMarketing: true });
  });
});
