// The raw mirror of the X-Series catalog: products (one row per variant), brands and product
// categories at their newest version, written by the catalog poll and the product.update webhook.
// A deleted record stays, with `deletedAt`: sales of it keep their category and brand. Nothing
// here triggers a merge or a recompute: the analytics read the catalog when they run
// (products/order-lines-sql.ts), so a product's new category or brand shows at the next full run.
import type {
  Brand,
  ParsedRecord,
  Product,
  ProductCategory,
} from "@greenloop/order-sync/lightspeed";
import { column, instant, iso, jsonPayload, text } from "./mirror-columns";
import type { MirrorClient } from "./retail-mirror";
import { latestById, type MirrorWriteResult, upsertByVersion } from "./upsert-by-version";

/** What a record without a name is stored as (the column is required; Lightspeed omits empties). */
const unnamed = "(unnamed)";

export async function writeRetailProducts(
  client: MirrorClient,
  batch: ParsedRecord<Product>[],
): Promise<MirrorWriteResult> {
  const products = latestById(batch, (r) => r.data);
  return upsertByVersion(
    client,
    "RetailProduct",
    products.map((r) => r.data.id),
    products.map((r) => r.data.version),
    [
      column(products, "name", text, (r) => r.data.name ?? r.data.variant_name ?? unnamed),
      column(products, "sku", text, (r) => r.data.sku),
      column(products, "brandId", text, (r) => r.data.brandId),
      column(products, "categoryId", text, (r) => r.data.categoryId),
      column(products, "variantParentId", text, (r) => r.data.variant_parent_id),
      column(products, "deletedAt", instant, (r) => iso(r.data.deleted_at)),
      jsonPayload(products),
    ],
  );
}

export async function writeRetailBrands(
  client: MirrorClient,
  batch: ParsedRecord<Brand>[],
): Promise<MirrorWriteResult> {
  const brands = latestById(batch, (r) => r.data);
  return upsertByVersion(
    client,
    "RetailBrand",
    brands.map((r) => r.data.id),
    brands.map((r) => r.data.version),
    [
      column(brands, "name", text, (r) => r.data.name ?? unnamed),
      column(brands, "deletedAt", instant, (r) => iso(r.data.deleted_at)),
      jsonPayload(brands),
    ],
  );
}

export async function writeRetailProductCategories(
  client: MirrorClient,
  batch: ParsedRecord<ProductCategory>[],
): Promise<MirrorWriteResult> {
  const categories = latestById(batch, (r) => r.data);
  return upsertByVersion(
    client,
    "RetailProductCategory",
    categories.map((r) => r.data.id),
    categories.map((r) => r.data.version),
    [
      column(categories, "name", text, (r) => r.data.name ?? unnamed),
      column(categories, "deletedAt", instant, (r) => iso(r.data.deleted_at)),
      jsonPayload(categories),
    ],
  );
}
