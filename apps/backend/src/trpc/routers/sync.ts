// Sync operations: how current the mirror and the eCom import are, sync delays and the missing
// orders, alerts, and the webhook inbox. Reads are for any staff token; what changes state
// (running a job, acknowledging an alert, replaying dead letters) needs an operator token.
import { DomainError, isDomainError } from "@greenloop/order-sync/errors";
import { z } from "zod";
import {
  pageWebhookDeliveries,
  replayDeadDeliveries,
} from "../../ingestion/webhooks/replay-dead-deliveries";
import {
  acknowledgeSyncAlert,
  alertStatuses,
  listSyncAlerts,
} from "../../monitoring/alerts/sync-alerts";
import { pageEcomBacklog } from "../../monitoring/delays/ecom-backlog";
import { getMissingOrderAging } from "../../monitoring/delays/missing-order-aging";
import { getSyncDelayReport, slowestSyncedOrders } from "../../monitoring/delays/sync-delay-report";
import { getSyncStatus } from "../../monitoring/sync-status";
import type { JobOutcome } from "../../scheduler/start-scheduler";
import { cursorSchema, pageSizeSchema, uuidSchema } from "../output-schemas";
import { createTRPCRouter, operatorProcedure, viewerProcedure } from "../trpc";
import { syncHistoryProcedures } from "./sync-history";
import {
  missingAgingSchema,
  missingOrdersSchema,
  replayResultSchema,
  runNowOutcomeSchema,
  syncAlertPageSchema,
  syncAlertSchema,
  syncDelaysSchema,
  syncStatusSchema,
  webhookDeliveryPageSchema,
  webhookDeliveryStatusSchema,
} from "./sync-output";

/** The jobs `serve` schedules (poll, merge and analytics only while ingestion is on). */
export const scheduledJobNames = ["poll", "merge", "analytics", "monitoring"] as const;

/** The most dead letters one replay may name; `all: true` replays every one. */
export const MAX_REPLAY_IDS = 100;

function toRunNowOutcome(job: string, outcome: JobOutcome): z.input<typeof runNowOutcomeSchema> {
  if (outcome.status === "completed") return { job, status: "completed", result: outcome.result };
  if (outcome.status === "skipped") return { job, status: "skipped", reason: outcome.reason };
  const { error } = outcome;
  return {
    job,
    status: "failed",
    error: {
      code: isDomainError(error) ? error.code : "INTERNAL",
      message: error instanceof Error ? error.message : String(error),
    },
  };
}

