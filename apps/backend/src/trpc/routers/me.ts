// A signed-in customer's own data, found by the session's proven email at every request. A shared
// (family) email answers `shared` with no figures: the session proves the mailbox, not which of the
// people using it is asking (see customers/own-customer.ts).
import { z } from "zod";
import { listOwnOrders, loadOwnSummary } from "../../customers/own-customer";
import { cursorSchema, pageSizeSchema } from "../output-schemas";
import { createTRPCRouter, customerProcedure } from "../trpc";
import { customerOrderSchema, customerSummarySchema } from "./customers-schemas";

const unmatched = [
  z.object({ match: z.literal("none") }),
  z.object({ match: z.literal("shared") }),
] as const;

export const meRouter = createTRPCRouter({
  /** The app's customer summary of the session's owner. */
  summary: customerProcedure
    .output(
      z.discriminatedUnion("match", [
        ...unmatched,
        z.object({ match: z.literal("one"), summary: customerSummarySchema }),
      ]),
    )
    .query(({ ctx }) => loadOwnSummary(ctx.db, ctx.customer.email)),

  /** The owner's orders across channels, newest first, tagged retail / ecom_synced / ecom_unsynced. */
  orders: customerProcedure
    .input(z.object({ limit: pageSizeSchema, cursor: cursorSchema }).prefault({}))
    .output(
      z.discriminatedUnion("match", [
        ...unmatched,
        z.object({
          match: z.literal("one"),
          items: z.array(customerOrderSchema),
          nextCursor: z.string().nullable(),
        }),
      ]),
    )
    .query(({ ctx, input }) =>
      listOwnOrders(ctx.db, {
        sessionEmail: ctx.customer.email,
        limit: input.limit,
        cursor: input.cursor,
      }),
    ),
});
