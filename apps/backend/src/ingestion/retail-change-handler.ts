// What follows a change to the X-Series mirror, wherever it came from (the webhook worker, the
// scheduled poll, `pnpm cli sync`): the merge re-examines the changed rows, then the analytics of
// the customers it touched. The one handler all three use. A failure is logged and thrown back
// (the caller counts it); the scheduled merge sweep merges anything missed.
import type { Database } from "@greenloop/db";
import { recomputeAllDirty } from "../analytics/recompute-dirty";
import type { Env } from "../env";
import type { Logger } from "../logger";
import { type MergeResult, mergeChanges } from "../merge/merge-changes";
import { createMergeRules, type MergeRules } from "../merge/merge-rules";
import type { OnRetailChanges, RetailChanges } from "./retail-changes";

export function createRetailChangeHandler(options: {
  db: Pick<Database, "prisma">;
  env: Pick<Env, "merge" | "analytics">;
  logger: Pick<Logger, "debug">;
  /** Recorded on the analytics run (`JobRun.trigger`): "merge" in the server, "sync" in the CLI. */
  trigger: string;
}): OnRetailChanges {
  const { db, env, logger, trigger } = options;
  const rules = createMergeRules(env.merge);
  return async (changes) => {
    const result = await mergeRetailChanges(db, changes, rules);
    logger.debug({ ...result }, "merged retail changes");
    if (result.customersTouched > 0 || result.ordersChanged > 0) {
      await recomputeAllDirty(db, { config: env.analytics.config, trigger });
    }
  };
}

/** The merge step alone, for the mirror rows that changed. */
export function mergeRetailChanges(
  db: Pick<Database, "prisma">,
  changes: RetailChanges,
  rules: MergeRules,
): Promise<MergeResult> {
  return mergeChanges(db, { saleIds: changes.sales, retailCustomerIds: changes.customers }, rules);
}
