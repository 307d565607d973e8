import { openDatabaseFromEnv } from "../../database";
import { findBuiltDashboard } from "../../server/built-dashboard";
import { startBackend } from "../../server/start-backend";
import type { CliCommand } from "../command";
import { commandHelp } from "../command-help";
import { waitForShutdown } from "../wait-for-shutdown";

export const serveCommand: CliCommand = {
  ...commandHelp.serve,
  defaultLogLevel: "info",
  async run({ env, logger, say, announce, shutdown }) {
    const startedAt = new Date();
    const db = await openDatabaseFromEnv(env, logger);
    try {
      const { applied, status } = await db.migrate();
      logger.info(
        { database: db.kind, location: db.location, applied, total: status.applied.length },
        applied.length ? "applied migrations" : "database schema is up to date",
      );
      const dashboardDir = findBuiltDashboard();
      const backend = await startBackend({
        env,
        db,
        logger,
        startedAt,
        otherPort: (port) => `PORT=${port} pnpm serve`,
        ...(dashboardDir ? { dashboardDir } : {}),
      });
      try {
        logger.info({ url: backend.url, database: db.kind }, "listening");
        announce({ url: backend.url, database: { kind: db.kind, location: db.location } });
        say(
          `GreenLoop backend listening on ${backend.url} (database: ${db.kind} at ${db.location}). Ctrl-C stops it.` +
            (dashboardDir ? `\nDashboard: ${backend.url}/` : ""),
        );
        const signal = await waitForShutdown(shutdown);
        logger.info({ signal }, "shutting down");
        return {
          summary: `Stopped (${signal}).`,
          json: {
            url: backend.url,
            database: { kind: db.kind, location: db.location },
            stoppedBy: signal,
          },
        };
      } finally {
        await backend.stop();
      }
    } finally {
      await db.close();
    }
  },
};
