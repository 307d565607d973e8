// The catalog lists of the client against the simulator over loopback: paging by the version
// cursor, deleted records, resuming from a saved cursor, and one product fetched by id.
import { type RunningSimulator, startSimulator } from "@greenloop/lightspeed-simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLightspeedClient } from "./lightspeed-client";

describe("createLightspeedClient catalog lists against the simulator", () => {
  let sim: RunningSimulator;
  let client: ReturnType<typeof createLightspeedClient>;

  beforeAll(async () => {
    sim = await startSimulator({
      seed: 3,
      store: { customers: 10, inStoreSales: 20, ecomOrders: 5, months: 1 },
    });
    client = createLightspeedClient({ baseUrl: sim.baseUrl, token: sim.token, pageSize: 25 });
  });
  afterAll(() => sim.close());

  async function readAll<T>(
    pages: AsyncGenerator<{ records: { data: T }[]; after: number; malformed: unknown[] }>,
  ) {
    const records: T[] = [];
    const cursors: number[] = [];
    for await (const page of pages) {
      expect(page.malformed).toEqual([]);
      records.push(...page.records.map((record) => record.data));
      cursors.push(page.after);
    }
    return { records, cursors };
  }

  it("pages through every product by version, deleted ones included when asked", async () => {
    const all = await readAll(client.listProducts({ deleted: true }));
    const live = await readAll(client.listProducts());
    const served = sim.store.catalog.allProducts();
    expect(all.records.map((p) => p.id).sort()).toEqual(served.map((p) => p.id).sort());
    expect(all.cursors.length).toBe(Math.ceil(served.length / 25));
    expect(all.cursors).toEqual([...all.cursors].sort((a, b) => a - b));
    expect(live.records).toHaveLength(served.length - 1);
    const deleted = all.records.filter((p) => p.deleted_at !== null);
    expect(deleted).toHaveLength(1);
    expect(deleted[0]?.deleted_at).toBeInstanceOf(Date);

    const byId = new Map(served.map((p) => [p.id, p]));
    for (const product of all.records) {
      const wire = byId.get(product.id);
      expect(product.categoryId).toBe(wire?.product_type_id);
      expect(product.brandId).toBe(wire?.brand_id);
      expect(product.sku).toBe(wire?.sku);
      expect(product.price_excluding_tax?.toNumber()).toBe(wire?.price_excluding_tax);
    }
  });

  it("lists brands and categories and resumes after a saved cursor with only what changed", async () => {
    const brands = await readAll(client.listBrands());
    const categories = await readAll(client.listProductCategories());
    expect(brands.records).toHaveLength(12);
    expect(categories.records.map((c) => c.name)).toContain("Pre-Rolls");

    const products = await readAll(client.listProducts({ deleted: true }));
    const saved = products.cursors.at(-1) ?? 0;
    const [target] = products.records;
    if (!target) throw new Error("no products");
    sim.store.updateProduct(target.id, { brand_id: brands.records[1]?.id ?? null });
    const next = await readAll(client.listProducts({ after: saved, deleted: true }));
    expect(next.records.map((p) => p.id)).toEqual([target.id]);
    expect(next.records[0]?.brandId).toBe(brands.records[1]?.id);
    expect(await readAll(client.listProducts({ after: next.cursors.at(-1) ?? 0 }))).toEqual({
      records: [],
      cursors: [],
    });

    const fetched = await client.fetchProduct(target.id);
    expect(fetched.data.version).toBe(next.records[0]?.version);
    await expect(client.fetchProduct("no-such-product")).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
