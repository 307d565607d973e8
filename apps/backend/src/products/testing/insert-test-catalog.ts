// A catalog mirror for tests, until the catalog sync fills it: categories and brands for the
// simulator's products (or any products), written straight into the mirror's tables. Some products
// stay uncategorised and unbranded on purpose: stores have those, and the analytics must say so.
import type { Database } from "@greenloop/db";

export interface TestProduct {
  id: string;
  sku: string | null;
  name: string;
}

/** Category by what the product's name says; null for accessories and the like. */
const categoryRules: ReadonlyArray<readonly [RegExp, string]> = [
  [/flower/i, "Flower"],
  [/pre-roll/i, "Pre-rolls"],
  [/gummies|chocolate/i, "Edibles"],
  [/vape/i, "Vapes"],
  [/tincture/i, "Tinctures"],
];

const brands = ["Lumen Farms", "Canyon Collective", "Pacific Roots"];

export function testCategoryOf(name: string): string | null {
  return categoryRules.find(([pattern]) => pattern.test(name))?.[1] ?? null;
}

/** Every third product has no brand; the others take the brands in turn. */
export function testBrandOf(index: number): string | null {
  return index % 3 === 2 ? null : (brands[index % brands.length] ?? null);
}

/** Inserts the products with their categories and brands; ids of categories/brands are their names. */
export async function insertTestCatalog(
  db: Pick<Database, "prisma">,
  products: readonly TestProduct[],
): Promise<void> {
  const names = (values: ReadonlyArray<string | null>) => [
    ...new Set(values.filter((v): v is string => v !== null)),
  ];
  const categories = names(products.map((p) => testCategoryOf(p.name)));
  const usedBrands = names(products.map((_, i) => testBrandOf(i)));
  await db.prisma.$executeRawUnsafe(
    `INSERT INTO "RetailProductCategory" (id, version, name, payload)
     SELECT n, 1, n, jsonb_build_object('name', n) FROM unnest($1::text[]) AS n
     ON CONFLICT (id) DO NOTHING`,
    categories,
  );
  await db.prisma.$executeRawUnsafe(
    `INSERT INTO "RetailBrand" (id, version, name, payload)
     SELECT n, 1, n, jsonb_build_object('name', n) FROM unnest($1::text[]) AS n
     ON CONFLICT (id) DO NOTHING`,
    usedBrands,
  );
  await db.prisma.$executeRawUnsafe(
    `INSERT INTO "RetailProduct" (id, version, name, sku, "categoryId", "brandId", payload)
     SELECT p.id, 1, p.name, p.sku, p.category, p.brand, jsonb_build_object('name', p.name)
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
         AS p(id, name, sku, category, brand)
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, sku = EXCLUDED.sku,
       "categoryId" = EXCLUDED."categoryId", "brandId" = EXCLUDED."brandId"`,
    products.map((p) => p.id),
    products.map((p) => p.name),
    products.map((p) => p.sku),
    products.map((p) => testCategoryOf(p.name)),
    products.map((_, i) => testBrandOf(i)),
  );
}
