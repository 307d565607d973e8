// The scheduled X-Series poll: every SYNC_INTERVAL, and once right after start-up to catch up on
// what changed while the server was down.
import type { Database } from "@greenloop/db";
import type { LightspeedClient } from "@greenloop/order-sync/lightspeed";
import { jobLockKeys } from "../../scheduler/job-lock-keys";
import type { ScheduledJob } from "../../scheduler/scheduled-job";
import type { OnRetailChanges } from "../retail-changes";
import { pollRetail } from "./poll-retail";

export interface CreatePollJobOptions {
  db: Pick<Database, "prisma">;
  client: Pick<LightspeedClient, "listSales" | "listCustomers">;
  /** `env.syncIntervalMs`. */
  syncIntervalMs: number;
  onRetailChanges?: OnRetailChanges;
  /** The clock runs are stamped with (see `PollRetailOptions.now`). */
  now?: () => Date;
}

/**
 * Each run polls sales and customers (see `pollRetail`), records one `JobRun` per resource
 * (`poll.sales`, `poll.customers`) and resolves with the `PollRetailResult`; a failed resource is
 * recorded and logged there, not thrown, so the next tick simply tries again from the cursor.
 */
export function createPollJob(options: CreatePollJobOptions): ScheduledJob {
  return {
    name: "poll",
    lockKey: jobLockKeys.poll,
    schedule: { everyMs: options.syncIntervalMs, runAtStart: true },
    run: ({ trigger, signal, logger }) =>
      pollRetail({
        db: options.db,
        client: options.client,
        trigger,
        signal,
        logger,
        onRetailChanges: options.onRetailChanges,
        ...(options.now ? { now: options.now } : {}),
      }),
  };
}
