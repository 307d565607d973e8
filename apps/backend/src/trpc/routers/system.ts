import { z } from "zod";
import { getSystemStatus } from "../../domain/system-status";
import { createTRPCRouter, publicProcedure } from "../trpc";

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
    })
    .nullable(),
  serverTime: z.date(),
  uptimeSeconds: z.number(),
});

export const systemRouter = createTRPCRouter({
  status: publicProcedure.output(systemStatusSchema).query(async ({ ctx }) => {
    const now = new Date();
    return {
      ...(await getSystemStatus(ctx.db)),
      serverTime: now,
      uptimeSeconds: (now.getTime() - ctx.startedAt.getTime()) / 1000,
    };
  }),
});