export const syncRouter = createTRPCRouter({
  // The sync history: runs, resync from scratch, the webhook inbox (./sync-history.ts).
  ...syncHistoryProcedures,

  /**
   * Freshness per source: X-Series polling (cursor, lag), the webhook inbox (depth, dead letters),
   * the last eCom import, the last run of every job, and the jobs this server schedules.
   */
  status: viewerProcedure.output(syncStatusSchema).query(async ({ ctx }) => {
    const status = await getSyncStatus(ctx.db, {
      syncIntervalMs: ctx.config.syncIntervalMs,
      now: ctx.now(),
    });
    const { jobs } = ctx;
    return {
      ...status,
      scheduler: jobs
        ? { jobs: jobs.jobNames.map((name) => ({ name, nextRunAt: jobs.nextRun(name) })) }
        : null,
    };
  }),

  /**
   * Runs a scheduled job now, under its lock (a run already going here or elsewhere is skipped),
   * and answers with its outcome once it has finished.
   */
  runNow: operatorProcedure
    .input(z.object({ job: z.enum(scheduledJobNames) }))
    .output(runNowOutcomeSchema)
    .mutation(async ({ ctx, input }) => {
      const { jobs } = ctx;
      if (!jobs) {
        throw new DomainError(
          "UNAVAILABLE",
          "This server runs no background jobs (only `pnpm cli serve` does), so none can be run now.",
        );
      }
      if (!jobs.jobNames.includes(input.job)) {
        throw new DomainError(
          "UNAVAILABLE",
          `The ${input.job} job does not run on this server (it runs: ${jobs.jobNames.join(", ") || "none"}). ` +
            "Poll, merge and analytics run only with the Lightspeed connection configured.",
        );
      }
      ctx.logger.info({ job: input.job, staff: ctx.staff.name }, "job run on request");
      return toRunNowOutcome(input.job, await jobs.runNow(input.job));
    }),

  /** How late eCom orders reached X-Series: percentiles overall and per week, the slowest. */
  delays: viewerProcedure
    .input(
      z
        .object({
          /** Orders placed from then on; default: all. */
          since: z.date().optional(),
          slowest: z.number().int().min(0).max(100).default(10),
        })
        .prefault({}),
    )
    .output(syncDelaysSchema)
    .query(async ({ ctx, input }) => {
      const { orders, ...report } = await getSyncDelayReport(ctx.db, {
        now: ctx.now(),
        timeZone: ctx.config.storeTimeZone,
        ...(input.since ? { since: input.since } : {}),
      });
      return { ...report, slowest: slowestSyncedOrders(orders, input.slowest) };
    }),

  /** eCom orders still not in X-Series `days` after they were placed, oldest first. */
  missing: viewerProcedure
    .input(
      z
        .object({
          /** Default: MISSING_ORDER_ALERT_DAYS; 0: every unsynced order. */
          days: z.number().int().min(0).max(36_500).optional(),
          limit: pageSizeSchema,
          cursor: cursorSchema,
        })
        .prefault({}),
    )
    .output(missingOrdersSchema)
    .query(async ({ ctx, input }) => {
      const days = input.days ?? ctx.config.monitoring.missingOrderAlertDays;
      const page = await pageEcomBacklog(ctx.db, {
        now: ctx.now(),
        minAgeDays: days,
        limit: input.limit,
        ...(input.cursor ? { after: input.cursor } : {}),
      });
      return { days, ...page };
    }),

  /** The same backlog as `missing`, counted (and its money summed) per age bucket. */
  missingAging: viewerProcedure
    .input(
      z
        .object({
          /** Default: MISSING_ORDER_ALERT_DAYS; 0: every unsynced order. */
          days: z.number().int().min(0).max(36_500).optional(),
        })
        .prefault({}),
    )
    .output(missingAgingSchema)
    .query(async ({ ctx, input }) => {
      const days = input.days ?? ctx.config.monitoring.missingOrderAlertDays;
      const aging = await getMissingOrderAging(ctx.db, { now: ctx.now(), minAgeDays: days });
      return { days, ...aging };
    }),

  /** Alerts newest first, optionally of one status, with the counts per status. */
  alerts: viewerProcedure
    .input(
      z
        .object({
          status: z.enum(alertStatuses).optional(),
          limit: pageSizeSchema,
          cursor: cursorSchema,
        })
        .prefault({}),
    )
    .output(syncAlertPageSchema)
    .query(({ ctx, input }) =>
      listSyncAlerts(ctx.db, {
        ...(input.status ? { statuses: [input.status] } : {}),
        limit: input.limit,
        ...(input.cursor ? { after: input.cursor } : {}),
      }),
    ),

  /**
   * Marks an open alert as being dealt with. Operator only: it changes what every staff member
   * sees. A second call, or one on a resolved alert, changes nothing (`changed: false`).
   */
  acknowledgeAlert: operatorProcedure
    .input(z.object({ id: uuidSchema }))
    .output(z.object({ alert: syncAlertSchema, changed: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      const result = await acknowledgeSyncAlert(ctx.db, { id: input.id, now: ctx.now() });
      if (result.changed) {
        ctx.logger.info({ alertId: input.id, staff: ctx.staff.name }, "alert acknowledged");
      }
      return result;
    }),

  /** The webhook inbox newest first, optionally of one status; never the raw bodies. */
  webhookDeliveries: viewerProcedure
    .input(
      z
        .object({
          status: webhookDeliveryStatusSchema.optional(),
          limit: pageSizeSchema,
          cursor: cursorSchema,
        })
        .prefault({}),
    )
    .output(webhookDeliveryPageSchema)
    .query(({ ctx, input }) =>
      pageWebhookDeliveries(ctx.db, {
        ...(input.status ? { status: input.status } : {}),
        limit: input.limit,
        ...(input.cursor ? { after: input.cursor } : {}),
      }),
    ),

  /**
   * Puts dead letters back in the queue (PENDING, fresh attempts, due now) for the worker: every
   * one (`all: true`), or the ones named. An empty input is refused rather than read as "all".
   */
  replayDeadLetters: operatorProcedure
    .input(
      z.union([
        z.strictObject({ all: z.literal(true) }),
        z.strictObject({ ids: z.array(uuidSchema).min(1).max(MAX_REPLAY_IDS) }),
      ]),
    )
    .output(replayResultSchema)
    .mutation(async ({ ctx, input }) => {
      const result = await replayDeadDeliveries(ctx.db, {
        // Due by the queue's clock, which the worker claims by: not ctx.now() (the store's in
        // the demo, which may be days ahead of it).
        ...("ids" in input ? { ids: input.ids } : {}),
      });
      ctx.logger.info(
        { replayed: result.replayed.length, staff: ctx.staff.name },
        "dead letters replayed",
      );
      return result;
    }),
});
