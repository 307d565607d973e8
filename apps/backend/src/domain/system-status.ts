// What the backend knows about itself: which database, whether its schema is current, and how
// much it holds. Shared by GET /health and the `system.status` procedure.
import type { Database, MigrationStatus } from "@greenloop/db";
import { getIngestionStatus, type IngestionStatus } from "../ingestion/ingestion-status";

export interface SystemStatus {
  database: {
    kind: Database["kind"];
    location: string;
    migrations: MigrationStatus & { upToDate: boolean };
  };
  /** What the database holds; null while migrations are pending (the tables may not exist yet). */
  counts: {
    customers: number;
    orders: number;
    retailSales: number;
    retailCustomers: number;
    ecomOrders: number;
    pendingWebhookDeliveries: number;
    /** eCom orders not (yet) found in X-Series. */
    unsyncedEcomOrders: number;
    /** Emails and phones the merge refused to link on (shared or placeholders), for review. */
    flaggedIdentifiers: number;
    /** Customers whose analytics wait for a recompute. */
    customersAwaitingAnalytics: number;
  } | null;
  /** Polling freshness and the webhook inbox; null while migrations are pending. */
  ingestion: IngestionStatus | null;
}

export async function getSystemStatus(
  db: Database,
  options: { syncIntervalMs: number; now?: Date },
): Promise<SystemStatus> {
  const migrations = await db.migrationStatus();
  const upToDate = isUpToDate(migrations);
  return {
    database: { kind: db.kind, location: db.location, migrations: { ...migrations, upToDate } },
    counts: upToDate ? await countRecords(db) : null,
    ingestion: upToDate ? await getIngestionStatus(db, options) : null,
  };
}

async function countRecords({ prisma }: Database): Promise<NonNullable<SystemStatus["counts"]>> {
  const counts = {
    customers: prisma.customer.count({ where: { mergedIntoId: null } }),
    orders: prisma.order.count(),
    retailSales: prisma.retailSale.count(),
    retailCustomers: prisma.retailCustomer.count(),
    ecomOrders: prisma.ecomOrder.count(),
    pendingWebhookDeliveries: prisma.webhookDelivery.count({
      where: { status: { in: ["PENDING", "PROCESSING"] } },
    }),
    unsyncedEcomOrders: prisma.order.count({ where: { source: "ecom_unsynced" } }),
    flaggedIdentifiers: prisma.flaggedIdentifier.count(),
    customersAwaitingAnalytics: prisma.customer.count({
      where: { mergedIntoId: null, metricsDirtyAt: { not: null } },
    }),
  };
  const values = await Promise.all(Object.values(counts));
  return Object.fromEntries(Object.keys(counts).map((key, i) => [key, values[i]])) as NonNullable<
    SystemStatus["counts"]
  >;
}

export function isUpToDate(status: MigrationStatus): boolean {
  return status.pending.length === 0 && status.failed.length === 0;
}
