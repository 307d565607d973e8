// `pnpm cli sync [--full]`: one X-Series poll now, under the same lock as the scheduled poll, then
// one poll of the catalog (products, brands, categories) under the catalog poll's lock.
import { DomainError } from "@greenloop/order-sync/errors";
import { openDatabaseFromEnv } from "../../database";
import { type PollCatalogResult, pollCatalog } from "../../ingestion/polling/poll-catalog";
import {
  type PollProgress,
  type PollRetailResult,
  pollRetail,
  type ResourcePollResult,
} from "../../ingestion/polling/poll-retail";
import { createRetailChangeHandler } from "../../ingestion/retail-change-handler";
import { createLightspeedClientFromEnv } from "../../lightspeed";
import { jobLockKeys } from "../../scheduler/job-lock-keys";
import type { CliCommand } from "../command";
import { commandHelp } from "../command-help";

export const syncCommand: CliCommand = {
  ...commandHelp.sync,
  options: { full: { type: "boolean" } },
  async run({ env, logger, values, json, say, shutdown }) {
    const started = performance.now();
    // Configuration first: a missing token fails before the database is touched.
    const client = createLightspeedClientFromEnv(env, logger);
    const db = await openDatabaseFromEnv(env, logger);
    try {
      const { applied } = await db.migrate();
      if (applied.length > 0) logger.info({ applied }, "applied migrations");
      const full = values.full === true;
      if (full) say("Re-reading everything from version 0 (--full)…");

      // stderr, not stdout: the progress is not part of the command's output.
      const progress = json
        ? undefined
        : createProgressLine({ say, tty: process.stderr.isTTY ? process.stderr : undefined });
      let outcome: { acquired: true; result: PollRetailResult } | { acquired: false };
      try {
        outcome = await db.withJobLock(jobLockKeys.poll, () =>
          pollRetail({
            db,
            client,
            full,
            trigger: "cli",
            signal: shutdown,
            logger,
            onProgress: progress?.update,
            onRetailChanges: createRetailChangeHandler({ db, env, logger, trigger: "sync" }),
          }),
        );
      } finally {
        progress?.end();
      }
      if (!outcome.acquired) {
        throw new DomainError(
          "CONFLICT",
          "Another sync is running (a `pnpm cli sync` or the server's scheduled poll); nothing was done. " +
            "Try again when it has finished.",
        );
      }
      const catalog = await db
        .withJobLock(jobLockKeys.catalogPoll, () =>
          pollCatalog({
            db,
            client,
            full,
            trigger: "cli",
            signal: shutdown,
            logger,
            onProgress: progress?.update,
          }),
        )
        .finally(() => progress?.end());
      if (!catalog.acquired) {
        throw new DomainError(
          "CONFLICT",
          "Sales and customers are synced, but another catalog poll is running (the server's " +
            "scheduled one); the catalog was not read. Try again when it has finished.",
        );
      }
      const result = outcome.result;
      const { sales, customers } = result.resources;
      const { products, brands, productCategories } = catalog.result.resources;
      if (result.interrupted || catalog.result.interrupted) {
        throw new DomainError(
          "UNAVAILABLE",
          `Sync stopped (${String(shutdown.reason)}) before it finished. What was read is saved ` +
            `(sales cursor ${sales.cursor}, customers cursor ${customers.cursor}); ` +
            "run `pnpm cli sync` again to continue.",
        );
      }
      const failed = [customers, sales, productCategories, brands, products].filter(
        (resource) => resource.status === "failed",
      );
      const [firstFailure] = failed;
      if (firstFailure?.error) {
        throw new DomainError(
          firstFailure.error.code,
          failed
            .map(
              (resource) =>
                `Sync of ${resource.resource} failed after ${resource.pages} page(s): ${resource.error?.message.replace(/\.$/, "")}.`,
            )
            .join(" ") +
            " What was read is saved; run `pnpm cli sync` again to continue from there.",
        );
      }

      const durationMs = Math.round(performance.now() - started);
      return {
        json: {
          sales: jsonCounts(sales),
          customers: jsonCounts(customers),
          ...catalogJson(catalog.result),
          durationMs,
        },
        summary: [
          `Synced from Lightspeed in ${(durationMs / 1000).toFixed(1)} s${full ? " (full re-read)" : ""}:`,
          summaryLine(sales),
          summaryLine(customers),
          summaryLine(productCategories),
          summaryLine(brands),
          summaryLine(products),
        ].join("\n"),
      };
    } finally {
      await db.close();
    }
  },
};

function jsonCounts({ pages, records, cursor }: ResourcePollResult) {
  return { pages, records, cursor };
}

/** The catalog's keys in `--json`, beside `sales` and `customers`. */
function catalogJson({ resources }: PollCatalogResult) {
  return {
    productCategories: jsonCounts(resources.productCategories),
    brands: jsonCounts(resources.brands),
    products: jsonCounts(resources.products),
  };
}

function summaryLine(result: ResourcePollResult): string {
  const { resource, pages, records, inserted, updated, unchanged, errors, cursor } = result;
  const malformed =
    errors > 0 ? `; ${errors} malformed record(s) skipped (ids in the log and in JobRun)` : "";
  return (
    `  ${resource.padEnd(9)}  ${pages} page(s), ${records} record(s): ${inserted} new, ` +
    `${updated} updated, ${unchanged} unchanged; cursor ${cursor}${malformed}`
  );
}

/**
 * One progress line per page: rewritten in place on a terminal, plain lines (through `say`)
 * otherwise, so logs and pipes get something readable.
 */
export function createProgressLine(options: {
  say: (line: string) => void;
  tty: { write(text: string): unknown } | undefined;
}) {
  const { say, tty } = options;
  let current: string | undefined;
  return {
    update(progress: PollProgress) {
      const malformed = progress.errors > 0 ? `, ${progress.errors} malformed` : "";
      const line = `${progress.resource}: ${progress.pages} page(s), ${progress.records} record(s)${malformed}, cursor ${progress.cursor}`;
      if (!tty) {
        say(line);
        return;
      }
      // Keep each resource's last line; overwrite the lines of the same resource.
      if (current !== undefined && current !== progress.resource) tty.write("\n");
      tty.write(`\r\x1b[2K${line}`);
      current = progress.resource;
    },
    end() {
      if (tty && current !== undefined) tty.write("\n");
      current = undefined;
    },
  };
}
