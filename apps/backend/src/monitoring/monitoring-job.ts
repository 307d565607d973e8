// The scheduled monitoring pass: every minute, alerts are evaluated, notable customer events
// detected and notifications delivered. Cheap when nothing changed, and it only notifies on
// transitions, so running it often costs nothing in noise. Not at start-up: the first minute
// belongs to migrations, the catch-up poll and the merge sweep (and on PGlite a pass blocks the
// event loop for a moment, which a Ctrl-C right after start would otherwise meet).
import type { Database } from "@greenloop/db";
import type { Env } from "../env";
import { jobLockKeys } from "../scheduler/job-lock-keys";
import type { ScheduledJob } from "../scheduler/scheduled-job";
import { alertSettingsFromEnv } from "./alerts/alert-settings";
import type { NotificationChannel } from "./notifications/notification-channel";
import { createNotificationChannels } from "./notifications/notification-channels";
import { runMonitoring } from "./run-monitoring";

const MONITORING_INTERVAL_MS = 60_000;

export function createMonitoringJob(options: {
  db: Pick<Database, "prisma">;
  env: Pick<Env, "monitoring" | "syncIntervalMs" | "storeTimeZone">;
  /** False when nothing polls X-Series (no polling alerts then). */
  pollingEnabled: boolean;
  /** When this process started: polling is not "stale" before it has had two intervals. */
  startedAt: Date;
  channels?: NotificationChannel[];
  /** The clock (tests). */
  now?: () => Date;
}): ScheduledJob {
  const { db, env } = options;
  const alerts = alertSettingsFromEnv(env, {
    pollingEnabled: options.pollingEnabled,
    watchingSince: options.startedAt,
  });
  const channels = options.channels ?? createNotificationChannels(db, env);
  const now = options.now ?? (() => new Date());
  return {
    name: "monitoring",
    lockKey: jobLockKeys.monitoring,
    schedule: { everyMs: MONITORING_INTERVAL_MS },
    async run({ logger }) {
      const result = await runMonitoring(db, {
        now: now(),
        alerts,
        delivery: { maxAttempts: env.monitoring.notify.maxAttempts },
        channels,
      });
      const opened = result.alerts.transitions.reduce((n, t) => n + t.opened, 0);
      const resolved = result.alerts.transitions.reduce((n, t) => n + t.resolved, 0);
      const { sent, retrying, failed } = result.deliveries;
      const { ok, failed: refused } = result.receipts;
      if (opened + resolved + sent + retrying + failed + ok + refused > 0) {
        logger.info(
          {
            opened,
            resolved,
            openAlerts: result.alerts.open,
            events: result.events,
            deliveries: result.deliveries,
            receipts: result.receipts,
          },
          "monitoring: alerts and notifications",
        );
      }
      return result;
    },
  };
}
