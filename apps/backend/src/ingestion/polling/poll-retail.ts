// Incremental polling of X-Series sales and customers by the version cursor (reference §4.1):
// each through `pollResource` (poll-resource.ts), customers first, handing the changed ids to the
// merge. Callers hold the poll job lock (`jobLockKeys.poll`), so one poll runs at a time across
// replicas and the CLI.
import type { Database } from "@greenloop/db";
import type { LightspeedClient, ParsedRecord } from "@greenloop/order-sync/lightspeed";
import type { Logger } from "../../logger";
import type { OnRetailChanges } from "../retail-changes";
import { writeRetailCustomers, writeRetailSales } from "../retail-mirror";
import {
  emptyResult,
  type PolledSource,
  type PollProgress,
  pollResource,
  type ResourcePollResult,
} from "./poll-resource";
import { type RetailResource, readSyncCursor, retailResources } from "./sync-cursor";

export {
  type PollProgress,
  pollJobName,
  type ResourcePollResult,
  type ResourcePollStatus,
} from "./poll-resource";

export interface PollRetailOptions {
  db: Pick<Database, "prisma">;
  client: Pick<LightspeedClient, "listSales" | "listCustomers">;
  /** Default both, always walked customers first (a new sale's customer is then already there). */
  resources?: RetailResource[];
  /** Re-read everything from version 0 (see `PollResourceOptions.full`). */
  full?: boolean;
  /** Recorded in `JobRun.trigger`: "cli", "schedule", "manual"… */
  trigger: string;
  /** Stops after the page being written (a request in flight is abandoned and read again next time). */
  signal?: AbortSignal;
  /** After each page is committed. */
  onProgress?: (progress: PollProgress) => void;
  /**
   * After each page is committed, with the ids whose mirror row actually changed (if any). The
   * page and cursor are already saved, so a failure here cannot be retried by polling: it is
   * logged and counted (`JobRun.details.onRetailChangesFailures`) and the poll goes on, like the
   * webhook worker does. The merge step must be able to catch up on its own.
   */
  onRetailChanges?: OnRetailChanges;
  logger?: Logger;
  /** Stamps `JobRun.startedAt`/`finishedAt` (see `PollResourceOptions.now`). */
  now?: () => Date;
}

export interface PollRetailResult {
  /** Every requested resource succeeded. */
  ok: boolean;
  interrupted: boolean;
  resources: Record<RetailResource, ResourcePollResult<RetailResource>>;
}

export async function pollRetail(options: PollRetailOptions): Promise<PollRetailResult> {
  const requested = new Set(options.resources ?? retailResources);
  const results = {} as Record<RetailResource, ResourcePollResult<RetailResource>>;
  for (const resource of retailResources) {
    const run = requested.has(resource) && !options.signal?.aborted;
    results[resource] = run
      ? await pollResource(retailSource(resource, options), options)
      : emptyResult(resource, await readSyncCursor(options.db.prisma, resource));
  }
  const polled = Object.values(results).filter((result) => requested.has(result.resource));
  return {
    ok: polled.every((result) => result.status === "succeeded"),
    interrupted: options.signal?.aborted === true,
    resources: results,
  };
}

function retailSource(
  resource: RetailResource,
  options: PollRetailOptions,
): PolledSource<RetailResource> {
  const { client, onRetailChanges } = options;
  const changed = onRetailChanges
    ? {
        onChanged: (ids: string[]) =>
          onRetailChanges(
            resource === "sales" ? { sales: ids, customers: [] } : { sales: [], customers: ids },
          ),
      }
    : {};
  return resource === "sales"
    ? {
        resource,
        list: (list) => client.listSales(list),
        write: (tx, records) => writeRetailSales(tx, records as ParsedRecord<never>[]),
        ...changed,
      }
    : {
        resource,
        list: (list) => client.listCustomers(list),
        write: (tx, records) => writeRetailCustomers(tx, records as ParsedRecord<never>[]),
        ...changed,
      };
}
