// A simulated store as the tests of what follows the merge need it: its X-Series customers and
// sales mirrored and merged, its eCom export imported, and the moment just after its history.
import type { Database } from "@greenloop/db";
import { openTestDatabase, type TestCleanup } from "@greenloop/db/testing";
import { SimulatedStore } from "@greenloop/lightspeed-simulator";
import { importStoreExport, ingestRetail } from "./merge-harness";

const DAY = 86_400_000;

export async function openSyncedStore(
  cleanup: TestCleanup,
  options: ConstructorParameters<typeof SimulatedStore>[0],
): Promise<{ db: Database; store: SimulatedStore; asOf: Date }> {
  const db = await openTestDatabase();
  cleanup.defer(() => db.close());
  const store = new SimulatedStore(options);
  await ingestRetail(db, { customers: store.customers(), sales: store.sales() });
  await importStoreExport(db, store);
  return { db, store, asOf: new Date(store.now().getTime() + DAY) };
}
