// The store's notifications (alerts, VIP orders, at-risk customers) as the app lists them, read
// state, and Expo push tokens as the app registers them.
import type { Prisma } from "@greenloop/db";
import type { CountryCode } from "@greenloop/order-sync/identity";
import { z } from "zod";
import {
  listNotifications,
  markNotificationsRead,
} from "../../monitoring/notifications/list-notifications";
import { campaignIdOf } from "../../monitoring/notifications/notification-store";
import {
  isExpoPushToken,
  registerCallerPushToken,
} from "../../monitoring/notifications/push-tokens";
import { cursorSchema, pageSizeSchema, uuidSchema } from "../output-schemas";
import { createTRPCRouter, signedInProcedure, viewerProcedure } from "../trpc";

/** Stored JSON as Prisma types it (zod's own JSON type is not Prisma's). */
const storedJsonSchema = z.custom<Prisma.JsonValue>((value) => z.json().safeParse(value).success);

export const notificationSchema = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  data: storedJsonSchema,
  /** What the app reports PUSH_OPEN with (also in `data.campaignId` and in the push's data). */
  campaignId: z.string(),
  alertId: z.string().nullable(),
  createdAt: z.date(),
  readAt: z.date().nullable(),
});

/** The body the GreenLoop app sends today. */
const pushTokenInput = z.object({
  token: z
    .string()
    .trim()
    .max(200)
    .refine(isExpoPushToken, "must be an Expo push token (ExponentPushToken[…])"),
  deviceOS: z.enum(["ios", "android"]),
  env: z.string().trim().min(1).max(40),
  storeId: z.string().trim().min(1).max(100),
  optedIn: z.boolean(),
  userId: z.string().trim().max(320).nullish(),
});

/** A page of a notification list: the staff's, or a customer's own (`me.notifications`). */
export const notificationPageInput = z
  .object({
    limit: pageSizeSchema,
    cursor: cursorSchema,
    unreadOnly: z.boolean().default(false),
  })
  .prefault({});

export const notificationsRouter = createTRPCRouter({
  /** Newest first, with the unread count; `unreadOnly` leaves out the read ones. */
  list: viewerProcedure
    .input(notificationPageInput)
    .output(
      z.object({
        notifications: z.array(notificationSchema),
        unread: z.number().int(),
        nextCursor: z.string().nullable(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const page = await listNotifications(ctx.db, {
        limit: input.limit,
        unreadOnly: input.unreadOnly,
        ...(input.cursor ? { after: input.cursor } : {}),
      });
      return {
        ...page,
        notifications: page.notifications.map((n) => ({ ...n, campaignId: campaignIdOf(n) })),
      };
    }),

  /** Marks the given notifications (up to 100) or all of them read; `{}` is refused. */
  markRead: viewerProcedure
    .input(
      z.union([
        z.strictObject({ ids: z.array(uuidSchema).min(1).max(100) }),
        z.strictObject({ all: z.literal(true) }),
      ]),
    )
    .output(z.object({ marked: z.number().int() }))
    .mutation(({ ctx, input }) => markNotificationsRead(ctx.db, { ...input, now: ctx.now() })),

  /**
   * Registers the device's Expo push token: as a STAFF device with a staff token (it then gets the
   * store's notifications), as the customer's own device with a customer session.
   */
  registerPushToken: signedInProcedure
    .input(pushTokenInput)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await registerCallerPushToken(ctx.db, ctx.caller, {
        token: input.token,
        deviceOS: input.deviceOS,
        env: input.env,
        storeId: input.storeId,
        optedIn: input.optedIn,
        userId: input.userId ?? null,
        phoneRegion: ctx.config.merge.phoneDefaultRegion as CountryCode,
      });
      return { ok: true as const };
    }),
});
