// The analytics after an eCom import: the merge already ran (imports/import-merge.ts),
// the analytics follow once, and a large import also refits the models. The rule `pnpm cli
// import-ecom` applies, for the imports that do not run in the CLI (uploads).
import type { Database } from "@greenloop/db";
import type { AnalyticsConfig } from "@greenloop/order-sync/analytics";
import { recomputeAllCustomers } from "../analytics/recompute-analytics";
import { recomputeAllDirty } from "../analytics/recompute-dirty";

/** Orders created or changed from which an import refits the analytics models. */
export const LARGE_IMPORT_ORDERS = 1_000;

export function recomputeAfterEcomImport(
  db: Pick<Database, "prisma">,
  options: { config: AnalyticsConfig; ordersChanged: number },
) {
  return options.ordersChanged >= LARGE_IMPORT_ORDERS
    ? recomputeAllCustomers(db, { config: options.config, refit: true, trigger: "import" })
    : recomputeAllDirty(db, { config: options.config, trigger: "import" });
}
