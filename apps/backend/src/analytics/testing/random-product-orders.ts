// Random orders with lines for the tests that hold the SQL over products (favourites, category
// mix, affinity) to the TypeScript references: a small catalog (names with stray spaces, a blank
// category, ties, a deleted product), X-Series sales with lines by product id (some products not
// in the mirror, some lines without price_total) and eCom orders with items by SKU (some SKUs
// unknown), voided and fully refunded orders, orders after asOf, walk-ins and returned lines.
// Written straight into the tables; the same orders come back as StoreOrders with their lines
// resolved in TypeScript, independently of the SQL.
import { randomUUID } from "node:crypto";
import type { Database } from "@greenloop/db";
import { SeededRandom } from "@greenloop/lightspeed-simulator";
import type { AnalyticsOrderItem, StoreOrder } from "@greenloop/order-sync/analytics";
import Decimal from "decimal.js";

const DAY = 86_400_000;

interface CatalogProduct {
  id: string;
  sku: string;
  name: string;
  category: string | null;
  brand: string | null;
  deleted: boolean;
}

export interface RandomProductStore {
  orders: StoreOrder[];
  customerIds: string[];
}

export async function insertRandomProductOrders(
  db: Pick<Database, "prisma">,
  {
    seed,
    asOf,
    customers = 12,
    orders = 90,
  }: { seed: number; asOf: Date; customers?: number; orders?: number },
): Promise<RandomProductStore> {
  const seeded = new SeededRandom(seed);
  const random = () => seeded.next();
  const pick = <T>(values: readonly T[]): T => seeded.pick(values);
  const tag = `r${seed}-${randomUUID().slice(0, 8)}`;
  const categories = ["Flower", "Pre-rolls", "Edibles", " Vapes ", "   "];
  const brands = ["Lumen", "Canyon", "Pacific", null];
  const catalog: CatalogProduct[] = Array.from({ length: 14 }, (_, n) => ({
    id: `${tag}-product-${n}`,
    sku: `${tag}-sku-${n}`,
    name: n === 3 ? " Gummies " : `Product ${n % 11}`,
    category: n % 6 === 5 ? null : pick(categories),
    brand: pick(brands),
    deleted: n === 7,
  }));
  const categoryId = (name: string) => `${tag}-category-${name}`;
  const brandId = (name: string) => `${tag}-brand-${name}`;
  const { prisma } = db;
  const usedCategories = [...new Set(catalog.flatMap((p) => (p.category ? [p.category] : [])))];
  const usedBrands = [...new Set(catalog.flatMap((p) => (p.brand ? [p.brand] : [])))];
  await prisma.retailProductCategory.createMany({
    data: usedCategories.map((name) => ({ id: categoryId(name), version: 1, name, payload: {} })),
  });
  await prisma.retailBrand.createMany({
    data: usedBrands.map((name) => ({ id: brandId(name), version: 1, name, payload: {} })),
  });
  await prisma.retailProduct.createMany({
    data: catalog.map((p) => ({
      id: p.id,
      version: 1,
      name: p.name,
      sku: p.sku,
      categoryId: p.category ? categoryId(p.category) : null,
      brandId: p.brand ? brandId(p.brand) : null,
      deletedAt: p.deleted ? new Date(asOf.getTime() - DAY) : null,
      payload: {},
    })),
  });
  const customerIds = Array.from({ length: customers }, () => randomUUID());
  await prisma.customer.createMany({
    data: customerIds.map((id, n) => ({ id, displayName: `Random ${seed}-${n}` })),
  });
  const run = await prisma.importRun.create({
    data: { format: "ecom_csv", fileName: "random.csv", fileSha256: tag, fileBytes: 0 },
    select: { id: true },
  });

  const result: StoreOrder[] = [];
  for (let n = 0; n < orders; n++) {
    const id = randomUUID();
    const online = random() < 0.35;
    const customerId = random() < 0.1 ? null : pick(customerIds);
    const placedAt = new Date(
      asOf.getTime() - Math.floor(random() * 200 * DAY) + (random() < 0.04 ? 5 * DAY : 0),
    );
    const total = new Decimal(Math.floor(random() * 20_000)).div(100);
    const refunded = random() < 0.06 ? total : random() < 0.08 ? total.div(2) : new Decimal(0);
    const counts = random() > 0.08;
    const items: AnalyticsOrderItem[] = [];
    const lineCount = Math.floor(random() * 5);
    const saleLines: Array<Record<string, string | number>> = [];
    const ecomItems: Array<{ sku: string; name: string; quantity: Decimal; total: Decimal }> = [];
    for (let l = 0; l < lineCount; l++) {
      const quantity = new Decimal(random() < 0.08 ? -1 : 1 + Math.floor(random() * 3));
      const price = new Decimal(Math.floor(random() * 6_000)).div(100);
      const lineTotal = price.times(quantity);
      if (online) {
        const known = random() < 0.85;
        const product = pick(catalog);
        const sku = known ? product.sku : `${tag}-unknown-${l}`;
        const itemName = known ? `Shop name ${product.name}` : `Loose item ${l % 3}`;
        ecomItems.push({ sku, name: itemName, quantity, total: lineTotal });
        const match = known && !product.deleted ? product : null;
        items.push(lineOf(match, match ? null : itemName, quantity, lineTotal));
      } else {
        const known = random() < 0.9;
        const product = pick(catalog);
        const productId = known ? product.id : `${tag}-missing-${l}`;
        const withTotal = random() < 0.8;
        saleLines.push({
          product_id: productId,
          quantity: quantity.toNumber(),
          price: price.toNumber(),
          ...(withTotal ? { price_total: lineTotal.toNumber() } : {}),
        });
        items.push(lineOf(known ? product : null, null, quantity, lineTotal));
      }
    }
    const key = online ? `ecom:${tag}-${n}` : `retail:${tag}-${n}`;
    if (online) {
      await prisma.ecomOrder.create({
        data: {
          orderNumber: `${tag}-${n}`,
          placedAt,
          total,
          contentHash: tag,
          rows: [],
          firstImportRunId: run.id,
          lastImportRunId: run.id,
          items: {
            create: ecomItems.map((item, position) => ({ ...item, position, unitPrice: 0 })),
          },
        },
      });
    } else {
      await prisma.retailSale.create({
        data: { id: `${tag}-sale-${n}`, version: 1, payload: { line_items: saleLines } },
      });
    }
    await prisma.order.create({
      data: {
        id,
        key,
        customerId,
        source: online ? "ecom_unsynced" : "retail",
        countsInAnalytics: counts,
        channel: online ? "ECOM" : "RETAIL",
        status: counts ? "COMPLETED" : "VOIDED",
        placedAt,
        total,
        refundedTotal: refunded,
        ...(online ? { ecomOrderNumber: `${tag}-${n}` } : { retailSaleId: `${tag}-sale-${n}` }),
      },
    });
    result.push({
      id,
      customerId,
      placedAt,
      total,
      refundedTotal: refunded,
      channel: online ? "ECOM" : "RETAIL",
      countsInAnalytics: counts,
      items,
    });
  }
  return { orders: result, customerIds };
}

function lineOf(
  product: CatalogProduct | null,
  fallbackName: string | null,
  quantity: Decimal,
  total: Decimal,
): AnalyticsOrderItem {
  return {
    name: product?.name ?? fallbackName ?? "",
    category: product?.category ?? null,
    brand: product?.brand ?? null,
    quantity,
    total,
  };
}
