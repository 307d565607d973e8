// The merge hand-off of an eCom import: the order numbers of each committed batch are collected and
// merged in large chunks (what is left is merged when the import ends) instead of one merge per
// batch. The chunks grow: a merge waits for MERGE_CHUNK_ORDERS orders or as many as were merged
// before it, whichever is more (20k, 20k, 40k, 80k…). Each merge re-resolves the customers its
// orders touch with all their records, and an export lists every customer's orders all through
// the file, so fixed chunks re-resolved the whole store each time (quadratic); growing ones
// re-resolve it a logarithmic number of times, about twice the import in all.
//
// Merging is idempotent and its result does not depend on how the changes are batched
// (merge/order-independence.test.ts), so only the time changes. Orders committed but not merged
// yet are in EcomOrder with a fresh `updatedAt`: if the process dies before `finish`, the scheduled
// merge sweep (merge/merge-sweep.ts) merges them, and `finish` of the next import does too
// (re-importing the same file finds them unchanged and hands nothing over, so `finish` also merges
// every imported order that has no canonical order yet).
import type { Database } from "@greenloop/db";
import type { Logger } from "../logger";
import { type MergeResult, mergeChanges } from "../merge/merge-changes";
import type { MergeRules } from "../merge/merge-rules";
import type { OnEcomOrdersChanged } from "./ecom-orders-changed";

/**
 * The smallest chunk merged at once. The merged orders can be seen while the import runs; what a
 * crash leaves to the sweep is at most this or half of what was imported, whichever is more.
 */
export const MERGE_CHUNK_ORDERS = 20_000;

export interface ImportMerge {
  /** Hand to importEcomOrders: collects the batch's order numbers, merges once enough are in. */
  onEcomOrdersChanged: OnEcomOrdersChanged;
  /**
   * Merges what is still collected; call when the import ends, however it ends. Never throws: a
   * failed merge is logged and left to the sweep, like a failed per-batch merge was.
   */
  finish(): Promise<void>;
  /** Merges run so far. */
  merges(): number;
}

export function createImportMerge(options: {
  db: Pick<Database, "prisma" | "bulkTransaction">;
  rules: MergeRules;
  logger: Pick<Logger, "debug" | "warn">;
  chunkOrders?: number;
}): ImportMerge {
  const { db, rules, logger } = options;
  const chunkOrders = options.chunkOrders ?? MERGE_CHUNK_ORDERS;
  let pending = new Set<string>();
  let merges = 0;
  let merged = 0;
  const nextChunk = () => Math.max(chunkOrders, merged);
  const mergePending = async () => {
    const orderNumbers = [...pending];
    pending = new Set();
    for (let start = 0; start < orderNumbers.length; ) {
      const chunk = orderNumbers.slice(start, start + nextChunk());
      const result: MergeResult = await mergeChanges(db, { ecomOrderNumbers: chunk }, rules);
      start += chunk.length;
      merged += chunk.length;
      merges += 1;
      logger.debug({ ...result }, "merged eCom orders");
    }
  };
  return {
    // A failure here reaches importEcomOrders, which counts it (onEcomOrdersChangedFailures).
    async onEcomOrdersChanged(orderNumbers) {
      for (const number of orderNumbers) pending.add(number);
      if (pending.size >= nextChunk()) await mergePending();
    },
    async finish() {
      try {
        for (const number of await strandedEcomOrders(db)) pending.add(number);
        await mergePending();
      } catch (err) {
        logger.warn({ err }, "merging the imported eCom orders failed; the merge sweep will");
      }
    },
    merges: () => merges,
  };
}

/**
 * Imported eCom orders that no merge has turned into a canonical order yet (every merged one has
 * its `Order` row, cancelled ones included): what a killed import left behind.
 */
async function strandedEcomOrders(db: Pick<Database, "prisma">): Promise<string[]> {
  const rows = await db.prisma.$queryRaw<Array<{ orderNumber: string }>>`
    SELECT e."orderNumber" FROM "EcomOrder" e
    WHERE NOT EXISTS (SELECT 1 FROM "Order" o WHERE o."ecomOrderNumber" = e."orderNumber")`;
  return rows.map((row) => row.orderNumber);
}
