// How current the X-Series mirror is: polling (cursor, last success, lag, stale) and the webhook
// inbox (depth, oldest pending, dead letters, rejections). One function for the API and health.
import type { Database } from "@greenloop/db";
import { getSyncFreshness, type SyncFreshness } from "./polling/sync-freshness";
import { getWebhookInboxStats, type WebhookInboxStats } from "./webhooks/webhook-inbox-stats";
import { webhookQueueNow } from "./webhooks/webhook-queue-clock";

export interface IngestionStatus {
  polling: SyncFreshness;
  webhooks: WebhookInboxStats;
}

export async function getIngestionStatus(
  db: Pick<Database, "prisma">,
  options: { syncIntervalMs: number; now?: Date },
): Promise<IngestionStatus> {
  const [polling, webhooks] = await Promise.all([
    getSyncFreshness(db, options),
    // Deliveries are stamped at intake by the queue's clock (the database's), so their age is
    // measured on it: the store's clock (`now`, which the demo moves days ahead) would age them.
    getWebhookInboxStats(db, { now: webhookQueueNow() }),
  ]);
  return { polling, webhooks };
}
