import { describe, expect, it } from "vitest";
import { recogniseEcomSale } from "./ecom-sale";
import { saleSchema } from "./schemas/sale";
import { buildEcomSale, buildSale } from "./testing/fixtures";

describe("recogniseEcomSale", () => {
  it("takes the order number from source_id on an observed eCom sale", () => {
    const match = recogniseEcomSale(buildEcomSale());
    expect(match).toEqual({
      isEcom: true,
      orderNumber: "10234",
      matchedBy: "source_id",
      evidence: { ecwSource: true, sourceId: "10234", noteOrderNumber: "10234" },
      ecomStoreId: "f00dfacecafe1234",
    });
  });

  it("works on a parsed sale as well as the raw object", () => {
    const sale = saleSchema.parse(buildEcomSale());
    expect(recogniseEcomSale(sale)).toMatchObject({ isEcom: true, orderNumber: "10234" });
  });

  it("falls back to the note when source_id is missing", () => {
    const match = recogniseEcomSale(buildEcomSale({ source_id: null }));
    expect(match).toMatchObject({ isEcom: true, orderNumber: "10234", matchedBy: "note" });
  });

  it("falls back to the note when source is missing entirely", () => {
    const match = recogniseEcomSale({ note: "Order ID: 987\nShipping Address:\n1 Test Rd" });
    expect(match).toMatchObject({
      isEcom: true,
      orderNumber: "987",
      matchedBy: "note",
      ecomStoreId: null,
    });
  });

  it("accepts a numeric source_id", () => {
    expect(recogniseEcomSale(buildEcomSale({ source_id: 10234 }))).toMatchObject({
      orderNumber: "10234",
      matchedBy: "source_id",
    });
  });

  it("prefers source_id over a disagreeing note and reports both", () => {
    const match = recogniseEcomSale(buildEcomSale({ note: "Order ID:10235" }));
    expect(match).toMatchObject({
      orderNumber: "10234",
      matchedBy: "source_id",
      evidence: { sourceId: "10234", noteOrderNumber: "10235" },
    });
  });

  it("recognises an ecw: sale that carries no order number", () => {
    const match = recogniseEcomSale(buildEcomSale({ source_id: null, note: null }));
    expect(match).toMatchObject({ isEcom: true, orderNumber: null, matchedBy: "source" });
  });

  it("does not treat an in-store sale as eCom, whatever its invoice number", () => {
    expect(
      recogniseEcomSale(buildSale({ invoice_number: "10234", receipt_number: "10234" })),
    ).toEqual({ isEcom: false });
    expect(recogniseEcomSale(buildSale({ note: "First time" }))).toEqual({ isEcom: false });
  });

  it("does not take a source_id from another integration as an eCom order", () => {
    expect(recogniseEcomSale(buildSale({ source: "SHOPIFY", source_id: "5550001" }))).toEqual({
      isEcom: false,
    });
  });

  it("ignores a note that mentions an order id somewhere other than its start", () => {
    expect(recogniseEcomSale(buildSale({ note: "customer asked about Order ID:123" }))).toEqual({
      isEcom: false,
    });
    expect(recogniseEcomSale(buildSale({ note: "Order ID: none" }))).toEqual({ isEcom: false });
  });
});
