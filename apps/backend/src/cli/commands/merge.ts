// `pnpm cli merge [--all]`: run the merge now over what changed since the last sweep (or over
// everything: after changing the merge settings, or to rebuild customers from the mirrors).
import { DomainError } from "@greenloop/order-sync/errors";
import { openDatabaseFromEnv } from "../../database";
import { createMergeRules } from "../../merge/merge-rules";
import { sweepMerge } from "../../merge/merge-sweep";
import { jobLockKeys } from "../../scheduler/job-lock-keys";
import type { CliCommand } from "../command";
import { commandHelp } from "../command-help";

export const mergeCommand: CliCommand = {
  ...commandHelp.merge,
  options: { all: { type: "boolean" } },
  async run({ env, logger, values, say, shutdown }) {
    const db = await openDatabaseFromEnv(env, logger);
    try {
      await db.migrate();
      const all = values.all === true;
      if (all) say("Re-merging everything (--all)…");
      const outcome = await db.withJobLock(jobLockKeys.mergeSweep, () =>
        sweepMerge(db, createMergeRules(env.merge), { all, signal: shutdown }),
      );
      if (!outcome.acquired) {
        throw new DomainError("CONFLICT", "Another merge sweep is running; nothing was done.");
      }
      const r = outcome.result;
      return {
        json: { all, ...r, since: r.since?.toISOString() ?? null },
        summary:
          `Merged ${r.sales} sale(s), ${r.retailCustomers} X-Series customer(s) and ${r.ecomOrders} eCom order(s)` +
          `${r.since ? ` changed since ${r.since.toISOString()}` : ""}: ${r.ordersChanged} order(s) changed, ` +
          `${r.customersCreated} customer(s) created, ${r.customersMerged} merged.`,
      };
    } finally {
      await db.close();
    }
  },
};
