// Operators push an analytics segment into an X-Series customer group: the store's groups, a
// preview, the push, the latest pushes and their undo. Thin procedures over segment-push/.
import { z } from "zod";
import { createLightspeedClientFromEnv } from "../../lightspeed";
import type { SegmentPushPlan } from "../../segment-push/plan-segment-push";
import {
  listPushGroups,
  listSegmentPushes,
  previewSegmentPush,
  pushSegment,
  undoSegmentPush,
} from "../../segment-push/segment-push";
import { uuidSchema } from "../output-schemas";
import { createTRPCRouter, operatorProcedure, type TrpcContext } from "../trpc";
import {
  pushGroupSchema,
  segmentPushPreviewSchema,
  segmentPushResultSchema,
  segmentPushSummarySchema,
  segmentPushUndoResultSchema,
} from "./segment-push-schemas";

const segmentInput = z.object({
  by: z.enum(["rfmSegment", "tier", "inactivitySegment"]),
  segment: z.string().trim().min(1).max(64),
  /** The X-Series customer group's id (from `segmentPush.groups`). */
  groupId: z.string().trim().min(1).max(64),
});

/** The app's client (made from LIGHTSPEED_* on first use); CONFIG when Lightspeed is not set. */
function lightspeedOf(ctx: Pick<TrpcContext, "lightspeed" | "config" | "logger">) {
  return ctx.lightspeed ? ctx.lightspeed() : createLightspeedClientFromEnv(ctx.config, ctx.logger);
}

function toWirePreview(plan: SegmentPushPlan) {
  return {
    segment: plan.segment,
    group: plan.group,
    customers: plan.customers,
    reachableByEmail: plan.reachableByEmail,
    customersToAdd: plan.customersToAdd,
    customersAlreadyInGroup: plan.customersAlreadyInGroup,
    customersWithoutRetailCustomer: plan.customersWithoutRetailCustomer,
    withoutRetailCustomerSample: plan.withoutRetailCustomerSample,
    recordsToMove: plan.tierSyncPlan.changes.length,
    fromGroups: plan.fromGroups,
  };
}

export const segmentPushRouter = createTRPCRouter({
  /** The store's live X-Series customer groups, by name. */
  groups: operatorProcedure
    .output(z.array(pushGroupSchema))
    .query(({ ctx }) => listPushGroups(lightspeedOf(ctx))),

  /** What pushing the segment into the group would do; changes nothing. */
  preview: operatorProcedure
    .input(segmentInput)
    .output(segmentPushPreviewSchema)
    .query(async ({ ctx, input }) =>
      toWirePreview(
        await previewSegmentPush(ctx.db, lightspeedOf(ctx), {
          segment: { by: input.by, value: input.segment },
          groupId: input.groupId,
        }),
      ),
    ),

  /** Moves the segment's X-Series customers into the group (those not in it yet). */
  push: operatorProcedure
    .input(segmentInput)
    .output(segmentPushResultSchema)
    .mutation(async ({ ctx, input }) => {
      const result = await pushSegment(ctx.db, lightspeedOf(ctx), {
        segment: { by: input.by, value: input.segment },
        groupId: input.groupId,
        trigger: `dashboard:${ctx.staff.name}`,
        logger: ctx.logger,
        now: ctx.now,
      });
      const { plan, ...run } = result;
      return { ...run, preview: toWirePreview(plan) };
    }),

  /** The latest pushes, newest first, with how many changes an undo would still put back. */
  list: operatorProcedure
    .input(z.object({ limit: z.number().int().min(1).max(50).default(10) }).prefault({}))
    .output(z.array(segmentPushSummarySchema))
    .query(({ ctx, input }) => listSegmentPushes(ctx.db, input)),

  /** Puts a push's customers back in their previous groups, except those moved since. */
  undo: operatorProcedure
    .input(z.object({ runId: uuidSchema }))
    .output(segmentPushUndoResultSchema)
    .mutation(({ ctx, input }) =>
      undoSegmentPush(ctx.db, lightspeedOf(ctx), input.runId, {
        trigger: `dashboard:${ctx.staff.name}`,
        logger: ctx.logger,
        now: ctx.now,
      }),
    ),
});
