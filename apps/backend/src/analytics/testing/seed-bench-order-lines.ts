// Lines for the benchmarks' orders, set-based: a catalog of 400 products over 8 categories and 40
// brands (every 12th product uncategorised, every 7th unbranded), an X-Series sale with 1–4 lines
// for each in-store order and an eCom export order with 1–3 items for each online order (SKUs
// partly outside the catalog, as real exports have), each order's linesVersion as the merge keeps
// it. Seeded by the caller's setseed.
import type { Database } from "@greenloop/db";

const categories = [
  "Flower",
  "Pre-rolls",
  "Vapes",
  "Edibles",
  "Concentrates",
  "Tinctures",
  "Topicals",
  "Accessories",
];

/** Gives every order whose key starts with `keyPrefix` lines; returns how many lines it wrote. */
export async function seedBenchOrderLines(
  db: Pick<Database, "prisma">,
  keyPrefix: string,
): Promise<number> {
  const { prisma } = db;
  await prisma.$executeRawUnsafe(
    `INSERT INTO "RetailProductCategory" (id, version, name, payload)
     SELECT 'bench-category-' || n, 1, name, '{}' FROM unnest($1::text[]) WITH ORDINALITY AS c(name, n)`,
    categories,
  );
  await prisma.$executeRawUnsafe(
    `INSERT INTO "RetailBrand" (id, version, name, payload)
     SELECT 'bench-brand-' || n, 1, 'Brand ' || n, '{}' FROM generate_series(1, 40) AS n`,
  );
  await prisma.$executeRawUnsafe(
    `INSERT INTO "RetailProduct" (id, version, name, sku, "categoryId", "brandId", payload)
     SELECT 'bench-product-' || n, 1, 'Product ' || n, 'BENCH-' || n,
            CASE WHEN n % 12 = 0 THEN NULL ELSE 'bench-category-' || (1 + n % 8) END,
            CASE WHEN n % 7 = 0 THEN NULL ELSE 'bench-brand-' || (1 + n % 40) END, '{}'
       FROM generate_series(1, 400) AS n`,
  );
  await prisma.$executeRawUnsafe(
    `INSERT INTO "RetailSale" (id, version, attributes, payload)
     SELECT 'bench-sale-' || o.id, 1, '{}', jsonb_build_object('line_items', (
              SELECT jsonb_agg(jsonb_build_object('product_id', 'bench-product-' || l.product,
                       'quantity', l.quantity, 'price', l.price, 'price_total', l.quantity * l.price))
                FROM (SELECT 1 + floor(random() * 400)::int AS product,
                             1 + floor(random() * 3)::int AS quantity,
                             round((5 + random() * 45)::numeric, 2) AS price
                        FROM generate_series(1, o.lines)) AS l))
       FROM (SELECT id, 1 + floor(random() * 4)::int AS lines FROM "Order"
              WHERE key LIKE $1 || '%' AND channel = 'RETAIL') AS o`,
    keyPrefix,
  );
  await prisma.$executeRawUnsafe(
    `UPDATE "Order" SET "retailSaleId" = 'bench-sale-' || id, "linesVersion" = 's1'
      WHERE key LIKE $1 || '%' AND channel = 'RETAIL'`,
    keyPrefix,
  );
  const [{ id: runId }] = (await prisma.$queryRawUnsafe<Array<{ id: string }>>(
    `INSERT INTO "ImportRun" (format, "fileName", "fileSha256", "fileBytes", status)
     VALUES ('ecom_csv', 'bench.csv', 'bench', 0, 'SUCCEEDED') RETURNING id::text`,
  )) as [{ id: string }];
  await prisma.$executeRawUnsafe(
    `INSERT INTO "EcomOrder" ("orderNumber", "placedAt", total, "contentHash", rows,
                              "firstImportRunId", "lastImportRunId")
     SELECT 'bench-' || o.id, o."placedAt", o.total, 'bench', '[]', $2::uuid, $2::uuid
       FROM "Order" o WHERE o.key LIKE $1 || '%' AND o.channel = 'ECOM'`,
    keyPrefix,
    runId,
  );
  const ecom = await prisma.$executeRawUnsafe(
    `INSERT INTO "EcomOrderItem" ("ecomOrderId", position, sku, name, quantity, "unitPrice", total)
     SELECT e.id, l.position, 'BENCH-' || l.product, 'Item ' || l.product, l.quantity, l.price,
            l.quantity * l.price
       FROM (SELECT id, 1 + floor(random() * 3)::int AS lines FROM "EcomOrder"
              WHERE "orderNumber" LIKE 'bench-%') AS e
       CROSS JOIN LATERAL (
         SELECT g - 1 AS position, 1 + floor(random() * 450)::int AS product,
                1 + floor(random() * 3)::int AS quantity, round((5 + random() * 45)::numeric, 2) AS price
           FROM generate_series(1, e.lines) AS g) AS l`,
  );
  await prisma.$executeRawUnsafe(
    `UPDATE "Order" SET "ecomOrderNumber" = 'bench-' || id, "linesVersion" = 'ebench'
      WHERE key LIKE $1 || '%' AND channel = 'ECOM'`,
    keyPrefix,
  );
  await prisma.$executeRawUnsafe(
    `ANALYZE "Order", "RetailSale", "EcomOrder", "EcomOrderItem", "RetailProduct"`,
  );
  const [{ lines }] = (await prisma.$queryRawUnsafe<Array<{ lines: number }>>(
    `SELECT (SELECT coalesce(sum(jsonb_array_length(payload->'line_items')), 0)
               FROM "RetailSale" WHERE id LIKE 'bench-sale-%')::int AS lines`,
  )) as [{ lines: number }];
  return lines + ecom;
}
