// The catalog as the API serves it: products, brands and product types, each kept in version
// order (a write takes a fresh version and moves the record to the end) so lists page without
// sorting. Deleted records stay, with `deleted_at`, and are listed only with `deleted=true`.
import type { Brand, ProductRecord, ProductType } from "./resource-types";
import { SimulatorError } from "./simulator-error";
import { type ListQuery, pageByVersion, type VersionPage } from "./version-cursor";

type Versioned = { id: string; version: number; deleted_at: string | null };

export class CatalogRecords {
  private readonly products = new Map<string, ProductRecord>();
  private readonly brands = new Map<string, Brand>();
  private readonly types = new Map<string, ProductType>();

  constructor(private readonly nextVersion: () => number) {}

  get productCount(): number {
    return this.products.size;
  }

  putProduct(record: ProductRecord): ProductRecord {
    return this.put(this.products, record);
  }

  putBrand(record: Brand): Brand {
    return this.put(this.brands, record);
  }

  putProductType(record: ProductType): ProductType {
    return this.put(this.types, record);
  }

  getProduct(id: string): ProductRecord {
    const record = this.products.get(id);
    if (!record) throw new SimulatorError("NOT_FOUND", `no product with id ${id}`);
    return record;
  }

  brand(id: string | null): Brand | null {
    return id === null ? null : (this.brands.get(id) ?? null);
  }

  productType(id: string | null): ProductType | null {
    return id === null ? null : (this.types.get(id) ?? null);
  }

  /** Every product, deleted ones included, in version order. */
  allProducts(): ProductRecord[] {
    return [...this.products.values()];
  }

  listProducts(query: ListQuery): VersionPage<ProductRecord> {
    return page(this.products, query);
  }

  listBrands(query: ListQuery): VersionPage<Brand> {
    return page(this.brands, query);
  }

  listProductTypes(query: ListQuery): VersionPage<ProductType> {
    return page(this.types, query);
  }

  private put<T extends Versioned>(map: Map<string, T>, record: T): T {
    record.version = this.nextVersion();
    map.delete(record.id);
    map.set(record.id, record);
    return record;
  }
}

function page<T extends Versioned>(map: Map<string, T>, query: ListQuery): VersionPage<T> {
  const rows = query.includeDeleted
    ? map.values()
    : [...map.values()].filter((row) => row.deleted_at === null);
  return pageByVersion(rows, query, { presorted: true });
}
