import { describe, expect, it } from "vitest";
import { createSimulatorApp } from "./create-simulator-app";
import type { Brand, ProductRecord, ProductType, Sale } from "./resource-types";
import { SimulatedStore } from "./simulated-store";
import { categoryNames } from "./store-catalog";

const small = { customers: 20, inStoreSales: 60, ecomOrders: 20, months: 2 };

function setup() {
  const store = new SimulatedStore({ seed: 11, store: small });
  const app = createSimulatorApp(store);
  const headers = { Authorization: `Bearer ${store.token}` };
  const json = async <T>(path: string, init: RequestInit = {}) => {
    const res = await app.request(path, {
      ...init,
      headers: { ...headers, "Content-Type": "application/json" },
    });
    return { status: res.status, body: (await res.json()) as T };
  };
  return { store, json };
}

type Page<T> = { data: T[]; version: { min: number | null; max: number | null } };

async function readAll<T extends { version: number }>(
  json: ReturnType<typeof setup>["json"],
  path: string,
): Promise<T[]> {
  const rows: T[] = [];
  let after = 0;
  for (;;) {
    const { status, body } = await json<Page<T>>(
      `${path}${path.includes("?") ? "&" : "?"}after=${after}&page_size=20`,
    );
    expect(status).toBe(200);
    if (body.data.length === 0) return rows;
    expect(body.data.length).toBeLessThanOrEqual(20);
    rows.push(...body.data);
    after = body.version.max ?? Number.NaN;
  }
}

