// The sync history procedures, part of the sync router: the timeline of job runs, resync from
// scratch, and the webhook inbox (filter, open a delivery, replay by filter). Reads are for any
// staff token; resync and replay change what the sync does next and need an operator token.
import { z } from "zod";
import { polledResources } from "../../ingestion/polling/sync-cursor";
import { pageJobRuns } from "../../sync-history/page-job-runs";
import { pageWebhookInbox } from "../../sync-history/page-webhook-inbox";
import {
  countReplayableWebhooks,
  replayWebhooksByFilter,
} from "../../sync-history/replay-webhooks-by-filter";
import { resyncFromScratch } from "../../sync-history/resync-from-scratch";
import { webhookDeliveryDetail } from "../../sync-history/webhook-delivery-detail";
import type { WebhookInboxFilter } from "../../sync-history/webhook-inbox-filter";
import { cursorSchema, pageSizeSchema, uuidSchema } from "../output-schemas";
import { operatorProcedure, viewerProcedure } from "../trpc";
import {
  jobRunOutcomeSchema,
  jobRunPageSchema,
  resyncResultSchema,
  webhookDeliveryDetailSchema,
  webhookInboxPageSchema,
} from "./sync-history-output";
import { replayResultSchema, webhookDeliveryStatusSchema } from "./sync-output";

const webhookInboxFilterSchema = z.object({
  type: z.string().trim().min(1).max(100).optional(),
  status: webhookDeliveryStatusSchema.optional(),
  objectId: z.string().trim().min(1).max(100).optional(),
  errorContains: z.string().trim().min(1).max(200).optional(),
  failedOnly: z.boolean().optional(),
  receivedFrom: z.date().optional(),
  receivedBefore: z.date().optional(),
});

/** The zod output without its absent keys (exactOptionalPropertyTypes). */
function inboxFilter(input: z.output<typeof webhookInboxFilterSchema>): WebhookInboxFilter {
  return Object.fromEntries(
    Object.entries(input).filter(([, value]) => value !== undefined),
  ) as WebhookInboxFilter;
}

export const syncHistoryProcedures = {
  /**
   * Job runs and eCom import runs (job "import") newest first: records, duration, failure reason
   * and whether a retry may help.
   */
  runs: viewerProcedure
    .input(
      z
        .object({
          /** A job (`poll.sales`), a family (`poll`), or `import` for the eCom import runs. */
          job: z.string().trim().min(1).max(100).optional(),
          outcome: jobRunOutcomeSchema.optional(),
          limit: pageSizeSchema,
          cursor: cursorSchema,
        })
        .prefault({}),
    )
    .output(jobRunPageSchema)
    .query(({ ctx, input }) =>
      pageJobRuns(ctx.db, {
        ...(input.job ? { job: input.job } : {}),
        ...(input.outcome ? { outcome: input.outcome } : {}),
        limit: input.limit,
        ...(input.cursor ? { after: input.cursor } : {}),
      }),
    ),

  /**
   * Resets the X-Series version cursors of `resources` (sales, customers, and the catalog's
   * productCategories, brands, products) to 0: the next poll re-reads everything (idempotent upserts
   * by version). Recorded as a `resync` run naming the operator.
   */
  resync: operatorProcedure
    .input(z.strictObject({ resources: z.array(z.enum(polledResources)).min(1) }))
    .output(resyncResultSchema)
    .mutation(async ({ ctx, input }) => {
      const result = await resyncFromScratch(ctx.db, {
        resources: input.resources,
        requestedBy: ctx.staff.name,
        now: ctx.now(),
      });
      ctx.logger.info(
        { resources: input.resources, staff: ctx.staff.name },
        "resync from scratch requested",
      );
      return result;
    }),

  /** The webhook inbox, filtered, newest first, with every failed attempt; never raw bodies. */
  webhookInbox: viewerProcedure
    .input(
      webhookInboxFilterSchema.extend({ limit: pageSizeSchema, cursor: cursorSchema }).prefault({}),
    )
    .output(webhookInboxPageSchema)
    .query(({ ctx, input }) => {
      const { limit, cursor, ...filter } = input;
      return pageWebhookInbox(ctx.db, {
        ...inboxFilter(filter),
        limit,
        ...(cursor ? { after: cursor } : {}),
      });
    }),

  /** One delivery: its payload with emails and phone numbers masked, and its failed attempts. */
  webhookDelivery: viewerProcedure
    .input(z.object({ id: uuidSchema }))
    .output(webhookDeliveryDetailSchema)
    .query(({ ctx, input }) => webhookDeliveryDetail(ctx.db, input.id)),

  /** How many deliveries `replayWebhooks` with this filter would put back in the queue. */
  replayPreview: operatorProcedure
    .input(webhookInboxFilterSchema.prefault({}))
    .output(z.object({ count: z.number().int() }))
    .query(({ ctx, input }) => countReplayableWebhooks(ctx.db, inboxFilter(input))),

  /** Replays the settled (dead or done) deliveries the filter matches; the worker takes them next. */
  replayWebhooks: operatorProcedure
    .input(webhookInboxFilterSchema.prefault({}))
    .output(replayResultSchema)
    .mutation(async ({ ctx, input }) => {
      // Due by the queue's clock, as the worker sees it (not the store's ctx.now()).
      const result = await replayWebhooksByFilter(ctx.db, { filter: inboxFilter(input) });
      ctx.logger.info(
        { replayed: result.replayed.length, staff: ctx.staff.name },
        "webhook deliveries replayed by filter",
      );
      return result;
    }),
};
