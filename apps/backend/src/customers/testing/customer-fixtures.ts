// Stores for the customer API tests, fed through the real path: X-Series mirror writes, the eCom
// CSV import, the merge, then a full analytics run.
import type { Database } from "@greenloop/db";
import type { SimulatedStore } from "@greenloop/lightspeed-simulator";
import { defaultAnalyticsConfig } from "@greenloop/order-sync/analytics";
import { recomputeAllCustomers } from "../../analytics/recompute-analytics";
import { addFamilyEmail } from "../../merge/testing/identity-scenarios";
import { emptyStore, importStoreExport, ingestRetail } from "../../merge/testing/merge-harness";

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** Mirrors every X-Series record, imports the eCom export, and runs the analytics. */
export async function ingestAndAnalyze(db: Database, store: SimulatedStore): Promise<void> {
  await ingestRetail(db, { customers: store.customers(), sales: store.sales() });
  await importStoreExport(db, store);
  await recomputeAllCustomers(db, {
    config: defaultAnalyticsConfig,
    asOf: new Date(store.now().getTime() + HOUR),
  });
}

/**
 * Maya shops in store, online (an order that reached X-Series) and online again (an order still
 * waiting for X-Series). Leo, another customer, has his own in-store sale.
 */
export function threeChannelStore(seed = 11) {
  const store = emptyStore(seed);
  const maya = store.createCustomer({
    first_name: "Maya",
    last_name: "Lind",
    email: "Maya.Lind@example.com",
    mobile: "(615) 555-0101",
    loyalty_balance: 12.5,
  });
  const leo = store.createCustomer({
    first_name: "Leo",
    last_name: "Park",
    email: "leo.park@example.com",
    mobile: "(615) 555-0199",
    loyalty_balance: 3,
  });
  const inStore = store.createSale({ customer_id: maya.id });
  const leoSale = store.createSale({ customer_id: leo.id });
  store.advanceClock(HOUR);
  const synced = store.placeEcomOrder({ email: "maya.lind@example.com", delayMs: HOUR });
  store.advanceClock(2 * HOUR); // the first online order reaches X-Series
  const unsynced = store.placeEcomOrder({ email: "maya.lind@example.com", delayMs: 30 * DAY });
  store.advanceClock(HOUR);
  return { store, maya, leo, inStore, leoSale, synced, unsynced };
}

/** Two people, one family email, different phones: the email links nobody and is flagged. */
export function familyStore(seed = 12) {
  const store = emptyStore(seed);
  const { ana, ben } = addFamilyEmail(store, "cruz.family@example.com", {
    ana: { first_name: "Ana", last_name: "Cruz", mobile: "(615) 555-0111" },
    ben: { first_name: "Ben", last_name: "Cruz", mobile: "(615) 555-0122" },
  });
  store.createSale({ customer_id: ben.id });
  store.advanceClock(HOUR);
  return { store, ana, ben };
}
