// Replays the webhook deliveries an inbox filter names, through the dead-letter replay the CLI
// uses (`pnpm cli webhooks replay`): settled deliveries (dead, or done) go back to the queue,
// due now, with fresh attempts. The preview counts exactly what the replay will take.
import type { Database } from "@greenloop/db";
import {
  type ReplayResult,
  replayableStatuses,
  replayDeadDeliveries,
} from "../ingestion/webhooks/replay-dead-deliveries";
import { type WebhookInboxFilter, webhookInboxWhere } from "./webhook-inbox-filter";

type Db = Pick<Database, "prisma">;

/** What a replay of this filter takes: settled deliveries, or the filter's status if it is one. */
function statusesFor(filter: WebhookInboxFilter) {
  return filter.status === undefined
    ? [...replayableStatuses]
    : replayableStatuses.filter((status) => status === filter.status);
}

/** How many deliveries `replayWebhooksByFilter` would put back in the queue now. */
export async function countReplayableWebhooks(
  db: Db,
  filter: WebhookInboxFilter,
): Promise<{ count: number }> {
  const statuses = statusesFor(filter);
  if (statuses.length === 0) return { count: 0 };
  const where = webhookInboxWhere(filter);
  const count = await db.prisma.webhookDelivery.count({
    where: { AND: [where, { status: { in: statuses } }] },
  });
  return { count };
}

export async function replayWebhooksByFilter(
  db: Db,
  /** `now`: when they are due; default the webhook queue's clock (the worker's). */
  options: { filter: WebhookInboxFilter; now?: Date },
): Promise<ReplayResult> {
  const statuses = statusesFor(options.filter);
  if (statuses.length === 0) return { replayed: [], skipped: [] };
  return replayDeadDeliveries(db, {
    matching: webhookInboxWhere(options.filter),
    statuses,
    ...(options.now ? { now: options.now } : {}),
  });
}
