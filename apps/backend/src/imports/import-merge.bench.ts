// End-to-end eCom import as the store owner runs it (`pnpm cli import-ecom`): a generated 20k-order
// E-Series export streamed through the parser into EcomOrder, the merge (canonical orders and
// customers), then the analytics once. The current way (merge after each committed batch) against
// the import's deferred merge, on the database under test (PGlite in memory, or PostgreSQL with
// DATABASE_URL), each on a fresh database; both must end in the same canonical state. The floor:
// the same export imported with no merge, then merged set-based in SQL (`merge-floor.ts` says what
// it covers). Prints one `import-merge {…}` line per measure; Vitest's own table is not the measure.

import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { openTestDatabase, testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { defaultAnalyticsConfig } from "@greenloop/order-sync/analytics";
import { bench, describe } from "vitest";
import { mergeChanges } from "../merge/merge-changes";
import { createMergeRules } from "../merge/merge-rules";
import { type CanonicalSnapshot, canonicalSnapshot } from "../merge/testing/canonical-snapshot";
import { runMergeFloor } from "../merge/testing/merge-floor";
import { createImportMerge } from "./import-merge";
import { recomputeAfterImport } from "./run-ecom-import";
import { importGeneratedExport, writeGeneratedExport } from "./testing/generated-export";

// IMPORT_MERGE_BENCH_ORDERS: another export size (the figures in BENCHMARKS.md use 20k).
const ORDERS = Number(process.env.IMPORT_MERGE_BENCH_ORDERS ?? 20_000);
const cleanup = useTestCleanup();
const rules = createMergeRules();
const logger = { debug() {}, warn() {} };

type Approach = "per batch (current)" | "deferred (ours)";

let exportFile: Promise<{ file: string; bytes: number }> | undefined;
const theExport = () => {
  exportFile ??= (async () => {
    const file = path.join(cleanup.tempDir("import-merge-bench-"), "export.csv");
    const { bytes } = await writeGeneratedExport(file, ORDERS);
    return { file, bytes };
  })();
  return exportFile;
};

const snapshots = new Map<Approach, CanonicalSnapshot>();
let floorSeconds: number | undefined;

/** The export imported with no merge, then the set-based floor of the merge on it. */
async function measureFloor(): Promise<void> {
  const { file, bytes } = await theExport();
  const db = await openTestDatabase();
  try {
    await importGeneratedExport({ path: file, bytes }, { db });
    const floor = await db.bulkTransaction(runMergeFloor);
    floorSeconds = floor.seconds;
    report({
      approach: "set-based SQL floor",
      orders: floor.orders,
      mergeSeconds: Number(floor.seconds.toFixed(2)),
      labelRounds: floor.rounds,
      customers: floor.customers,
    });
  } finally {
    await db.close();
  }
}

async function measure(approach: Approach): Promise<void> {
  const { file, bytes } = await theExport();
  const db = await openTestDatabase();
  try {
    let mergeMs = 0;
    let merges = 0;
    const timed =
      (merge: (orderNumbers: string[]) => Promise<void>) => async (orderNumbers: string[]) => {
        const started = performance.now();
        await merge(orderNumbers);
        mergeMs += performance.now() - started;
        merges += 1;
      };
    const mergeEachBatch = async (orderNumbers: string[]) => {
      await mergeChanges(db, { ecomOrderNumbers: orderNumbers }, rules);
    };
    const deferred = createImportMerge({ db, rules, logger });
    const started = performance.now();
    const cpu = process.cpuUsage();
    const result = await importGeneratedExport(
      { path: file, bytes },
      {
        db,
        onEcomOrdersChanged: timed(
          approach === "per batch (current)" ? mergeEachBatch : deferred.onEcomOrdersChanged,
        ),
      },
    );
    if (approach === "deferred (ours)") {
      const flushStarted = performance.now();
      await deferred.finish();
      mergeMs += performance.now() - flushStarted;
      merges = deferred.merges();
    }
    const importedAt = performance.now();
    const analytics = await recomputeAfterImport(db, {
      config: defaultAnalyticsConfig,
      ordersChanged: result.ordersCreated + result.ordersUpdated,
    });
    const ended = performance.now();
    const { user, system } = process.cpuUsage(cpu);
    const seconds = (ended - started) / 1000;
    const [canonical] = await Promise.all([
      canonicalSnapshot(db),
      // Nothing left for the sweep: every imported order has its canonical order.
      db.prisma.order.count(),
    ]);
    snapshots.set(approach, canonical);
    const [current, ours] = [
      snapshots.get("per batch (current)"),
      snapshots.get("deferred (ours)"),
    ];
    const orders = result.ordersCreated + result.ordersUpdated + result.ordersUnchanged;
    report({
      approach,
      orders,
      rows: result.rowsRead,
      seconds: Number(seconds.toFixed(1)),
      ordersPerSecond: Math.round(orders / seconds),
      parseWriteSeconds: Number(((importedAt - started - mergeMs) / 1000).toFixed(1)),
      mergeSeconds: Number((mergeMs / 1000).toFixed(1)),
      merges,
      analyticsSeconds: Number(((ended - importedAt) / 1000).toFixed(1)),
      analyticsCustomers: analytics.customers,
      canonicalOrders: canonical.orders.length,
      canonicalCustomers: canonical.customers.length,
      ...(current && ours ? { sameCanonicalState: isDeepStrictEqual(current, ours) } : {}),
      ...(floorSeconds ? { mergeVsFloor: Number((mergeMs / 1000 / floorSeconds).toFixed(2)) } : {}),
      cpuSeconds: Number(((user + system) / 1e6).toFixed(1)),
    });
  } finally {
    await db.close();
  }
}

function report(figures: Record<string, unknown>) {
  process.stdout.write(
    `\nimport-merge ${JSON.stringify({ database: testDatabaseKind, ...figures })}\n`,
  );
}

const runs = new Map<string, Promise<void>>();
const measureOnce = (name: Approach) => {
  let run = runs.get(name);
  if (!run) {
    run = measure(name);
    runs.set(name, run);
  }
  return run;
};
const once = { iterations: 1, warmupIterations: 0, time: 0, warmupTime: 0 };

describe(`eCom import with merge and analytics, ${ORDERS.toLocaleString("en-US")} orders (${testDatabaseKind})`, () => {
  // First, so the other measures can report their merge against it.
  let floor: Promise<void> | undefined;
  bench(
    "the merge's set-based SQL floor",
    () => {
      floor ??= measureFloor();
      return floor;
    },
    once,
  );
  bench(
    "merge after each committed batch (current)",
    () => measureOnce("per batch (current)"),
    once,
  );
  bench(
    "merge deferred to the end of the import (ours)",
    () => measureOnce("deferred (ours)"),
    once,
  );
});
