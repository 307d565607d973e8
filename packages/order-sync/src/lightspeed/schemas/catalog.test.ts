import { describe, expect, it } from "vitest";
import { parseRecord } from "../parse-record";
import { brandSchema, productCategorySchema, productSchema } from "./catalog";

const product = {
  id: "0af7b240-ab83-11e7-eddc-2ba52c4d8a7b",
  version: 7406239,
  name: "Blue Dream - Flower 3.5g",
  sku: "10042",
  variant_parent_id: null,
  price_excluding_tax: 35.5,
  deleted_at: null,
};

describe("productSchema", () => {
  it("reads the documented API 2.0 fields: product_type_id is the category", () => {
    const result = parseRecord(productSchema, {
      ...product,
      brand_id: "brand-1",
      product_type_id: "type-1",
      unknown_field: { kept: true },
    });
    if (!result.ok) throw new Error(JSON.stringify(result.malformed));
    expect(result.record.data).toMatchObject({
      brandId: "brand-1",
      categoryId: "type-1",
      sku: "10042",
    });
    expect(result.record.data.price_excluding_tax?.toString()).toBe("35.5");
    expect(result.record.raw.unknown_field).toEqual({ kept: true });
  });

  it("prefers an explicit product category, and reads nested {id, name} references", () => {
    const explicit = productSchema.parse({
      ...product,
      product_type_id: "type-1",
      product_category_id: "category-9",
    });
    expect(explicit.categoryId).toBe("category-9");
    const nested = productSchema.parse({
      ...product,
      brand: { id: "brand-2", name: "Firefly Labs" },
      product_category: { id: "category-3", name: "Vapes" },
    });
    expect(nested).toMatchObject({ brandId: "brand-2", categoryId: "category-3" });
  });

  it("treats empty ids as none and keeps deleted products with their deleted_at", () => {
    const parsed = productSchema.parse({
      ...product,
      brand_id: "",
      product_type_id: "",
      deleted_at: "2026-03-01T10:00:00+00:00",
      version: "7406240",
    });
    expect(parsed).toMatchObject({ brandId: null, categoryId: null, version: 7406240 });
    expect(parsed.deleted_at?.toISOString()).toBe("2026-03-01T10:00:00.000Z");
  });

  it("reports a record without a usable version or id by its path", () => {
    const result = parseRecord(productSchema, { ...product, version: "v2" });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.malformed.issues.map((issue) => issue.path)).toEqual(["version"]);
    expect(parseRecord(productSchema, { ...product, id: "" }).ok).toBe(false);
  });
});

describe("brandSchema and productCategorySchema", () => {
  it("read the documented brand example and a product type with its hierarchy fields", () => {
    // Reference §4.1's brand example.
    expect(
      brandSchema.parse({
        id: "b1e2624f",
        name: "Generic Brand",
        deleted_at: null,
        version: 791094,
      }),
    ).toMatchObject({ name: "Generic Brand", version: 791094, deleted_at: null });
    expect(
      productCategorySchema.parse({
        id: "t1",
        name: "Edibles",
        version: 12,
        leaf_category: true,
        category_path: [{ id: "t1", name: "Edibles" }],
        parent_category_id: "",
      }),
    ).toMatchObject({ name: "Edibles", leaf_category: true, parent_category_id: null });
  });
});
