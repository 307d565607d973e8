// Connects the ingestion paths to the merge: the webhook worker and the poller hand over the mirror
// rows they changed, the eCom import the order numbers it created or changed. A failure is logged
// and thrown back (the caller counts it); the scheduled sweep merges anything missed.
import type { Database } from "@greenloop/db";
import type { OnEcomOrdersChanged } from "../imports/ecom-orders-changed";
import type { OnRetailChanges } from "../ingestion/retail-changes";
import type { Logger } from "../logger";
import { type MergeResult, mergeChanges } from "./merge-changes";
import type { MergeRules } from "./merge-rules";

export interface MergeSeams {
  onRetailChanges: OnRetailChanges;
  onEcomOrdersChanged: OnEcomOrdersChanged;
}

export function createMergeSeams(options: {
  db: Pick<Database, "prisma">;
  rules: MergeRules;
  logger: Pick<Logger, "debug">;
  /** What runs after each merge that touched customers (the incremental analytics). */
  afterMerge?: () => Promise<unknown>;
}): MergeSeams {
  const { db, rules, logger, afterMerge } = options;
  const merged = async (result: MergeResult, what: string) => {
    logger.debug({ ...result }, what);
    if (afterMerge && (result.customersTouched > 0 || result.ordersChanged > 0)) await afterMerge();
  };
  return {
    async onRetailChanges(changes) {
      const result = await mergeChanges(
        db,
        { saleIds: changes.sales, retailCustomerIds: changes.customers },
        rules,
      );
      await merged(result, "merged retail changes");
    },
    async onEcomOrdersChanged(orderNumbers) {
      await merged(
        await mergeChanges(db, { ecomOrderNumbers: orderNumbers }, rules),
        "merged eCom orders",
      );
    },
  };
}
