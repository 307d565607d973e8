import { Decimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import { buildSale } from "../testing/fixtures";
import { deriveSaleLifecycle, saleSchema } from "./sale";

describe("saleSchema", () => {
  it("parses the documented API 2.0 sale with exact money and UTC dates", () => {
    const sale = saleSchema.parse(buildSale());
    expect(sale.id).toBe("0a6f6e3c-1111-4a2b-9c3d-000000000001");
    expect(sale.version).toBe(413);
    expect(sale.total_price).toEqual(new Decimal(200));
    expect(sale.total_tax.plus(sale.total_price).toString()).toBe("230");
    expect(sale.total_loyalty?.toString()).toBe("2.3");
    expect(sale.sale_date.toISOString()).toBe("2026-01-05T21:09:56.000Z");
    expect(sale.deleted_at).toBeNull();
    expect(sale.payments[0]?.amount.toString()).toBe("230");
    expect(sale.line_items[0]?.price.toString()).toBe("200");
    expect(sale.state).toBe("closed");
    expect(sale.attributes).toEqual([]);
  });

  it("keeps a 5-decimal unit price and float-unfriendly totals exact", () => {
    const raw = JSON.parse(
      JSON.stringify(
        buildSale({
          total_price: 0.3,
          total_tax: 0.1,
          line_items: [
            { id: "l1", quantity: 3, price: 0.1, price_total: 0.3 },
            { id: "l2", quantity: 0.5, price: 12.34567 },
          ],
          payments: [
            { id: "p1", amount: 0.1 },
            { id: "p2", amount: 0.2 },
            { id: "p3", amount: 0.1 },
          ],
        }),
      ),
    ) as unknown;
    const sale = saleSchema.parse(raw);
    const paid = sale.payments.reduce((sum, payment) => sum.plus(payment.amount), new Decimal(0));
    expect(paid.equals(sale.total_price.plus(sale.total_tax))).toBe(true);
    expect(paid.toString()).toBe("0.4");
    const [first, second] = sale.line_items;
    expect(first?.price.times(first.quantity).equals(first.price_total ?? 0)).toBe(true);
    expect(second?.price.toString()).toBe("12.34567");
    expect(second?.price.times(second.quantity).toString()).toBe("6.172835");
  });

  it("accepts money sent as strings", () => {
    const sale = saleSchema.parse(buildSale({ total_price: "19.990", total_tax: "3.00" }));
    expect(sale.total_price.toFixed(2)).toBe("19.99");
  });

  it("derives state and attributes from a legacy status alone", () => {
    const sale = saleSchema.parse(
      buildSale({ status: "AWAITING_DISPATCH", state: undefined, attributes: undefined }),
    );
    expect(sale.state).toBe("pending");
    expect(sale.attributes).toEqual(["delivery"]);
    expect(sale.status).toBe("AWAITING_DISPATCH");
  });

  it("uses state and attributes when there is no status", () => {
    const sale = saleSchema.parse(
      buildSale({ status: undefined, state: "pending", attributes: ["onaccount", "delivery"] }),
    );
    expect(sale.state).toBe("pending");
    expect(sale.attributes).toEqual(["onaccount", "delivery"]);
    expect(sale.status).toBeNull();
  });

  it("prefers the state form over the legacy status when both are present", () => {
    const sale = saleSchema.parse(buildSale({ status: "LAYBY", state: "closed", attributes: [] }));
    expect(sale.state).toBe("closed");
  });

  it("reports a sale that has neither a state nor a known status", () => {
    const result = saleSchema.safeParse(buildSale({ status: "MYSTERY", state: undefined }));
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toEqual(["status"]);
  });

  it("keeps unknown fields, including nested ones", () => {
    const sale = saleSchema.parse(
      buildSale({ ecom_custom_charges: { total: 5 }, brand_new_field: "x" }),
    );
    expect(sale.brand_new_field).toBe("x");
    expect(sale.ecom_custom_charges).toEqual({ total: 5 });
    expect(sale.line_items[0]?.tax_components).toEqual([
      { rate_id: "0a6f6e3c-9999-4a2b-9c3d-000000000001", total_tax: 30 },
    ]);
    expect(sale.taxes).toEqual([{ amount: 30, id: "0a6f6e3c-9999-4a2b-9c3d-000000000001" }]);
  });

  it("tolerates missing optional fields and arrays", () => {
    const sale = saleSchema.parse({
      id: "s1",
      version: 1,
      status: "SAVED",
      total_price: 0,
      total_tax: 0,
      sale_date: "2026-01-05 10:00:00",
    });
    expect(sale.state).toBe("parked");
    expect(sale.line_items).toEqual([]);
    expect(sale.customer_id).toBeNull();
    expect(sale.sale_date.toISOString()).toBe("2026-01-05T10:00:00.000Z");
  });

  it("names the path of each bad field", () => {
    const raw = buildSale({ total_price: "lots", sale_date: "soon" });
    const lineItems = raw.line_items as Array<Record<string, unknown>>;
    raw.line_items = [{ ...lineItems[0], price: null }];
    const result = saleSchema.safeParse(raw);
    expect(result.error?.issues.map((issue) => issue.path.join(".")).sort()).toEqual([
      "line_items.0.price",
      "sale_date",
      "total_price",
    ]);
  });
});

describe("deriveSaleLifecycle", () => {
  it("maps every documented status", () => {
    expect(deriveSaleLifecycle("SAVED")).toEqual({ state: "parked", attributes: [] });
    expect(deriveSaleLifecycle("ONACCOUNT_CLOSED")).toEqual({
      state: "closed",
      attributes: ["onaccount"],
    });
    expect(deriveSaleLifecycle("PICKED_UP_CLOSED")).toEqual({
      state: "closed",
      attributes: ["pickup"],
    });
    expect(deriveSaleLifecycle("VOIDED")).toEqual({ state: "voided", attributes: [] });
    expect(deriveSaleLifecycle("SERVICE")).toEqual({ state: "pending", attributes: ["service"] });
    expect(deriveSaleLifecycle("NOPE")).toBeNull();
  });
});
