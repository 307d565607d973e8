// A catalog product as `/api/2.0/products` serves it, and as a `product.update` webhook carries it
// (the API 1.0 shape, reference §8.3: `type` is the product type's name, numbers as strings, the
// legacy date format). Which 1.0 product fields the webhook carries today is UNCONFIRMED; we send
// the ids and names a receiver could use, and receivers re-fetch the 2.0 record anyway.
import type { Brand, Product, ProductRecord, ProductType } from "./resource-types";
import { legacyDate } from "./webhook-payload";
import { centsToAmount } from "./wire-format";

export function buildProductRecord(options: {
  product: Product;
  /** Other products are variants of this one. */
  hasVariants: boolean;
  createdAtIso: string;
  atIso: string;
  deletedAtIso?: string | null;
}): ProductRecord {
  const { product } = options;
  return {
    id: product.id,
    source_id: null,
    variant_parent_id: product.variantParentId ?? null,
    name: product.name,
    variant_name: product.name,
    handle: product.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "")
      .slice(0, 40),
    sku: product.sku,
    active: options.deletedAtIso == null,
    has_inventory: true,
    has_variants: options.hasVariants,
    is_composite: false,
    description: "",
    brand_id: product.brandId ?? null,
    product_type_id: product.categoryId ?? null,
    supplier_id: null,
    price_excluding_tax: centsToAmount(product.priceCents),
    supply_price: centsToAmount(product.costCents),
    created_at: options.createdAtIso,
    updated_at: options.atIso,
    deleted_at: options.deletedAtIso ?? null,
    version: 0,
  };
}

export function productWebhookPayload(
  record: ProductRecord,
  context: { brand: Brand | null; type: ProductType | null; retailerId: string },
): Record<string, unknown> {
  return {
    id: record.id,
    retailer_id: context.retailerId,
    source_id: record.source_id ?? "",
    variant_parent_id: record.variant_parent_id ?? "",
    handle: record.handle,
    name: record.name,
    variant_name: record.variant_name,
    sku: record.sku,
    type: context.type?.name ?? "",
    brand_id: record.brand_id ?? "",
    brand_name: context.brand?.name ?? "",
    active: record.active,
    price: record.price_excluding_tax.toFixed(5),
    supply_price: record.supply_price.toFixed(5),
    updated_at: legacyDate(record.updated_at),
    deleted_at: record.deleted_at ? legacyDate(record.deleted_at) : null,
  };
}
