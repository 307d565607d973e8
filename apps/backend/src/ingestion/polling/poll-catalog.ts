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
  type PolledSource,
  type PollListsResult,
  type PollResourceOptions,
  pollLists,
} from "./poll-resource";
import { type CatalogResource, catalogResources } from "./sync-cursor";

export type CatalogClient = Pick<
  LightspeedClient,
  "listProducts" | "listBrands" | "listProductCategories"
>;

export interface PollCatalogOptions extends PollResourceOptions {
  client: CatalogClient;
  /** Default all three, in `catalogResources` order. */
  resources?: CatalogResource[];
}

export type PollCatalogResult = PollListsResult<CatalogResource>;

export function pollCatalog(options: PollCatalogOptions): Promise<PollCatalogResult> {
  return pollLists(
    catalogResources,
    options.resources,
    (resource) => catalogSource(resource, options.client),
    options,
  );
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
