// What GET /health says of ingestion, in one statement whose cost does not grow with the inbox's
// history: the unsettled and dead deliveries are counted through the inbox's (status,
// nextAttemptAt) index, never the settled ones, and each poll's last success is one lookup on
// JobRun's (job, startedAt) index. The status view (`sync.status`) keeps the full picture.
import type { Database } from "@greenloop/db";
import { pollJobName } from "./polling/poll-retail";
import { isPollStale } from "./polling/sync-freshness";

export interface IngestionHealth {
  /** A resource has had no successful poll within two sync intervals. */
  pollingStale: boolean;
  /** When the last successful poll of sales finished; null when none ever did. */
  lastPollSuccessAt: Date | null;
  /** PENDING and PROCESSING deliveries. */
  pendingWebhookDeliveries: number;
  deadWebhookDeliveries: number;
}

interface HealthRow {
  pending: bigint | number;
  dead: bigint | number;
  salesSuccessAt: Date | null;
  customersSuccessAt: Date | null;
}

export async function getIngestionHealth(
  db: Pick<Database, "prisma">,
  options: { syncIntervalMs: number; now?: Date },
): Promise<IngestionHealth> {
  const now = options.now ?? new Date();
  const [row] = await db.prisma.$queryRaw<HealthRow[]>`
    SELECT
      (SELECT count(*) FROM "WebhookDelivery" WHERE status IN ('PENDING', 'PROCESSING')) AS pending,
      (SELECT count(*) FROM "WebhookDelivery" WHERE status = 'DEAD') AS dead,
      (SELECT "finishedAt" FROM "JobRun" WHERE job = ${pollJobName("sales")} AND status = 'SUCCEEDED'
        ORDER BY "startedAt" DESC LIMIT 1) AS "salesSuccessAt",
      (SELECT "finishedAt" FROM "JobRun" WHERE job = ${pollJobName("customers")} AND status = 'SUCCEEDED'
        ORDER BY "startedAt" DESC LIMIT 1) AS "customersSuccessAt"`;
  const salesSuccessAt = row?.salesSuccessAt ?? null;
  const customersSuccessAt = row?.customersSuccessAt ?? null;
  const staleness = { now, syncIntervalMs: options.syncIntervalMs };
  return {
    pollingStale:
      isPollStale(salesSuccessAt, staleness) || isPollStale(customersSuccessAt, staleness),
    lastPollSuccessAt: salesSuccessAt,
    pendingWebhookDeliveries: Number(row?.pending ?? 0),
    deadWebhookDeliveries: Number(row?.dead ?? 0),
  };
}
