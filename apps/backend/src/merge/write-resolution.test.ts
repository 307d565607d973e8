// The resolution is written as a diff: re-resolving what is already settled rewrites nothing, and
// a link or identifier that stays keeps when it was first made.
import { testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { SimulatedStore } from "@greenloop/lightspeed-simulator";
import { describe, expect, it } from "vitest";
import { openDatabaseForTest } from "../testing/test-database";
import { inMergeTransaction } from "./merge-changes";
import { resolveCustomers } from "./resolve-customers";
import { canonicalSnapshot } from "./testing/canonical-snapshot";
import { importStoreExport, ingestRetail, testMergeRules } from "./testing/merge-harness";

const cleanup = useTestCleanup();

/** Every link and identity row with the transactions that last wrote it and last locked it. */
async function rowVersions(db: Awaited<ReturnType<typeof openDatabaseForTest>>) {
  // A lock is a write too (an upsert's DO UPDATE … WHERE false locks the row: its xmax).
  return db.prisma.$queryRawUnsafe<Array<{ row: string; xmin: string; xmax: string }>>(
    `SELECT 'link ' || "fromRecord" || ' ' || "toRecord" || ' ' || value AS row,
            xmin::text AS xmin, xmax::text AS xmax
       FROM "CustomerLink"
     UNION ALL
     SELECT 'identity ' || kind || ' ' || "normalizedValue" || ' ' || "customerId", xmin::text,
            xmax::text
       FROM "CustomerIdentity"
     ORDER BY 1`,
  );
}

describe(`writeResolution (${testDatabaseKind})`, () => {
  it("rewrites or locks no link or identity when a settled component is resolved again", async () => {
    const db = await openDatabaseForTest(cleanup);
    const store = new SimulatedStore({
      seed: 8,
      store: { customers: 30, inStoreSales: 40, ecomOrders: 40, months: 2 },
    });
    await ingestRetail(db, { sales: store.sales(), customers: store.customers() });
    await importStoreExport(db, store);
    const before = await rowVersions(db);
    expect(before.filter((r) => r.row.startsWith("link")).length).toBeGreaterThan(10);
    const snapshot = await canonicalSnapshot(db);

    const everyRecord = (await db.prisma.identityRecord.findMany({ select: { key: true } })).map(
      (r) => r.key,
    );
    const result = await inMergeTransaction(db, (tx) =>
      resolveCustomers(tx, { recordKeys: everyRecord, customerIds: [] }, testMergeRules),
    );

    expect(result.recordsResolved).toBe(everyRecord.length);
    expect(await rowVersions(db)).toEqual(before);
    expect(await canonicalSnapshot(db)).toEqual(snapshot);
  });
});
