// The database reads behind the scrape-time gauges: each one statement of indexed lookups and
// counts, whose cost does not grow with settled history (done webhook deliveries, old poll runs).
import { type Database, Prisma } from "@greenloop/db";
import { pollJobName } from "../ingestion/polling/poll-retail";
import { type RetailResource, retailResources } from "../ingestion/polling/sync-cursor";
import { ecomBacklogSql } from "../monitoring/delays/ecom-backlog";

type Db = Pick<Database, "prisma">;

export interface IngestionState {
  /** PENDING and PROCESSING deliveries, through the inbox's (status, nextAttemptAt) index. */
  pendingDeliveries: number;
  oldestPendingReceivedAt: Date | null;
  deadDeliveries: number;
  /** When each resource's last successful poll finished; null when none ever did. */
  lastPollSuccessAt: Record<RetailResource, Date | null>;
}

interface IngestionRow {
  pending: bigint | number;
  oldest: Date | null;
  dead: bigint | number;
  sales: Date | null;
  customers: Date | null;
}

export async function readIngestionState(db: Db): Promise<IngestionState> {
  const lastSuccess = (resource: RetailResource) => Prisma.sql`
    (SELECT "finishedAt" FROM "JobRun" WHERE job = ${pollJobName(resource)} AND status = 'SUCCEEDED'
      ORDER BY "startedAt" DESC LIMIT 1)`;
  const [row] = await db.prisma.$queryRaw<IngestionRow[]>`
    SELECT
      (SELECT count(*) FROM "WebhookDelivery" WHERE status IN ('PENDING', 'PROCESSING')) AS pending,
      (SELECT min("receivedAt") FROM "WebhookDelivery" WHERE status IN ('PENDING', 'PROCESSING')) AS oldest,
      (SELECT count(*) FROM "WebhookDelivery" WHERE status = 'DEAD') AS dead,
      ${lastSuccess("sales")} AS sales,
      ${lastSuccess("customers")} AS customers`;
  const lastPollSuccessAt = Object.fromEntries(
    retailResources.map((resource) => [resource, row?.[resource] ?? null]),
  ) as Record<RetailResource, Date | null>;
  return {
    pendingDeliveries: Number(row?.pending ?? 0),
    oldestPendingReceivedAt: row?.oldest ?? null,
    deadDeliveries: Number(row?.dead ?? 0),
    lastPollSuccessAt,
  };
}

export interface EcomBacklogState {
  /** eCom orders imported but not in X-Series yet (cancelled and voided ones left out). */
  missing: number;
  oldestPlacedAt: Date | null;
}

/** The missing-order alerts' own backlog query (monitoring/delays/ecom-backlog.ts), counted. */
export async function readEcomBacklogState(db: Db, now: Date): Promise<EcomBacklogState> {
  const [row] = await db.prisma.$queryRaw<Array<{ missing: bigint | number; oldest: Date | null }>>`
    SELECT count(*) AS missing, min(b."placedAt") AS oldest FROM (${ecomBacklogSql({ now })}) AS b`;
  return { missing: Number(row?.missing ?? 0), oldestPlacedAt: row?.oldest ?? null };
}
