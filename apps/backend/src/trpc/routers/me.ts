// A signed-in customer's own data, found by the session's proven email at every request. A shared
// (family) email answers `shared` with no figures: the session proves the mailbox, not which of the
// people using it is asking (see customers/own-customer.ts).
import { z } from "zod";
import { listOwnOrders, loadOwnSummary } from "../../customers/own-customer";
import {
  listOwnNotifications,
  markOwnNotificationsRead,
} from "../../monitoring/notifications/customer-feed";
import { campaignIdOf } from "../../monitoring/notifications/notification-store";
import { cursorSchema, pageSizeSchema, uuidSchema } from "../output-schemas";
import { createTRPCRouter, customerProcedure } from "../trpc";
import { customerOrderSchema, customerSummarySchema } from "./customers-schemas";
import { notificationPageInput, notificationSchema } from "./notifications";

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

  /**
   * The owner's notifications (a tier rise…), newest first: the same items their devices were
   * pushed, with `readAt` and the unread count; `unreadOnly` leaves out the read ones.
   */
  notifications: customerProcedure
    .input(notificationPageInput)
    .output(
      z.discriminatedUnion("match", [
        ...unmatched,
        z.object({
          match: z.literal("one"),
          items: z.array(notificationSchema),
          unread: z.number().int(),
          nextCursor: z.string().nullable(),
        }),
      ]),
    )
    .query(async ({ ctx, input }) => {
      const feed = await listOwnNotifications(ctx.db, {
        sessionEmail: ctx.customer.email,
        limit: input.limit,
        cursor: input.cursor,
        unreadOnly: input.unreadOnly,
      });
      if (feed.match !== "one") return feed;
      return { ...feed, items: feed.items.map((n) => ({ ...n, campaignId: campaignIdOf(n) })) };
    }),

  /** Marks one of the owner's notifications read (`marked: 0` when it is not theirs or was read). */
  markNotificationRead: customerProcedure
    .input(z.strictObject({ id: uuidSchema }))
    .output(z.object({ marked: z.number().int() }))
    .mutation(({ ctx, input }) =>
      markOwnNotificationsRead(ctx.db, {
        sessionEmail: ctx.customer.email,
        ids: [input.id],
        now: ctx.now(),
      }),
    ),
});
