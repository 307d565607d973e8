import { describe, expect, it } from "vitest";
import { mappingFormat } from "./mapping";

const mapping = {
  orderNumber: "No",
  placedAt: "Date",
  total: "Total",
  itemName: "Product",
  itemQuantity: "Qty",
  itemPrice: "Price",
  itemTotal: "Total",
};

describe("mappingFormat", () => {
  it("does require every column the mapping names, once, and is never auto-detected", () => {
    const format = mappingFormat(mapping);
    expect(format.name).toBe("mapping");
    expect(format.header.required).toEqual(["No", "Date", "Total", "Product", "Qty", "Price"]);
    expect(format.header.signature).toEqual([]);
  });

  it("does reject an invalid mapping with BAD_INPUT", () => {
    expect(() => mappingFormat({ ...mapping, placedAt: " " })).toThrow(/invalid column mapping/);
  });
});
