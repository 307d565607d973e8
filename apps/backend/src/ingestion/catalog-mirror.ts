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

export function writeRetailBrands(
  client: MirrorClient,
  batch: ParsedRecord<Brand>[],
): Promise<MirrorWriteResult> {
  return writeNamedRecords(client, "RetailBrand", batch);
}

export function writeRetailProductCategories(
  client: MirrorClient,
  batch: ParsedRecord<ProductCategory>[],
): Promise<MirrorWriteResult> {
  return writeNamedRecords(client, "RetailProductCategory", batch);
}

/** Brands and categories keep the same columns: a name, when deleted, the record. */
function writeNamedRecords(
  client: MirrorClient,
  table: "RetailBrand" | "RetailProductCategory",
  batch: ParsedRecord<Brand | ProductCategory>[],
): Promise<MirrorWriteResult> {
  const records = latestById(batch, (r) => r.data);
  return upsertByVersion(
    client,
    table,
    records.map((r) => r.data.id),
    records.map((r) => r.data.version),
    [
      column(records, "name", text, (r) => r.data.name ?? unnamed),
      column(records, "deletedAt", instant, (r) => iso(r.data.deleted_at)),
      jsonPayload(records),
    ],
  );
}
