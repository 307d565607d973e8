import { z } from "zod";
import { getSystemStatus } from "../../domain/system-status";
import { createTRPCRouter, viewerProcedure } from "../trpc";
import { ingestionStatusSchema } from "./sync-output";

const migrationStatusSchema = z.object({
  applied: z.array(z.string()),
  pending: z.array(z.string()),
  failed: z.array(z.string()),
  modified: z.array(z.string()),
  unknown: z.array(z.string()),
  upToDate: z.boolean(),
});

const systemStatusSchema = z.object({
  database: z.object({
    kind: z.enum(["pglite", "postgres"]),
    location: z.string(),
    migrations: migrationStatusSchema,
  }),
  counts: z
    .object({
      customers: z.number().int(),
      orders: z.number().int(),
      retailSales: z.number().int(),
      retailCustomers: z.number().int(),
      ecomOrders: z.number().int(),
      pendingWebhookDeliveries: z.number().int(),
      unsyncedEcomOrders: z.number().int(),
      flaggedIdentifiers: z.number().int(),
      customersAwaitingAnalytics: z.number().int(),
    })
    .nullable(),
  ingestion: ingestionStatusSchema.nullable(),
  serverTime: z.date(),
  uptimeSeconds: z.number(),
});

/** The store's zone and the clock the API judges "now" by: what the dashboard shows times in. */
const storeTimeSchema = z.object({
  /** STORE_TIMEZONE (IANA): every store date and time is shown in it, with its zone label. */
  timeZone: z.string(),
  /** The API's clock (the demo's follows the simulated store): "5 minutes ago" is relative to it. */
  now: z.date(),
});

export const systemRouter = createTRPCRouter({
  storeTime: viewerProcedure
    .output(storeTimeSchema)
    .query(({ ctx }) => ({ timeZone: ctx.config.storeTimeZone, now: ctx.now() })),

  status: viewerProcedure.output(systemStatusSchema).query(async ({ ctx }) => {
    const now = new Date();
    return {
      // Staleness on the clock the API and monitoring read (the demo's is the store's).
      ...(await getSystemStatus(ctx.db, {
        syncIntervalMs: ctx.config.syncIntervalMs,
        now: ctx.now(),
      })),
      serverTime: now,
      uptimeSeconds: (now.getTime() - ctx.startedAt.getTime()) / 1000,
    };
  }),
});
