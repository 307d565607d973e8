// A store with history, analysed, for the tests of the views over it: the simulated store's
// X-Series records mirrored and its eCom export imported (merged as production does), then a full
// analytics run with the models refitted, as of a day after the store's clock.
import { openTestDatabase, type TestDatabase } from "@greenloop/db/testing";
import { SimulatedStore, type SimulatedStoreOptions } from "@greenloop/lightspeed-simulator";
import { defaultAnalyticsConfig } from "@greenloop/order-sync/analytics";
import { importStoreExport, ingestRetail } from "../../merge/testing/merge-harness";
import { recomputeAllCustomers } from "../recompute-analytics";

const DAY = 86_400_000;

export interface AnalyzedStore {
  /** The caller closes it (typically in afterAll). */
  db: TestDatabase;
  store: SimulatedStore;
  /** The moment the analytics describe: a day after the store's clock. */
  asOf: Date;
}

export async function openAnalyzedStore(
  options: SimulatedStoreOptions,
  hooks: {
    /** Orders the simulator does not make, added after the import and before the analytics. */
    beforeAnalytics?: (db: TestDatabase, asOf: Date) => Promise<void>;
  } = {},
): Promise<AnalyzedStore> {
  const db = await openTestDatabase();
  try {
    const store = new SimulatedStore(options);
    await ingestRetail(db, { customers: store.customers(), sales: store.sales() });
    await importStoreExport(db, store);
    const asOf = new Date(store.now().getTime() + DAY);
    await hooks.beforeAnalytics?.(db, asOf);
    await recomputeAllCustomers(db, { config: defaultAnalyticsConfig, asOf, refit: true });
    return { db, store, asOf };
  } catch (error) {
    await db.close();
    throw error;
  }
}
