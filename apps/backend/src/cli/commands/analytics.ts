// `pnpm cli analytics [--full]`: recompute the customer analytics now. Without --full, the
// customers the merge marked dirty; with it, everyone, refitting the RFM and CLV models.
// `pnpm cli analytics holdout [--weeks N]` tests the predictions instead (analytics-holdout.ts).
import { DomainError } from "@greenloop/order-sync/errors";
import { recomputeAllCustomers } from "../../analytics/recompute-analytics";
import { recomputeAllDirty } from "../../analytics/recompute-dirty";
import { openDatabaseFromEnv } from "../../database";
import { jobLockKeys } from "../../scheduler/job-lock-keys";
import type { CliCommand } from "../command";
import { commandHelp } from "../command-help";
import { runHoldoutCommand } from "./analytics-holdout";

export const analyticsCommand: CliCommand = {
  ...commandHelp.analytics,
  options: { full: { type: "boolean" }, weeks: { type: "string" } },
  async run(context) {
    const { env, logger, values, say, shutdown, positionals } = context;
    const [action, ...rest] = positionals;
    if (action === "holdout" && rest.length === 0) {
      if (values.full)
        throw new DomainError("BAD_INPUT", "--full is for analytics, not analytics holdout");
      return runHoldoutCommand(context);
    }
    if (positionals.length > 0) {
      throw new DomainError(
        "BAD_INPUT",
        `Unknown analytics action "${positionals.join(" ")}". Usage: pnpm cli ${analyticsCommand.usage}`,
      );
    }
    if (values.weeks !== undefined) {
      throw new DomainError("BAD_INPUT", "--weeks is for analytics holdout");
    }
    const db = await openDatabaseFromEnv(env, logger);
    try {
      await db.migrate();
      const full = values.full === true;
      let run: Awaited<ReturnType<typeof recomputeAllCustomers>>;
      if (full) {
        say("Recomputing every customer and refitting the models (--full)…");
        const outcome = await db.withJobLock(jobLockKeys.analytics, () =>
          recomputeAllCustomers(db, {
            config: env.analytics.config,
            refit: true,
            trigger: "cli",
            signal: shutdown,
            logger,
          }),
        );
        if (!outcome.acquired) {
          throw new DomainError(
            "CONFLICT",
            "A full analytics run is already running; nothing was done.",
          );
        }
        run = outcome.result;
      } else {
        run = await recomputeAllDirty(db, {
          config: env.analytics.config,
          trigger: "cli",
          signal: shutdown,
        });
      }
      const { bgNbd, gammaGamma } = run.models;
      return {
        json: { ...run, asOf: run.asOf.toISOString() },
        summary: [
          `${run.mode === "full" ? "Full run" : "Incremental run"}: ${run.customers} customer(s), ${run.orders} order(s) in ${run.durationMs} ms (as of ${run.asOf.toISOString()}).`,
          bgNbd
            ? `BG/NBD r=${bgNbd.r.toFixed(3)} α=${bgNbd.alpha.toFixed(3)} a=${bgNbd.a.toFixed(3)} b=${bgNbd.b.toFixed(3)}${run.modelsFitted ? " (refitted)" : ""}`
            : "BG/NBD: not fitted yet (run with --full once there are repeat customers).",
          gammaGamma
            ? `Gamma-Gamma p=${gammaGamma.p.toFixed(3)} q=${gammaGamma.q.toFixed(3)} v=${gammaGamma.v.toFixed(3)}`
            : "Gamma-Gamma: not fitted yet.",
        ].join("\n"),
      };
    } finally {
      await db.close();
    }
  },
};
