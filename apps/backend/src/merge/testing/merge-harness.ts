// Feeds a simulated store into a real database the way production does (mirror writes, eCom CSV
// import) and runs the merge over what changed, for the merge tests.
import type { Database } from "@greenloop/db";
import { SimulatedStore } from "@greenloop/lightspeed-simulator";
import { parseEcomCsv } from "@greenloop/order-sync/csv";
import {
  type Customer,
  customerSchema,
  type Sale,
  saleSchema,
} from "@greenloop/order-sync/lightspeed";
import { importEcomOrders } from "../../imports/import-ecom-orders";
import { writeRetailCustomers, writeRetailSales } from "../../ingestion/retail-mirror";
import { parsed } from "../../ingestion/testing/parsed-record";
import { type MergeResult, mergeChanges } from "../merge-changes";
import { createMergeRules, type MergeRules } from "../merge-rules";

export const testMergeRules: MergeRules = createMergeRules();

/** A store with nothing in it yet: each test adds the records it is about. */
export function emptyStore(seed = 11): SimulatedStore {
  return new SimulatedStore({ seed, store: { customers: 0, inStoreSales: 0, ecomOrders: 0 } });
}

/** Mirrors these X-Series records (as a poll or webhook would) and merges what changed. */
export async function ingestRetail(
  db: Database,
  records: { sales?: object[]; customers?: object[] },
  rules: MergeRules = testMergeRules,
): Promise<MergeResult> {
  const sales = (records.sales ?? []).map((sale) => parsed<Sale>(saleSchema, sale));
  const customers = (records.customers ?? []).map((c) => parsed<Customer>(customerSchema, c));
  const writtenCustomers = await writeRetailCustomers(db.prisma, customers);
  const writtenSales = await writeRetailSales(db.prisma, sales);
  return mergeChanges(
    db,
    {
      saleIds: [...writtenSales.inserted, ...writtenSales.updated],
      retailCustomerIds: [...writtenCustomers.inserted, ...writtenCustomers.updated],
    },
    rules,
  );
}

/** Imports the store's eCom CSV export, merging each committed batch (the import workflow merges larger chunks, imports/import-merge.ts: same result). */
export async function importStoreExport(
  db: Database,
  store: SimulatedStore,
  rules: MergeRules = testMergeRules,
) {
  const csv = store.ecomCsvExport();
  return importEcomOrders({
    db,
    source: parseEcomCsv(csv, { timeZone: store.timeZone }),
    file: { name: "export.csv", sha256: "test", bytes: csv.length },
    format: "auto",
    onEcomOrdersChanged: async (orderNumbers) => {
      await mergeChanges(db, { ecomOrderNumbers: orderNumbers }, rules);
    },
  });
}
