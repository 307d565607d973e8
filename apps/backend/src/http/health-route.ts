// GET /health: 200 when the database answers and its schema is current, 503 otherwise
// (so a load balancer stops sending traffic to a replica that cannot serve it). Ingestion health
// (stale polling, dead letters) is reported too but never fails the check: a Lightspeed outage
// is not a reason to take the API out of service. Asked many times a second under load, it costs
// one small query: the migration state is re-read every 30 s (and at once after `migrate`), and
// the inbox is counted through its status index, never its settled history.
import type { Database } from "@greenloop/db";
import { Hono } from "hono";
import { isUpToDate } from "../domain/system-status";
import { getIngestionHealth } from "../ingestion/ingestion-health";

/** How stale the migration state /health reports may be: another replica may migrate meanwhile. */
export const HEALTH_MIGRATIONS_MAX_AGE_MS = 30_000;

export function healthRoute(
  db: Database,
  // `now`: the clock the API and monitoring read, so /health never disagrees with them on staleness.
  options: { syncIntervalMs: number; now?: () => Date },
) {
  return new Hono().get("/", async (c) => {
    try {
      const migrations = await db.migrationStatus({ maxAgeMs: HEALTH_MIGRATIONS_MAX_AGE_MS });
      const upToDate = isUpToDate(migrations);
      const ingestion = upToDate
        ? await getIngestionHealth(db, {
            syncIntervalMs: options.syncIntervalMs,
            ...(options.now ? { now: options.now() } : {}),
          })
        : null;
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
          ingestion,
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
