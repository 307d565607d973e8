// The merge hand-off of an eCom import: the order numbers of each committed batch are collected and
// merged in large chunks (every MERGE_CHUNK_ORDERS orders, and what is left when the import ends)
// instead of one merge per batch. Merging is idempotent and its result does not depend on how the
// changes are batched (merge/order-independence.test.ts), so only the time changes. Orders
// committed but not merged yet are in EcomOrder with a fresh `updatedAt`: if the process dies before
// `finish`, the scheduled merge sweep (merge/merge-sweep.ts) merges them, and `finish` of the next
// import does too (re-importing the same file finds them unchanged and hands nothing over, so
// `finish` also merges every imported order that has no canonical order yet).
import type { Database } from "@greenloop/db";
import type { Logger } from "../logger";
import { type MergeResult, mergeChanges } from "../merge/merge-changes";
import type { MergeRules } from "../merge/merge-rules";
import type { OnEcomOrdersChanged } from "./ecom-orders-changed";

/** Orders merged at once: bounds what a crash leaves to the sweep, and one merge's transaction. */
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
  const mergePending = async () => {
    const orderNumbers = [...pending];
    pending = new Set();
    for (let start = 0; start < orderNumbers.length; start += chunkOrders) {
      const chunk = orderNumbers.slice(start, start + chunkOrders);
      const result: MergeResult = await mergeChanges(db, { ecomOrderNumbers: chunk }, rules);
      merges += 1;
      logger.debug({ ...result }, "merged eCom orders");
    }
  };
  return {
    // A failure here reaches importEcomOrders, which counts it (onEcomOrdersChangedFailures).
    async onEcomOrdersChanged(orderNumbers) {
      for (const number of orderNumbers) pending.add(number);
      if (pending.size >= chunkOrders) await mergePending();
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
