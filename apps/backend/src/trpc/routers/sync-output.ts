// The sync router's output schemas: freshness, delays, the backlog, alerts and the webhook inbox.
// Webhook deliveries go out without their raw bodies (personal data), as the domain lists them.
import type { Prisma } from "@greenloop/db";
import { z } from "zod";
import { webhookDeliveryStatuses } from "../../ingestion/webhooks/replay-dead-deliveries";
import { alertStatuses } from "../../monitoring/alerts/sync-alerts";
import { decimalSchema, importStatusSchema } from "../output-schemas";

const jobRunStatus = z.enum(["RUNNING", "SUCCEEDED", "FAILED"]);

const resourceFreshnessSchema = z.object({
  resource: z.enum(["sales", "customers", "productCategories", "brands", "products"]),
  cursor: z.number().nullable(),
  cursorUpdatedAt: z.date().nullable(),
  lastSuccessAt: z.date().nullable(),
  lagSeconds: z.number().nullable(),
  stale: z.boolean(),
  lastRun: z
    .object({
      status: jobRunStatus,
      trigger: z.string(),
      startedAt: z.date(),
      finishedAt: z.date().nullable(),
      error: z.string().nullable(),
      errors: z.number().int(),
    })
    .nullable(),
});

/** getIngestionStatus on the wire (system.status carries the same). */
export const ingestionStatusSchema = z.object({
  polling: z.object({
    checkedAt: z.date(),
    syncIntervalMs: z.number(),
    stale: z.boolean(),
    sales: resourceFreshnessSchema,
    customers: resourceFreshnessSchema,
    /** The catalog's polls (`poll-catalog`): each its own `stale`, outside `polling.stale`. */
    productCategories: resourceFreshnessSchema,
    brands: resourceFreshnessSchema,
    products: resourceFreshnessSchema,
  }),
  webhooks: z.object({
    pending: z.number().int(),
    processing: z.number().int(),
    dead: z.number().int(),
    done: z.number().int(),
    oldestPendingAgeSeconds: z.number().nullable(),
    signatureRejections: z.number().int(),
    secretRejections: z.number().int(),
  }),
});

export const syncStatusSchema = ingestionStatusSchema.extend({
  ecomImport: z.object({
    lastRun: z
      .object({
        id: z.string(),
        status: importStatusSchema,
        fileName: z.string(),
        startedAt: z.date(),
        finishedAt: z.date().nullable(),
        rowsTotal: z.number().int(),
        rowsRejected: z.number().int(),
        ordersCreated: z.number().int(),
        ordersUpdated: z.number().int(),
        error: z.string().nullable(),
      })
      .nullable(),
    lastSuccessAt: z.date().nullable(),
    ageSeconds: z.number().nullable(),
  }),
  lastJobRuns: z.array(
    z.object({
      job: z.string(),
      trigger: z.string(),
      status: jobRunStatus,
      startedAt: z.date(),
      finishedAt: z.date().nullable(),
      pages: z.number().int(),
      records: z.number().int(),
      errors: z.number().int(),
      error: z.string().nullable(),
    }),
  ),
  /** The jobs this server runs, with their next scheduled run; null when it runs none. */
  scheduler: z
    .object({ jobs: z.array(z.object({ name: z.string(), nextRunAt: z.date().nullable() })) })
    .nullable(),
});

export const runNowOutcomeSchema = z.discriminatedUnion("status", [
  z.object({ job: z.string(), status: z.literal("completed"), result: z.unknown() }),
  z.object({
    job: z.string(),
    status: z.literal("failed"),
    error: z.object({ code: z.string(), message: z.string() }),
  }),
  z.object({
    job: z.string(),
    status: z.literal("skipped"),
    reason: z.enum(["locked", "running", "stopped"]),
  }),
]);

const delayStatsShape = {
  count: z.number().int(),
  p50: z.number().nullable(),
  p90: z.number().nullable(),
  p99: z.number().nullable(),
  max: z.number().nullable(),
};

export const syncDelaysSchema = z.object({
  ...delayStatsShape,
  since: z.date().nullable(),
  weeks: z.array(
    z.object({ ...delayStatsShape, weekStart: z.string(), stillMissing: z.number().int() }),
  ),
  slowest: z.array(
    z.object({
      ecomOrderNumber: z.string(),
      placedAt: z.date(),
      reachedAt: z.date(),
      firstSeenAt: z.date().nullable(),
      delaySeconds: z.number(),
    }),
  ),
  backlog: z.object({ count: z.number().int(), oldestPlacedAt: z.date().nullable() }),
});

export const missingOrdersSchema = z.object({
  days: z.number().int(),
  total: z.number().int(),
  orders: z.array(
    z.object({
      ecomOrderNumber: z.string(),
      placedAt: z.date(),
      ageDays: z.number().int(),
      ageSeconds: z.number().int(),
      customerId: z.string().nullable(),
      customerName: z.string().nullable(),
      total: decimalSchema,
    }),
  ),
  nextCursor: z.string().nullable(),
});

export const missingAgingSchema = z.object({
  days: z.number().int(),
  orders: z.number().int(),
  total: decimalSchema,
  buckets: z.array(
    z.object({
      label: z.string(),
      fromDays: z.number().int(),
      toDays: z.number().int().nullable(),
      orders: z.number().int(),
      total: decimalSchema,
    }),
  ),
});

const alertStatusSchema = z.enum(alertStatuses);

/** Prisma's JSON value as stored (zod's own JSON type is not assignable from its readonly arrays). */
const storedJsonSchema = z.custom<Prisma.JsonValue>((value) => z.json().safeParse(value).success);

export const syncAlertSchema = z.object({
  id: z.string(),
  kind: z.string(),
  subjectKey: z.string(),
  status: alertStatusSchema,
  message: z.string(),
  details: storedJsonSchema,
  openedAt: z.date(),
  acknowledgedAt: z.date().nullable(),
  resolvedAt: z.date().nullable(),
});

export const syncAlertPageSchema = z.object({
  alerts: z.array(syncAlertSchema),
  counts: z.object({
    OPEN: z.number().int(),
    ACKNOWLEDGED: z.number().int(),
    RESOLVED: z.number().int(),
  }),
  nextCursor: z.string().nullable(),
});

export const webhookDeliveryStatusSchema = z.enum(webhookDeliveryStatuses);

export const webhookDeliverySchema = z.object({
  id: z.string(),
  type: z.string(),
  objectId: z.string().nullable(),
  status: webhookDeliveryStatusSchema,
  attempts: z.number().int(),
  nextAttemptAt: z.date(),
  lastError: z.string().nullable(),
  receivedAt: z.date(),
  processedAt: z.date().nullable(),
});

export const webhookDeliveryPageSchema = z.object({
  deliveries: z.array(webhookDeliverySchema),
  nextCursor: z.string().nullable(),
});

export const replayResultSchema = z.object({
  replayed: z.array(z.string()),
  skipped: z.array(z.object({ id: z.string(), status: webhookDeliveryStatusSchema.nullable() })),
});
