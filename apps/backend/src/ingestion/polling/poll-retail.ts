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
  type PolledSource,
  type PollListsResult,
  type PollProgress,
  pollLists,
} from "./poll-resource";
import { type RetailResource, retailResources } from "./sync-cursor";

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

export type PollRetailResult = PollListsResult<RetailResource>;

export function pollRetail(options: PollRetailOptions): Promise<PollRetailResult> {
  return pollLists(
    retailResources,
    options.resources,
    (resource) => retailSource(resource, options),
    options,
  );
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
