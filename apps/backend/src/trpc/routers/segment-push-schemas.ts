// Output schemas of the segment push procedures.
import { z } from "zod";

const segmentSchema = z.object({
  by: z.enum(["rfmSegment", "tier", "inactivitySegment"]),
  value: z.string(),
});

export const pushGroupSchema = z.object({ id: z.string(), name: z.string() });

export const segmentPushPreviewSchema = z.object({
  segment: segmentSchema,
  group: pushGroupSchema,
  customers: z.number().int(),
  /** Of the segment's customers, those the store may email (an email, and no denial of consent). */
  reachableByEmail: z.number().int(),
  customersToAdd: z.number().int(),
  customersAlreadyInGroup: z.number().int(),
  customersWithoutRetailCustomer: z.number().int(),
  withoutRetailCustomerSample: z.array(
    z.object({ customerId: z.string(), displayName: z.string().nullable() }),
  ),
  /** X-Series records to move (a customer can have more than one). */
  recordsToMove: z.number().int(),
  /** Records to move by the group they leave. */
  fromGroups: z.record(z.string(), z.number().int()),
});

export const segmentPushResultSchema = z.object({
  runId: z.string(),
  preview: segmentPushPreviewSchema,
  applied: z.number().int(),
  failed: z.number().int(),
  failures: z.array(z.string()),
  notAttempted: z.number().int(),
  stopped: z.string().nullable(),
});

export const segmentPushSummarySchema = z.object({
  runId: z.string(),
  startedAt: z.date(),
  finishedAt: z.date().nullable(),
  status: z.string(),
  segment: segmentSchema.nullable(),
  group: pushGroupSchema.nullable(),
  applied: z.number().int(),
  undoable: z.number().int(),
});

export const segmentPushUndoResultSchema = z.object({
  runId: z.string(),
  undone: z.number().int(),
  leftAlone: z.object({
    "moved-since": z.number().int(),
    "no-previous-group": z.number().int(),
    deleted: z.number().int(),
    failed: z.number().int(),
  }),
  stopped: z.string().nullable(),
});
