// The X-Series catalog as API 2.0 lists it: products (one record per variant), brands and product
// categories. Loose objects: unknown fields are kept for the raw store. What a field means, and
// which variants we accept:
// - A product's category: API 2.0 `product_type_id` (documented). Product types "are becoming
//   product categories" (changelog 2023-02) and the 2.1 product write takes `product_category_id`;
//   whether a 2.0 READ carries `product_category_id` or a nested `product_category {id, name}` is
//   UNCONFIRMED, so all of them are accepted, the explicit category first. A nested
//   `product_type {id, name}` and `brand {id, name}` (UNCONFIRMED, some include= responses) too.
// - A category record comes from `/product_types`, which pages by the version cursor like every
//   2.0 list. `/product_categories` (2023-10, which deprecates product types) has the same ids but
//   documents no `version` field, so it cannot be polled incrementally: we do not read it. Since
//   2023-02 product types may carry `leaf_category`, `category_path`, `parent_category_id`.
import { z } from "zod";
import { isObject } from "../parse-record";
import { idSchema, optionalBooleanSchema, optionalTextSchema, versionSchema } from "./fields";
import { optionalMoneySchema } from "./money";
import { optionalUtcDateSchema } from "./utc-date";

/** `{id, name}` nested reference; only its id is read. */
const nestedIdSchema = z
  .unknown()
  .optional()
  .transform((value) =>
    isObject(value) && typeof value.id === "string" && value.id !== "" ? value.id : null,
  );

/** An id field where an empty string means "none" (1.0-style payloads and clearing writes). */
const optionalIdSchema = optionalTextSchema.transform((value) => (value === "" ? null : value));

export const productSchema = z
  .looseObject({
    id: idSchema,
    version: versionSchema,
    name: optionalTextSchema,
    variant_name: optionalTextSchema,
    sku: optionalTextSchema,
    handle: optionalTextSchema,
    brand_id: optionalIdSchema,
    brand: nestedIdSchema,
    product_type_id: optionalIdSchema,
    product_type: nestedIdSchema,
    product_category_id: optionalIdSchema,
    product_category: nestedIdSchema,
    variant_parent_id: optionalIdSchema,
    supplier_id: optionalIdSchema,
    active: optionalBooleanSchema,
    price_excluding_tax: optionalMoneySchema,
    supply_price: optionalMoneySchema,
    created_at: optionalUtcDateSchema,
    updated_at: optionalUtcDateSchema,
    deleted_at: optionalUtcDateSchema,
  })
  .transform((product) => ({
    ...product,
    /** The brand, from whichever field the response used. */
    brandId: product.brand_id ?? product.brand,
    /** The category: an explicit product category first, then the product type (see above). */
    categoryId:
      product.product_category_id ??
      product.product_category ??
      product.product_type_id ??
      product.product_type,
  }));

export const brandSchema = z.looseObject({
  id: idSchema,
  version: versionSchema,
  name: optionalTextSchema,
  description: optionalTextSchema,
  deleted_at: optionalUtcDateSchema,
});

export const productCategorySchema = z.looseObject({
  id: idSchema,
  version: versionSchema,
  name: optionalTextSchema,
  leaf_category: optionalBooleanSchema,
  parent_category_id: optionalIdSchema,
  deleted_at: optionalUtcDateSchema,
});

export type Product = z.output<typeof productSchema>;
export type Brand = z.output<typeof brandSchema>;
export type ProductCategory = z.output<typeof productCategorySchema>;
