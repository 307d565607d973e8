// Incremental polling of the X-Series catalog by the version cursor: product categories
// (`/product_types`), brands, then products, each into its raw mirror (ingestion/catalog-mirror.ts)
// through `pollResource`, so a page and its cursor commit together and every run leaves a
// `poll.<resource>` JobRun. A catalog change triggers no merge: the analytics read the catalog
// when they run. Callers hold the poll job lock.
import type { LightspeedClient, ParsedRecord } from "@greenloop/order-sync/lightspeed";
import {
  writeRetailBrands,
  writeRetailProductCategories,
  writeRetailProducts,
} from "../catalog-mirror";
import {
  emptyResult,
  type PolledSource,
  type PollResourceOptions,
  pollResource,
  type ResourcePollResult,
} from "./poll-resource";
import { type CatalogResource, catalogResources, readSyncCursor } from "./sync-cursor";

export type CatalogClient = Pick<
  LightspeedClient,
  "listProducts" | "listBrands" | "listProductCategories"
>;

export interface PollCatalogOptions extends PollResourceOptions {
  client: CatalogClient;
  /** Default all three, in `catalogResources` order. */
  resources?: CatalogResource[];
}

export interface PollCatalogResult {
  /** Every requested resource succeeded. */
  ok: boolean;
  interrupted: boolean;
  resources: Record<CatalogResource, ResourcePollResult<CatalogResource>>;
}

export async function pollCatalog(options: PollCatalogOptions): Promise<PollCatalogResult> {
  const requested = new Set(options.resources ?? catalogResources);
  const results = {} as PollCatalogResult["resources"];
  for (const resource of catalogResources) {
    const run = requested.has(resource) && !options.signal?.aborted;
    results[resource] = run
      ? await pollResource(catalogSource(resource, options.client), options)
      : emptyResult(resource, await readSyncCursor(options.db.prisma, resource));
  }
  const polled = Object.values(results).filter((result) => requested.has(result.resource));
  return {
    ok: polled.every((result) => result.status === "succeeded"),
    interrupted: options.signal?.aborted === true,
    resources: results,
  };
}

function catalogSource(
  resource: CatalogResource,
  client: CatalogClient,
): PolledSource<CatalogResource> {
  // Records come from the matching list, so each writer gets its own record type back.
  const records = <T>(list: ParsedRecord<unknown>[]) => list as ParsedRecord<T>[];
  switch (resource) {
    case "productCategories":
      return {
        resource,
        list: (list) => client.listProductCategories(list),
        write: (tx, list) => writeRetailProductCategories(tx, records(list)),
      };
    case "brands":
      return {
        resource,
        list: (list) => client.listBrands(list),
        write: (tx, list) => writeRetailBrands(tx, records(list)),
      };
    case "products":
      return {
        resource,
        list: (list) => client.listProducts(list),
        write: (tx, list) => writeRetailProducts(tx, records(list)),
      };
  }
}
