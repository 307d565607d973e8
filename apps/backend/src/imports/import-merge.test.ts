import { testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { SimulatedStore } from "@greenloop/lightspeed-simulator";
import { parseEcomCsv } from "@greenloop/order-sync/csv";
import { describe, expect, it } from "vitest";
import { createLogger } from "../logger";
import { testMergeRules } from "../merge/testing/merge-harness";
import { openDatabaseForTest } from "../testing/test-database";
import { importEcomOrders } from "./import-ecom-orders";
import { createImportMerge } from "./import-merge";

const cleanup = useTestCleanup();
const logger = createLogger({ level: "silent" });

describe(`createImportMerge (${testDatabaseKind})`, () => {
  it("merges in chunks, and merges what a killed import left unmerged when the next import ends", async () => {
    const db = await openDatabaseForTest(cleanup);
    const store = new SimulatedStore({
      seed: 5,
      store: { customers: 20, inStoreSales: 0, ecomOrders: 30 },
    });
    const csv = store.ecomCsvExport();
    const importFile = (onEcomOrdersChanged?: (numbers: string[]) => Promise<void>) =>
      importEcomOrders({
        db,
        source: parseEcomCsv(csv, { timeZone: store.timeZone }),
        file: { name: "export.csv", sha256: "test", bytes: csv.length },
        format: "auto",
        ...(onEcomOrdersChanged ? { onEcomOrdersChanged } : {}),
      });
    const canonicalEcomOrders = () =>
      db.prisma.order.count({ where: { ecomOrderNumber: { not: null } } });

    // A killed import: the orders are committed, the merge never ran.
    const killed = await importFile();
    expect(killed.ordersCreated).toBe(30);
    expect(await canonicalEcomOrders()).toBe(0);

    // The same file again: every order unchanged, nothing handed over, yet `finish` merges them,
    // in chunks of 5 or as many as merged before, whichever is more: 5, 5, 10, then the last 10
    // (fixed chunks of 5 would be 6 merges, each re-resolving every customer merged before).
    const merge = createImportMerge({ db, rules: testMergeRules, logger, chunkOrders: 5 });
    const again = await importFile(merge.onEcomOrdersChanged);
    expect(again.ordersUnchanged).toBe(30);
    await merge.finish();
    expect(merge.merges()).toBe(4);
    expect(await canonicalEcomOrders()).toBe(30);

    // Nothing is left over: a further finish merges nothing.
    const next = createImportMerge({ db, rules: testMergeRules, logger });
    await next.finish();
    expect(next.merges()).toBe(0);
  });
});
