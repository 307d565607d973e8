// Test support for erasures: a real database fed by the simulator over loopback (polls, webhooks,
// the eCom export), a person with X-Series sales and online orders to erase, every spelling of
// their data a column could hold, and the re-syncs that must not bring them back.
import type { TestCleanup } from "@greenloop/db/testing";
import { type SimulatedStore, startSimulator } from "@greenloop/lightspeed-simulator";
import { pollRetail } from "../../ingestion/polling/poll-retail";
import {
  connectClient,
  eventFeed,
  storeBodies,
} from "../../ingestion/webhooks/testing/worker-harness";
import { createWebhookWorker } from "../../ingestion/webhooks/webhook-worker";
import { createLogger } from "../../logger";
import { sweepMerge } from "../../merge/merge-sweep";
import { drainPendingMerges } from "../../merge/pending-merges";
import { importStoreExport, ingestRetail, testMergeRules } from "../../merge/testing/merge-harness";
import { openDatabaseForTest } from "../../testing/test-database";

export const YEAR = 365 * 86_400_000;
const logger = createLogger({ level: "silent" });

export const person = {
  first: "Zephyrine",
  last: "Quillfeather",
  email: "zephyrine.quillfeather@example.org",
  mobile: "(615) 555-0199",
  digits: "6155550199",
};

/** Every spelling of the person's data a column could hold (raw, normalized, URL-encoded). */
export function needlesOf(extra: string[] = []): string[] {
  return [
    person.first,
    person.last,
    person.email,
    encodeURIComponent(person.email),
    "quillfeather@example.org",
    person.digits,
    "+16155550199",
    "555-0199",
    ...extra,
  ];
}

export type ErasureStore = Awaited<ReturnType<typeof openErasureStore>>;

/** A test database, a simulated store over loopback, its webhook worker and its poll. */
export async function openErasureStore(cleanup: TestCleanup) {
  const db = await openDatabaseForTest(cleanup);
  const sim = await startSimulator({
    seed: 21,
    store: { customers: 25, inStoreSales: 40, ecomOrders: 30, months: 2 },
    rateLimit: { limit: 1_000_000, windowMs: 300_000 },
  });
  cleanup.defer(() => sim.close());
  // The merge alone after each mirror change (these tests are about the merge's scrubs, not analytics).
  const onRetailChanges = async () => {
    await drainPendingMerges(db, testMergeRules);
  };
  const client = connectClient(sim);
  const worker = createWebhookWorker({
    db,
    client,
    logger,
    onRetailChanges,
    batchSize: 50,
  });
  const poll = (full = false) => pollRetail({ db, client, trigger: "test", full, onRetailChanges });
  return { db, sim, store: sim.store, worker, poll, events: eventFeed(sim) };
}

/**
 * The person in the store: an X-Series customer with sales, and online orders, synced and not;
 * with the needles to grep the database for (their delivery streets included).
 */
export function addPerson(store: SimulatedStore) {
  const customer = store.createCustomer({
    first_name: person.first,
    last_name: person.last,
    email: person.email,
    mobile: person.mobile,
  });
  store.createSale({ customer_id: customer.id, note: `${person.first} wants the blue one` });
  store.createSale({ customer_id: customer.id });
  const buyer = {
    email: person.email,
    firstName: person.first,
    lastName: person.last,
    phoneDigits: person.digits,
  };
  const synced = store.placeEcomOrder({
    ...buyer,
    comments: `Ring ${person.first} at the back door`,
    fulfillment: "delivery",
  });
  store.syncEcomOrder(synced.orderNumber);
  const unsynced = store.placeEcomOrder({ ...buyer, delayMs: YEAR, fulfillment: "delivery" });
  const streets = [synced, unsynced].flatMap((order) =>
    order.address ? [order.address.street] : [],
  );
  return { customer, synced, unsynced, needles: needlesOf(streets) };
}

/**
 * Brings the store in as production does: X-Series mirrored and merged, the same changes as
 * webhooks (the inbox keeps their raw bodies), the eCom export imported. Returns the import.
 */
export async function syncStore({ db, store, worker, events }: ErasureStore) {
  await ingestRetail(db, { customers: store.customers(), sales: store.sales() });
  await storeBodies(
    db,
    events().map((event) => event.body),
  );
  await worker.runOnce();
  return importStoreExport(db, store);
}

/**
 * X-Series and the eCom export bring the person back after an erasure, through the paths
 * production uses: a webhook, then a full poll, then a new sale (polled); the same export
 * re-imported; a full re-merge (`retailCustomerId`: the person's X-Series customer). Returns each
 * step's result for the test to check.
 */
export async function resyncPerson(
  { db, store, worker, poll, events }: ErasureStore,
  retailCustomerId: string,
) {
  store.updateCustomer(retailCustomerId, { note: `${person.first} asked about loyalty points` });
  await storeBodies(
    db,
    events().map((event) => event.body),
  );
  const webhooks = await worker.runOnce();
  store.updateCustomer(retailCustomerId, { last_name: person.last });
  const fullPoll = await poll(true);
  const later = store.createSale({ customer_id: retailCustomerId, note: `For ${person.first}` });
  const laterPoll = await poll();
  const reimport = await importStoreExport(db, store);
  await sweepMerge(db, testMergeRules, { all: true });
  return { webhooks, fullPoll, later, laterPoll, reimport };
}
