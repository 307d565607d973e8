// The fake cannabis-store catalog: product categories (X-Series product types), brands and about
// 75 products with SKUs and prices. The 16 original products (drawn with the store's other
// fixtures) keep their ids and SKUs; the rest come from their own seeded stream, so the catalog
// never shifts the ids of staff, taxes or registers. All names are made up.
import type { Brand, Product, ProductType } from "./resource-types";
import type { SeededRandom } from "./seeded-random";

export const categoryNames = [
  "Flower",
  "Pre-Rolls",
  "Vapes",
  "Edibles",
  "Concentrates",
  "Tinctures",
  "Topicals",
  "Beverages",
  "Accessories",
] as const;
type CategoryName = (typeof categoryNames)[number];

export const brandNames = [
  "Volunteer Valley",
  "Smoky Ridge Farms",
  "Cumberland Craft",
  "Honey Hollow",
  "Bluegrass Botanicals",
  "Night Owl Extracts",
  "Riverbend Roots",
  "Magnolia Kitchen",
  "Appalachian Glass",
  "Sunny Acres",
  "Tall Pines Co.",
  "Firefly Labs",
] as const;
type BrandName = (typeof brandNames)[number];

/** Category and brand of the 16 original products, in their order (store-fixtures.ts). */
const originalPlacement: [CategoryName, BrandName][] = [
  ["Flower", "Smoky Ridge Farms"],
  ["Flower", "Volunteer Valley"],
  ["Flower", "Cumberland Craft"],
  ["Pre-Rolls", "Riverbend Roots"],
  ["Pre-Rolls", "Riverbend Roots"],
  ["Edibles", "Magnolia Kitchen"],
  ["Edibles", "Magnolia Kitchen"],
  ["Vapes", "Night Owl Extracts"],
  ["Vapes", "Night Owl Extracts"],
  ["Tinctures", "Bluegrass Botanicals"],
  ["Topicals", "Bluegrass Botanicals"],
  ["Edibles", "Honey Hollow"],
  ["Accessories", "Appalachian Glass"],
  ["Accessories", "Tall Pines Co."],
  ["Accessories", "Appalachian Glass"],
  ["Beverages", "Sunny Acres"],
];

interface ProductSpec {
  name: string;
  option: string;
  /** Base price in cents; a few cents of seeded variation are added. */
  price: number;
  category: CategoryName;
  brands: readonly BrandName[];
  /** A second size of the same item, sold as a variant of this one. */
  variant?: { name: string; option: string; price: number };
}

const flowerBrands = [
  "Smoky Ridge Farms",
  "Volunteer Valley",
  "Cumberland Craft",
  "Firefly Labs",
] as const;
const strains = [
  "Gelato",
  "Wedding Cake",
  "Granddaddy Purple",
  "OG Kush",
  "Girl Scout Cookies",
  "Jack Herer",
  "Pineapple Express",
  "Green Crack",
];

const moreProducts: ProductSpec[] = [
  ...strains.map((strain) => ({
    name: `${strain} - Flower 3.5g`,
    option: "Amount:3.5G",
    price: 3600,
    category: "Flower" as const,
    brands: flowerBrands,
    variant: { name: `${strain} - Flower 7g`, option: "Amount:7G", price: 6600 },
  })),
  ...strains.slice(0, 6).map((strain) => ({
    name: `${strain} Pre-Roll 1g`,
    option: `Strain:${strain}`,
    price: 1100,
    category: "Pre-Rolls" as const,
    brands: ["Riverbend Roots", "Smoky Ridge Farms", "Volunteer Valley"] as const,
  })),
  ...["Blue Dream", "Gelato", "Granddaddy Purple", "Sour Diesel", "Jack Herer", "Strawberry"].map(
    (strain) => ({
      name: `${strain} Cartridge 0.5g`,
      option: `Strain:${strain}`,
      price: 3100,
      category: "Vapes" as const,
      brands: ["Night Owl Extracts", "Firefly Labs"] as const,
      variant: { name: `${strain} Cartridge 1g`, option: `Strain:${strain}`, price: 5300 },
    }),
  ),
  ...[
    "Gummies, Sour Apple 10pk",
    "Gummies, Peach 10pk",
    "Chocolate Bar – Milk",
    "Chocolate Bar – Sea Salt",
    "Mints, Peppermint 20pk",
    "Caramels 10pk",
    "Hard Candy, Lemon 10pk",
    "Cookies, Snickerdoodle 2pk",
  ].map((name) => ({
    name,
    option: `flavor:${name.split(",")[1]?.trim() ?? "Classic"}`,
    price: 2200,
    category: "Edibles" as const,
    brands: ["Magnolia Kitchen", "Honey Hollow"] as const,
  })),
  ...["Live Resin 1g", "Shatter 1g", "Badder 1g", "Rosin 1g", "Diamonds 1g", "Wax 1g"].map(
    (name) => ({
      name,
      option: "Amount:1G",
      price: 4500,
      category: "Concentrates" as const,
      brands: ["Night Owl Extracts", "Firefly Labs", "Cumberland Craft"] as const,
    }),
  ),
  ...["Tincture 500mg", "Sleep Tincture 1000mg"].map((name) => ({
    name,
    option: "flavor:Unflavored",
    price: 3600,
    category: "Tinctures" as const,
    brands: ["Bluegrass Botanicals", "Sunny Acres"] as const,
  })),
  ...["Muscle Rub 4oz", "Bath Bomb, Lavender"].map((name) => ({
    name,
    option: "Size:Regular",
    price: 2600,
    category: "Topicals" as const,
    brands: ["Bluegrass Botanicals"] as const,
  })),
  ...["Sparkling Lemonade 12oz", "Iced Tea, Peach 12oz", "Cold Brew 8oz"].map((name) => ({
    name,
    option: "Size:Can",
    price: 900,
    category: "Beverages" as const,
    brands: ["Sunny Acres", "Honey Hollow"] as const,
  })),
  ...["Rolling Tray", "Hemp Wick", "Lighter", "Stash Jar"].map((name) => ({
    name,
    option: "Color:Assorted",
    price: 1200,
    category: "Accessories" as const,
    brands: ["Appalachian Glass", "Tall Pines Co."] as const,
  })),
];

