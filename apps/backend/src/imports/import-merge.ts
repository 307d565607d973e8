// The merge hand-off of an eCom import: the order numbers of each committed batch are collected and
// merged in large chunks (every MERGE_CHUNK_ORDERS orders, and what is left when the import ends)
// instead of one merge per batch. Merging is idempotent and its result does not depend on how the
// changes are batched (merge/order-independence.test.ts), so only the time changes. Orders
// committed but not merged yet are in EcomOrder with a fresh `updatedAt`: if the process dies before
// `finish`, the scheduled merge sweep (merge/merge-sweep.ts) merges them, as it would after a crash
// between a batch's commit and its merge call.
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
  db: Pick<Database, "prisma">;
  rules: MergeRules;
  logger: Pick<Logger, "debug" | "warn">;
  chunkOrders?: number;
}): ImportMerge {
  const { db, rules, logger } = options;
  const chunkOrders = options.chunkOrders ?? MERGE_CHUNK_ORDERS;
  let pending = new Set<string>();
  let merges = 0;
  const mergePending = async () => {
    if (pending.size === 0) return;
    const orderNumbers = [...pending];
    pending = new Set();
    const result: MergeResult = await mergeChanges(db, { ecomOrderNumbers: orderNumbers }, rules);
    merges += 1;
    logger.debug({ ...result }, "merged eCom orders");
  };
  return {
    // A failure here reaches importEcomOrders, which counts it (onEcomOrdersChangedFailures).
    async onEcomOrdersChanged(orderNumbers) {
      for (const number of orderNumbers) pending.add(number);
      if (pending.size >= chunkOrders) await mergePending();
    },
    async finish() {
      try {
        await mergePending();
      } catch (err) {
        logger.warn({ err }, "merging the imported eCom orders failed; the merge sweep will");
      }
    },
    merges: () => merges,
  };
}
