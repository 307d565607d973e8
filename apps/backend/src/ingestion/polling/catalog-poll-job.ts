// The scheduled X-Series catalog poll: every SYNC_INTERVAL, and once right after start-up, so the
// analytics have the products, brands and categories that sales and eCom items name.
import type { Database } from "@greenloop/db";
import { jobLockKeys } from "../../scheduler/job-lock-keys";
import type { ScheduledJob } from "../../scheduler/scheduled-job";
import { type CatalogClient, pollCatalog } from "./poll-catalog";

export interface CreateCatalogPollJobOptions {
  db: Pick<Database, "prisma">;
  client: CatalogClient;
  /** `env.syncIntervalMs`. */
  syncIntervalMs: number;
  /** The clock runs are stamped with (see `PollResourceOptions.now`). */
  now?: () => Date;
}

/**
 * Each run polls product categories, brands and products (see `pollCatalog`), records one
 * `JobRun` per resource (`poll.productCategories`, `poll.brands`, `poll.products`) and resolves
 * with the `PollCatalogResult`; a failure is recorded there, and the next tick resumes.
 */
export function createCatalogPollJob(options: CreateCatalogPollJobOptions): ScheduledJob {
  return {
    name: "poll-catalog",
    lockKey: jobLockKeys.catalogPoll,
    schedule: { everyMs: options.syncIntervalMs, runAtStart: true },
    run: ({ trigger, signal, logger }) =>
      pollCatalog({
        db: options.db,
        client: options.client,
        trigger,
        signal,
        logger,
        ...(options.now ? { now: options.now } : {}),
      }),
  };
}