export interface StoreCatalog {
  categories: ProductType[];
  brands: Brand[];
  /** What the store sells: the 16 original products first, then the rest. */
  products: Product[];
  /** A product the store stopped selling: served with `deleted_at`, never sold again. */
  discontinued: Product;
}

/**
 * Gives the original products a category and brand and adds the rest of the catalog. `random`
 * is the catalog's own stream; `taken` are SKUs already in use (the originals', the fee's).
 */
export function createStoreCatalog(
  random: SeededRandom,
  originals: readonly Product[],
  takenSkus: readonly string[],
): StoreCatalog {
  const categories: ProductType[] = categoryNames.map((name) => {
    const id = random.uuid();
    return {
      id,
      name,
      leaf_category: true,
      category_path: [{ id, name }],
      deleted_at: null,
      version: 0,
    };
  });
  const brands: Brand[] = brandNames.map((name) => ({
    id: random.uuid(),
    name,
    description: null,
    deleted_at: null,
    version: 0,
  }));
  const categoryId = (name: CategoryName) => categories[categoryNames.indexOf(name)]?.id ?? null;
  const brandId = (name: BrandName) => brands[brandNames.indexOf(name)]?.id ?? null;

  const skus = new Set(takenSkus);
  const newSku = () => {
    for (;;) {
      const sku = String(random.int(400000, 899999));
      if (!skus.has(sku)) {
        skus.add(sku);
        return sku;
      }
    }
  };
  const make = (
    spec: { name: string; option: string; price: number },
    placement: { category: CategoryName; brand: BrandName },
    variantParentId: string | null,
  ): Product => {
    const priceCents = spec.price + random.int(-4, 4) * 50;
    return {
      id: random.uuid(),
      sku: newSku(),
      name: spec.name,
      option: spec.option,
      priceCents,
      costCents: Math.round(priceCents * 0.45),
      brandId: brandId(placement.brand),
      categoryId: categoryId(placement.category),
      variantParentId,
    };
  };

  const products: Product[] = originals.map((product, index) => {
    const [category, brand] = originalPlacement[index] ?? ["Accessories", "Tall Pines Co."];
    return { ...product, brandId: brandId(brand), categoryId: categoryId(category) };
  });
  // The 1g cartridge is the 0.5g's bigger size.
  const halfGram = products[7];
  const oneGram = products[8];
  if (halfGram && oneGram) oneGram.variantParentId = halfGram.id;

  for (const spec of moreProducts) {
    const placement = { category: spec.category, brand: random.pick(spec.brands) };
    const parent = make(spec, placement, null);
    products.push(parent);
    if (spec.variant) products.push(make(spec.variant, placement, parent.id));
  }
  const discontinued = make(
    { name: "Strawberry Cough - Flower 3.5g", option: "Amount:3.5G", price: 3400 },
    { category: "Flower", brand: "Volunteer Valley" },
    null,
  );
  return { categories, brands, products, discontinued };
}
