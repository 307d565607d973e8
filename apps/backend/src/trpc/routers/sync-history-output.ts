// Output schemas of the sync history procedures: job runs, the webhook inbox with every failed
// attempt, a delivery's redacted payload, and what a resync from scratch reset.
import { z } from "zod";
import { polledResources } from "../../ingestion/polling/sync-cursor";
import { webhookDeliverySchema } from "./sync-output";

export const jobRunOutcomeSchema = z.enum(["RUNNING", "SUCCEEDED", "FAILED"]);

export const jobRunPageSchema = z.object({
  runs: z.array(
    z.object({
      id: z.string(),
      job: z.string(),
      trigger: z.string(),
      status: jobRunOutcomeSchema,
      startedAt: z.date(),
      finishedAt: z.date().nullable(),
      durationMs: z.number().nullable(),
      pages: z.number().int(),
      records: z.number().int(),
      errors: z.number().int(),
      error: z.string().nullable(),
      errorCode: z.string().nullable(),
      retryable: z.boolean().nullable(),
      requestedBy: z.string().nullable(),
      /** `import`: an eCom import run (job "import"), whose page is `/imports/<id>`. */
      kind: z.enum(["job", "import"]),
      fileName: z.string().nullable(),
      ordersCreated: z.number().int().nullable(),
    }),
  ),
  jobs: z.array(z.string()),
  nextCursor: z.string().nullable(),
});

export const resyncResultSchema = z.object({
  jobRunId: z.string(),
  resources: z.array(z.object({ resource: z.enum(polledResources), previousCursor: z.number() })),
});

const webhookAttemptSchema = z.object({
  attempt: z.number().int(),
  error: z.string(),
  failedAt: z.date(),
  retryable: z.boolean(),
});

export const webhookInboxPageSchema = z.object({
  deliveries: z.array(
    webhookDeliverySchema.extend({
      failures: z.array(webhookAttemptSchema),
      failureCount: z.number().int(),
    }),
  ),
  total: z.number().int(),
  types: z.array(z.string()),
  nextCursor: z.string().nullable(),
});

export const webhookDeliveryDetailSchema = z.object({
  id: z.string(),
  type: z.string(),
  body: z.object({
    fields: z.record(z.string(), z.string()),
    payload: z.string().nullable(),
    raw: z.string().nullable(),
  }),
  failures: z.array(webhookAttemptSchema),
});
