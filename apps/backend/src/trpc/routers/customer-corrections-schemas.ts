// The wire shapes of the operator's corrections beyond the original split and pin: the customer's
// records with their facts, the split's preview (every record that moves, and why), and the merge.
import { z } from "zod";
import { decimalSchema } from "../output-schemas";

const identifierSchema = z.object({
  kind: z.enum(["EMAIL", "EMAIL_LOOSE", "PHONE", "RETAIL_CUSTOMER_ID"]),
  value: z.string(),
});

export const customerRecordsSchema = z.object({
  customerId: z.string(),
  mergedIntoId: z.string().nullable(),
  groups: z.array(
    z.object({
      retailCustomer: z
        .object({ id: z.string(), name: z.string().nullable(), code: z.string().nullable() })
        .nullable(),
      records: z.array(
        z.object({
          key: z.string(),
          kind: z.enum(["in_store_sale", "online_order", "retail_customer"]),
          date: z.date().nullable(),
          number: z.string().nullable(),
          total: decimalSchema.nullable(),
          identifiers: z.array(z.object({ kind: z.string(), value: z.string() })),
        }),
      ),
    }),
  ),
});

export const splitMoveReasonSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("chosen") }),
  z.object({
    kind: z.literal("same_retail_customer"),
    retailCustomerId: z.string(),
    with: z.string(),
  }),
  z.object({
    kind: z.literal("linked"),
    identifier: identifierSchema.nullable(),
    with: z.string().nullable(),
  }),
]);

export const splitRefusalSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("not_records"),
    records: z.array(z.string()),
    own: z.array(z.string()),
  }),
  z.object({
    kind: z.literal("nothing_or_everything"),
    moving: z.number().int(),
    total: z.number().int(),
  }),
  z.object({ kind: z.literal("indistinguishable"), records: z.array(z.string()) }),
]);

export const splitPreviewSchema = z.union([
  z.object({
    refusal: z.null(),
    moves: z.array(z.object({ key: z.string(), reason: splitMoveReasonSchema })),
    sharedIdentifiers: z.array(identifierSchema),
  }),
  z.object({ refusal: splitRefusalSchema }),
]);

const totalsSchema = z.object({
  records: z.number().int(),
  orders: z.number().int(),
  totalSpend: decimalSchema,
});

export const mergeOutcomeSchema = z.object({
  customerId: z.string(),
  otherCustomerId: z.string(),
  joining: z.array(z.string()),
  staying: z.array(z.string()),
  pinned: z.array(identifierSchema),
  before: z.object({ customer: totalsSchema, other: totalsSchema }),
  after: totalsSchema,
  otherMergedInto: z.string().nullable(),
});
