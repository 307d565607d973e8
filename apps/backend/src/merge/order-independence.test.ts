// Property: the same records, arriving in any order and in any batches (webhooks one at a time,
// poll pages, CSV import batches, interleaved), end in the same canonical customers and orders.
import type { Database } from "@greenloop/db";
import { openTestDatabase, testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { SimulatedStore } from "@greenloop/lightspeed-simulator";
import { type ParsedEcomOrder, parseEcomCsv } from "@greenloop/order-sync/csv";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importEcomOrders } from "../imports/import-ecom-orders";
import { mergeChanges } from "./merge-changes";
import { canonicalSnapshot } from "./testing/canonical-snapshot";
import { ingestRetail, testMergeRules } from "./testing/merge-harness";

const cleanup = useTestCleanup();

type Arrival =
  | { kind: "customer"; record: object }
  | { kind: "sale"; record: object }
  | { kind: "ecom"; order: ParsedEcomOrder };

async function buildStore() {
  const store = new SimulatedStore({
    seed: 13,
    store: { customers: 12, inStoreSales: 14, ecomOrders: 14, months: 1 },
  });
  // Messy identities on purpose: a family email, an email-only/phone-only pair and its bridge.
  const mom = store.createCustomer({
    first_name: "A",
    email: "fam@example.com",
    mobile: "6155550101",
  });
  const son = store.createCustomer({
    first_name: "B",
    email: "fam@example.com",
    mobile: "6155550102",
  });
  const emailOnly = store.createCustomer({ first_name: "C", email: "c@example.com" });
  const phoneOnly = store.createCustomer({ first_name: "C", phone: "615 555 0103" });
  for (const c of [mom, son, emailOnly, phoneOnly]) store.createSale({ customer_id: c.id });
  store.placeEcomOrder({ email: "c@example.com", phoneDigits: "6155550103" });
  store.placeEcomOrder({ email: "fam@example.com", phoneDigits: "6155550102" });
  store.advanceClock(2 * 86_400_000);
  store.syncPendingEcomOrders();
  const ecom: ParsedEcomOrder[] = [];
  for await (const batch of parseEcomCsv(store.ecomCsvExport(), { timeZone: store.timeZone })) {
    ecom.push(...batch.orders);
  }
  const arrivals: Arrival[] = [
    ...store.customers().map((record) => ({ kind: "customer" as const, record })),
    ...store.sales().map((record) => ({ kind: "sale" as const, record })),
    ...ecom.map((order) => ({ kind: "ecom" as const, order })),
  ];
  return arrivals;
}

async function apply(db: Database, batches: Arrival[][]): Promise<void> {
  for (const batch of batches) {
    const customers = batch.flatMap((a) => (a.kind === "customer" ? [a.record] : []));
    const sales = batch.flatMap((a) => (a.kind === "sale" ? [a.record] : []));
    const orders = batch.flatMap((a) => (a.kind === "ecom" ? [a.order] : []));
    if (customers.length + sales.length > 0) await ingestRetail(db, { customers, sales });
    if (orders.length > 0) {
      await importEcomOrders({
        db,
        source: (async function* () {
          yield { orders, rejected: [], rowsRead: orders.length, rowsRejected: 0 };
        })(),
        file: { name: "part.csv", sha256: "test", bytes: 0 },
        format: "ecwid",
        onEcomOrdersChanged: async (numbers) => {
          await mergeChanges(db, { ecomOrderNumbers: numbers }, testMergeRules);
        },
      });
    }
  }
}

function batchesOf<T>(items: T[], cuts: number[]): T[][] {
  const points = [...new Set(cuts.map((c) => c % (items.length + 1)))].sort((a, b) => a - b);
  const batches: T[][] = [];
  let start = 0;
  for (const point of [...points, items.length]) {
    if (point > start) batches.push(items.slice(start, point));
    start = Math.max(start, point);
  }
  return batches;
}

describe(`merge order independence (${testDatabaseKind})`, () => {
  it("yields identical customers and orders for any arrival order and batching", async () => {
    const arrivals = await buildStore();
    const reference = await openTestDatabase();
    cleanup.defer(() => reference.close());
    await apply(reference, [arrivals]);
    const expected = await canonicalSnapshot(reference);
    expect(expected.customers.length).toBeGreaterThan(10);
    expect(expected.flagged).toContain("EMAIL:fam@example.com:shared");

    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray(arrivals, { minLength: arrivals.length }),
        fc.array(fc.nat(), { maxLength: 12 }),
        async (order, cuts) => {
          const db = await openTestDatabase();
          try {
            await apply(db, batchesOf(order, cuts));
            expect(await canonicalSnapshot(db)).toEqual(expected);
          } finally {
            await db.close();
          }
        },
      ),
      { numRuns: 6, seed: 20261124 },
    );
  });
});
