// What the backend knows about itself: which database, whether its schema is current, and how
// much it holds. Shared by GET /health and the `system.status` procedure.
import type { Database, MigrationStatus } from "@greenloop/db";

export interface SystemStatus {
  database: {
    kind: Database["kind"];
    location: string;
    migrations: MigrationStatus & { upToDate: boolean };
  };
  counts: {
    customers: number;
    orders: number;
    retailSales: number;
    retailCustomers: number;
    ecomOrders: number;
    pendingWebhookDeliveries: number;
  };
}

export async function getSystemStatus(db: Database): Promise<SystemStatus> {
  const { prisma } = db;
  const [migrations, customers, orders, retailSales, retailCustomers, ecomOrders, pendingWebhookDeliveries] =
    await Promise.all([
      db.migrationStatus(),
      prisma.customer.count({ where: { mergedIntoId: null } }),
      prisma.order.count(),
      prisma.retailSale.count(),
      prisma.retailCustomer.count(),
      prisma.ecomOrder.count(),
      prisma.webhookDelivery.count({ where: { status: { in: ["PENDING", "PROCESSING"] } } }),
    ]);
  return {
    database: {
      kind: db.kind,
      location: db.location,
      migrations: { ...migrations, upToDate: isUpToDate(migrations) },
    },
    counts: { customers, orders, retailSales, retailCustomers, ecomOrders, pendingWebhookDeliveries },
  };
}

export function isUpToDate(status: MigrationStatus): boolean {
  return status.pending.length === 0 && status.failed.length === 0;
}
