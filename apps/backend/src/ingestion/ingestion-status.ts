// How current the X-Series mirror is: polling (cursor, last success, lag, stale) and the webhook
// inbox (depth, oldest pending, dead letters, rejections). One function for the API and health.
import type { Database } from "@greenloop/db";
import { getSyncFreshness, type SyncFreshness } from "./polling/sync-freshness";
import { getWebhookInboxStats, type WebhookInboxStats } from "./webhooks/webhook-inbox-stats";

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
    getWebhookInboxStats(db, options.now ? { now: options.now } : {}),
  ]);
  return { polling, webhooks };
}