describe("the simulated catalog", () => {
  it("serves products, brands and product types by version cursor, deleted ones only when asked", async () => {
    const { json } = setup();
    const products = await readAll<ProductRecord>(json, "/api/2.0/products");
    const withDeleted = await readAll<ProductRecord>(json, "/api/2.0/products?deleted=true");
    const brands = await readAll<Brand>(json, "/api/2.0/brands");
    const types = await readAll<ProductType>(json, "/api/2.0/product_types");

    expect(products.length).toBeGreaterThanOrEqual(50);
    expect(products.length).toBeLessThanOrEqual(150);
    expect(products.every((p) => p.deleted_at === null)).toBe(true);
    const deleted = withDeleted.filter((p) => p.deleted_at !== null);
    expect(deleted).toHaveLength(1);
    expect(withDeleted).toHaveLength(products.length + 1);
    expect(new Set(products.map((p) => p.sku)).size).toBe(products.length);
    expect(brands).toHaveLength(12);
    expect(types.map((t) => t.name).sort()).toEqual([...categoryNames].sort());

    const versions = withDeleted.map((p) => p.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    const brandIds = new Set(brands.map((b) => b.id));
    const typeIds = new Set(types.map((t) => t.id));
    const sellable = products.filter((p) => p.name !== "Delivery Fee");
    expect(
      sellable.every((p) => brandIds.has(p.brand_id ?? "") && typeIds.has(p.product_type_id ?? "")),
    ).toBe(true);
    // Variants point at a product of the same catalog.
    const variants = products.filter((p) => p.variant_parent_id !== null);
    expect(variants.length).toBeGreaterThan(5);
    const ids = new Set(products.map((p) => p.id));
    expect(variants.every((p) => ids.has(p.variant_parent_id ?? ""))).toBe(true);
  });

  it("generates the same catalog from the same seed, and keeps the original products' ids and SKUs", () => {
    const a = new SimulatedStore({ seed: 11, store: small });
    const b = new SimulatedStore({ seed: 11, store: small });
    expect(JSON.stringify(b.catalog.allProducts())).toBe(JSON.stringify(a.catalog.allProducts()));
    const all = { after: 0, before: null, pageSize: 200, includeDeleted: true };
    expect(b.catalog.listBrands(all)).toEqual(a.catalog.listBrands(all));
    // The catalog draws from its own stream: staff, taxes and the first products are as before it.
    const other = new SimulatedStore({ seed: 12, store: small });
    expect(other.catalog.allProducts()[0]?.id).not.toBe(a.catalog.allProducts()[0]?.id);
    expect(a.fixtures.products.slice(0, 16).map((p) => p.name)[0]).toBe("Blue Dream - Flower");
  });

  it("sells catalog products at catalog prices, in store and online, and exports their SKUs", async () => {
    const { store } = setup();
    const catalog = new Map(store.catalog.allProducts().map((p) => [p.id, p]));
    const lines = store.sales().flatMap((sale: Sale) => sale.line_items);
    expect(lines.length).toBeGreaterThan(50);
    expect(lines.every((line) => catalog.has(line.product_id))).toBe(true);
    const ordinary = lines.filter((line) => !line.price_set && line.quantity > 0);
    expect(
      ordinary.every((line) => line.price === catalog.get(line.product_id)?.price_excluding_tax),
    ).toBe(true);

    const skus = new Set([...catalog.values()].map((p) => p.sku));
    const csvSkus = store.ecomOrders().flatMap((order) => order.lines.map((line) => line.sku));
    expect(csvSkus.length).toBeGreaterThan(0);
    expect(csvSkus.every((sku) => skus.has(sku))).toBe(true);
    const csv = store.ecomCsvExport();
    expect(csvSkus.every((sku) => csv.includes(sku))).toBe(true);
  });

  it("changes a product through the control API: a new version, a product.update webhook, new prices on later sales", async () => {
    const { store, json } = setup();
    const [flower] = store.catalog
      .allProducts()
      .filter((p) => p.name.includes("Flower") && !p.deleted_at);
    if (!flower) throw new Error("no flower in the catalog");
    const otherType = (await json<Page<ProductType>>("/api/2.0/product_types")).body.data.find(
      (t) => t.id !== flower.product_type_id,
    );
    const before = flower.version;
    const storeVersion = store.version;
    const { status, body } = await json<{ data: ProductRecord }>(`/_sim/products/${flower.id}`, {
      method: "PUT",
      body: JSON.stringify({ price: 41.5, product_type_id: otherType?.id }),
    });
    expect(status).toBe(200);
    expect(body.data.version).toBeGreaterThan(before);
    expect(body.data.product_type_id).toBe(otherType?.id);
    const fetched = await json<{ data: ProductRecord }>(`/api/2.0/products/${flower.id}`);
    expect(fetched.body.data).toEqual(body.data);
    const newest = await json<Page<ProductRecord>>(`/api/2.0/products?after=${storeVersion}`);
    expect(newest.body.data.map((p) => p.id)).toEqual([flower.id]);

    const event = store.webhooks.events.at(-1);
    expect(event).toMatchObject({ type: "product.update", entityId: flower.id });
    const payload = JSON.parse(new URLSearchParams(event?.body ?? "").get("payload") ?? "{}");
    expect(payload).toMatchObject({ id: flower.id, type: otherType?.name, sku: flower.sku });

    const sale = store.createSale({ line_items: [{ product_id: flower.id }] });
    expect(sale.line_items[0]?.price).toBe(41.5);

    const unknown = await json(`/_sim/products/${flower.id}`, {
      method: "PUT",
      body: JSON.stringify({ brand_id: "no-such-brand" }),
    });
    expect(unknown.status).toBe(422);
    expect((await json(`/api/2.0/products/no-such-product`)).status).toBe(404);
  });

  it("deletes a product: kept with deleted_at, no longer sold", async () => {
    const { store, json } = setup();
    const [target] = store.fixtures.products;
    if (!target) throw new Error("empty catalog");
    const { body } = await json<{ data: ProductRecord }>(`/_sim/products/${target.id}`, {
      method: "DELETE",
    });
    expect(body.data.deleted_at).not.toBeNull();
    expect(store.fixtures.products.some((p) => p.id === target.id)).toBe(false);
    const listed = await readAll<ProductRecord>(json, "/api/2.0/products?deleted=true");
    expect(listed.find((p) => p.id === target.id)?.deleted_at).toBe(body.data.deleted_at);
  });
});
