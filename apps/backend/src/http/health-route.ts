// GET /health: 200 when the database answers and its schema is current, 503 otherwise
// (so a load balancer stops sending traffic to a replica that cannot serve it).
import type { Database } from "@greenloop/db";
import { Hono } from "hono";
import { isUpToDate } from "../domain/system-status";

export function healthRoute(db: Database) {
  return new Hono().get("/", async (c) => {
    try {
      const migrations = await db.migrationStatus();
      const upToDate = isUpToDate(migrations);
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
