// GET /health: 200 when the database answers and its schema is current, 503 otherwise
// (so a load balancer stops sending traffic to a replica that cannot serve it). Ingestion health
// (stale polling, dead letters) is reported too but never fails the check: a Lightspeed outage
// is not a reason to take the API out of service.
import type { Database } from "@greenloop/db";
import { Hono } from "hono";
import { isUpToDate } from "../domain/system-status";
import { getIngestionStatus } from "../ingestion/ingestion-status";

export function healthRoute(db: Database, options: { syncIntervalMs: number }) {
  return new Hono().get("/", async (c) => {
    try {
      const migrations = await db.migrationStatus();
      const upToDate = isUpToDate(migrations);
      const ingestion = upToDate ? await getIngestionStatus(db, options) : null;
      return c.json(
        {
          status: upToDate ? "ok" : "degraded",
          database: {
            kind: db.kind,
            reachable: true,
            migrations: {
              upToDate,
              applied: migrations.applied.length,
              pending: migrations.pending,
              failed: migrations.failed,
            },
          },
          ingestion: ingestion && {
            pollingStale: ingestion.polling.stale,
            lastPollSuccessAt: ingestion.polling.sales.lastSuccessAt,
            pendingWebhookDeliveries: ingestion.webhooks.pending + ingestion.webhooks.processing,
            deadWebhookDeliveries: ingestion.webhooks.dead,
          },
        },
        upToDate ? 200 : 503,
      );
    } catch (error) {
      return c.json(
        {
          status: "unavailable",
          database: {
            kind: db.kind,
            reachable: false,
            error: error instanceof Error ? error.message : String(error),
          },
        },
        503,
      );
    }
  });
}
