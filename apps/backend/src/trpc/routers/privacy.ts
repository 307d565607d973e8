import { z } from "zod";
import { eraseCustomer } from "../../privacy/erase-customer";
import { listErasures } from "../../privacy/list-erasures";
import { cursorSchema, pageSizeSchema, uuidSchema } from "../output-schemas";
import { createTRPCRouter, operatorProcedure } from "../trpc";

const removedSchema = z.record(z.string(), z.number().int().nonnegative());

const erasureResultSchema = z.object({
  erasureId: z.string(),
  customerId: z.string(),
  erasedAt: z.date(),
  removed: removedSchema,
  alreadyErased: z.boolean(),
});

const erasureSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  requestedBy: z.string(),
  reason: z.string().nullable(),
  removed: removedSchema,
  erasedAt: z.date(),
});

export const privacyRouter = createTRPCRouter({
  /**
   * Erases a customer (an account deletion request): personal data leaves every table and stays
   * out after re-syncs; orders stay, anonymised, in the store's totals. Erasing again changes
   * nothing and answers with the first erasure (`alreadyErased`).
   */
  eraseCustomer: operatorProcedure
    .input(
      z.object({ customerId: uuidSchema, reason: z.string().trim().min(1).max(500).optional() }),
    )
    .output(erasureResultSchema)
    .mutation(async ({ ctx, input }) => {
      const result = await eraseCustomer(ctx.db, {
        customerId: input.customerId,
        requestedBy: ctx.staff.name,
        reason: input.reason ?? null,
        now: ctx.now(),
      });
      ctx.logger.info(
        {
          erasureId: result.erasureId,
          customerId: result.customerId,
          alreadyErased: result.alreadyErased,
          by: ctx.staff.name,
        },
        "customer erased",
      );
      return result;
    }),

  /** Recent erasures, newest first (counts only: no personal data). */
  erasures: operatorProcedure
    .input(z.object({ limit: pageSizeSchema, cursor: cursorSchema }).prefault({}))
    .output(z.object({ erasures: z.array(erasureSchema), nextCursor: z.string().nullable() }))
    .query(({ ctx, input }) =>
      listErasures(ctx.db, {
        limit: input.limit,
        ...(input.cursor ? { after: input.cursor } : {}),
      }),
    ),
});
