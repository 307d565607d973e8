import { Decimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import { recogniseEcomSale } from "./ecom-sale";
import { dateVersionSaleSchema } from "./schemas/dated-sale";
import { type Sale, saleSchema } from "./schemas/sale";
import { buildDatedEcomSale, buildDatedSale } from "./testing/dated-fixtures";
import { buildEcomSale, buildSale } from "./testing/fixtures";

const parseDated = (raw: unknown) => dateVersionSaleSchema.parse(raw);

/** What the mirror, the merge and the analytics read of a sale (see retail-mirror.ts). */
function domainFields(sale: Sale) {
  return {
    id: sale.id,
    version: sale.version,
    outlet_id: sale.outlet_id,
    register_id: sale.register_id,
    user_id: sale.user_id,
    customer_id: sale.customer_id,
    invoice_number: sale.invoice_number,
    receipt_number: sale.receipt_number,
    source: sale.source,
    source_id: sale.source_id,
    state: sale.state,
    attributes: sale.attributes,
    note: sale.note,
    short_code: sale.short_code,
    return_for: sale.return_for,
    total_price: sale.total_price.toString(),
    total_tax: sale.total_tax.toString(),
    total_loyalty: sale.total_loyalty?.toString() ?? null,
    sale_date: sale.sale_date.toISOString(),
    created_at: sale.created_at?.toISOString() ?? null,
    updated_at: sale.updated_at?.toISOString() ?? null,
    deleted_at: sale.deleted_at?.toISOString() ?? null,
    line_items: sale.line_items.map((item) => ({
      id: item.id,
      product_id: item.product_id,
      quantity: item.quantity.toString(),
      price: item.price.toString(),
      price_total: item.price_total?.toString() ?? null,
      tax_total: item.tax_total?.toString() ?? null,
      discount_total: item.discount_total?.toString() ?? null,
      cost_total: item.cost_total?.toString() ?? null,
      loyalty_value: item.loyalty_value?.toString() ?? null,
      status: item.status,
      is_return: item.is_return,
    })),
    payments: sale.payments.map((payment) => ({
      id: payment.id,
      retailer_payment_type_id: payment.retailer_payment_type_id,
      name: payment.name,
      amount: payment.amount.toString(),
      payment_date: payment.payment_date?.toISOString() ?? null,
    })),
  };
}

describe("normalizeDatedSale", () => {
  it("reads the documented date-based sale into the same domain record as its API 2.0 twin", () => {
    const dated = parseDated(buildDatedSale());
    const twin = saleSchema.parse(buildSale());
    expect(domainFields(dated)).toEqual(domainFields(twin));
    // What only one shape has: 2.0's deprecated status, the date-based tax-inclusive total.
    expect(dated.status).toBeNull();
    expect(twin.status).toBe("CLOSED");
    expect(dated.total_price_incl?.toString()).toBe("230");
  });

  it("does the same for an eCom-synced sale, which is then recognised with its order number", () => {
    const dated = parseDated(buildDatedEcomSale());
    const twin = saleSchema.parse(buildEcomSale());
    const { payments, ...rest } = domainFields(dated);
    const { payments: _twinPayments, ...twinRest } = domainFields(twin);
    expect(rest).toEqual(twinRest);
    expect(dated.source).toBe("ecw:f00dfacecafe1234");
    expect(dated.source_id).toBe("10234");
    expect(recogniseEcomSale(dated)).toMatchObject({
      isEcom: true,
      orderNumber: "10234",
      matchedBy: "source_id",
      ecomStoreId: "f00dfacecafe1234",
    });
    // Redeemed points: the merge finds them by the payment's name.
    expect(payments.map((p) => [p.name, p.amount])).toEqual([
      ["Square (Online)", "220"],
      ["Loyalty", "10"],
    ]);
  });

  it("reads the sale date as UTC whatever offset the RFC 3339 text carries", () => {
    const sale = parseDated(buildDatedSale({ date: "2026-01-05T15:09:56-06:00" }));
    expect(sale.sale_date.toISOString()).toBe("2026-01-05T21:09:56.000Z");
  });

  it("keeps combined attributes and state, with no legacy status to consult", () => {
    const sale = parseDated(
      buildDatedSale({ state: "pending", attributes: ["onaccount", "delivery"] }),
    );
    expect(sale.state).toBe("pending");
    expect(sale.attributes).toEqual(["onaccount", "delivery"]);
    expect(sale.status).toBeNull();
    expect(parseDated(buildDatedSale({ attributes: undefined })).attributes).toEqual([]);
  });

  it("reads a return: the original sale, negative quantities and returned lines", () => {
    const original = buildDatedSale();
    const [line] = original.line_items as Array<Record<string, unknown>>;
    const sale = parseDated(
      buildDatedSale({
        id: "return-1",
        state: "parked",
        return: { is_return: true, original_sale_id: original.id, return_sale_ids: [] },
        totals: { price: -200, tax: -30, price_incl_tax: -230, loyalty: -2.3 },
        line_items: [
          {
            ...line,
            quantity: -1,
            pricing: { price: 200, total: -200, loyalty_amount: 2.3 },
            tax: { id: "t", amount: 30, total: -30 },
            return: { is_return: true, reason: "damaged" },
          },
        ],
        payments: [],
      }),
    );
    expect(sale.return_for).toBe(original.id);
    expect(sale.total_price.toString()).toBe("-200");
    expect(sale.line_items[0]).toMatchObject({ is_return: true, quantity: new Decimal(-1) });
    expect(sale.line_items[0]?.price_total?.toString()).toBe("-200");
    expect(sale.line_items[0]?.tax_total?.toString()).toBe("-30");
  });

  it("marks a deleted sale deleted", () => {
    const sale = parseDated(buildDatedSale({ deleted_at: "2026-02-01T10:00:00Z" }));
    expect(sale.deleted_at?.toISOString()).toBe("2026-02-01T10:00:00.000Z");
  });

  it("reads the cashier from source.author.id or source.author_id, and the register and outlet", () => {
    const source = { type: "USER", register_id: "reg-9", outlet_id: "out-9", author_id: "user-9" };
    const sale = parseDated(buildDatedSale({ source }));
    expect(sale).toMatchObject({ register_id: "reg-9", outlet_id: "out-9", user_id: "user-9" });
    const bare = parseDated(buildDatedSale({ source: null }));
    expect(bare).toMatchObject({ register_id: null, user_id: null, source: null, source_id: null });
  });

  it("takes the version from _metadata.version or, failing that, the top level", () => {
    expect(parseDated(buildDatedSale()).version).toBe(413);
    const topLevel = parseDated(buildDatedSale({ _metadata: undefined, version: "512" }));
    expect(topLevel.version).toBe(512);
    const both = parseDated(buildDatedSale({ version: 1, _metadata: { version: 600 } }));
    expect(both.version).toBe(600);
    const none = dateVersionSaleSchema.safeParse(buildDatedSale({ _metadata: {} }));
    expect(none.error?.issues.map((issue) => issue.path.join("."))).toEqual(["_metadata.version"]);
  });

  it("keeps money sent as strings (as Sales 101 writes it) exact", () => {
    const sale = parseDated(
      buildDatedSale({
        totals: { price: "0.3", tax: "0.1" },
        payments: [{ id: "p1", amount: "25.3", type: { name: "Cash" } }],
      }),
    );
    expect(sale.total_price.plus(sale.total_tax).toString()).toBe("0.4");
    expect(sale.payments[0]?.amount.toString()).toBe("25.3");
    expect(sale.total_loyalty).toBeNull();
  });

  it("reports a malformed record by its date-based field paths", () => {
    const result = dateVersionSaleSchema.safeParse(
      buildDatedSale({ date: "31/02/2026 25:61", totals: { price: "12,50 USD", tax: 0 } }),
    );
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toEqual([
      "date",
      "totals.price",
    ]);
  });

  it("reads a record a date-versioned endpoint sends in the API 2.0 shape as a 2.0 sale", () => {
    // The 2026-07 OpenAPI's own example of the return action's answer has this shape.
    const sale = parseDated(buildSale({ status: "SAVED", state: "parked", return_for: "orig-1" }));
    expect(sale).toMatchObject({ state: "parked", status: "SAVED", return_for: "orig-1" });
    expect(sale.version).toBe(413);
  });
});
