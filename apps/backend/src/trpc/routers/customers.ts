// Canonical customers for the staff: look one up by email or phone (the app's summary), list and
// search, a profile by id, orders, why records are one customer; operators correct wrong merges.
import { z } from "zod";
import { listOrdersOfCustomer } from "../../customers/customer-orders";
import { loadCustomerProfile } from "../../customers/customer-profile";
import { loadCustomerRecords } from "../../customers/customer-records";
import { explainCustomer } from "../../customers/explain-customer";
import { customerSorts, listCustomers } from "../../customers/list-customers";
import { lookupCustomerSummary } from "../../customers/lookup-customer-summary";
import { pinContact } from "../../customers/pin-contact";
import { mergeCustomers, previewMergeCustomers } from "../../merge/merge-customers";
import { createMergeRules } from "../../merge/merge-rules";
import { splitCustomer } from "../../merge/split-customer";
import { previewSplit } from "../../merge/split-preview";
import {
  cursorSchema,
  emailInputSchema,
  pageSizeSchema,
  phoneInputSchema,
  uuidSchema,
} from "../output-schemas";
import { createTRPCRouter, operatorProcedure, viewerProcedure } from "../trpc";
import {
  customerRecordsSchema,
  mergeOutcomeSchema,
  splitPreviewSchema,
} from "./customer-corrections-schemas";
import {
  customerExplanationSchema,
  customerListPageSchema,
  customerLookupSchema,
  customerOrdersPageSchema,
  customerProfileSchema,
  inactiveSegmentSchema,
  pinResultSchema,
  splitResultSchema,
} from "./customers-schemas";

const textInput = z.string().trim().min(1).max(320);
const labelInput = z.string().trim().min(1).max(64);

const exactlyOneContact = (input: { email?: string | undefined; phone?: string | undefined }) =>
  (input.email === undefined) !== (input.phone === undefined);
const exactlyOneMessage = { message: "Give exactly one of email or phone." };

export const customersRouter = createTRPCRouter({
  /** The app's customer summary for an email or phone; a shared one lists every carrier. */
  lookup: viewerProcedure
    .input(
      z
        .object({
          email: emailInputSchema.optional(),
          phone: phoneInputSchema.optional(),
          ordersLimit: pageSizeSchema,
        })
        .refine(exactlyOneContact, exactlyOneMessage),
    )
    .output(customerLookupSchema)
    .query(({ ctx, input }) =>
      lookupCustomerSummary(
        ctx.db,
        { email: input.email, phone: input.phone },
        {
          defaultRegion: createMergeRules(ctx.config.merge).contact.defaultRegion,
          ordersLimit: input.ordersLimit,
        },
      ),
    ),

  /** Live customers: search by name, email or phone; filter by segment; sort; keyset pages. */
  list: viewerProcedure
    .input(
      z
        .object({
          search: textInput.optional(),
          rfmSegment: labelInput.optional(),
          tier: labelInput.optional(),
          inactiveSegment: inactiveSegmentSchema.optional(),
          isVip: z.boolean().optional(),
          sort: z.enum(customerSorts).default("spend"),
          direction: z.enum(["asc", "desc"]).default("desc"),
          limit: pageSizeSchema,
          cursor: cursorSchema,
        })
        .prefault({}),
    )
    .output(customerListPageSchema)
    .query(({ ctx, input }) =>
      listCustomers(ctx.db, input, {
        defaultRegion: createMergeRules(ctx.config.merge).contact.defaultRegion,
      }),
    ),

  /** Profile, identities, X-Series records, analytics and the first page of orders. */
  byId: viewerProcedure
    .input(z.object({ customerId: uuidSchema, ordersLimit: pageSizeSchema }))
    .output(customerProfileSchema)
    .query(({ ctx, input }) =>
      loadCustomerProfile(
        ctx.db,
        { customerId: input.customerId, ordersLimit: input.ordersLimit },
        ctx.config.analytics.config,
      ),
    ),

  /** Orders across channels, newest first, tagged retail / ecom_synced / ecom_unsynced. */
  orders: viewerProcedure
    .input(z.object({ customerId: uuidSchema, limit: pageSizeSchema, cursor: cursorSchema }))
    .output(
      customerOrdersPageSchema.extend({
        customerId: z.string(),
        mergedInto: z.string().nullable(),
      }),
    )
    .query(({ ctx, input }) => listOrdersOfCustomer(ctx.db, input)),

  /** Why these records are one customer: records, links, flags and history. */
  explain: viewerProcedure
    .input(z.object({ customerId: uuidSchema }))
    .output(customerExplanationSchema)
    .query(({ ctx, input }) => explainCustomer(ctx.db, input.customerId)),

  /** Moves records out of a customer into a new one; both sides stay apart on later syncs. */
  split: operatorProcedure
    .input(
      z.object({
        customerId: uuidSchema,
        records: z.array(textInput).min(1).max(100),
        reason: textInput.optional(),
        /** The preview's records: the split refuses (CONFLICT) unless exactly these would move. */
        expectedMoves: z.array(textInput).min(1).max(1_000).optional(),
      }),
    )
    .output(splitResultSchema)
    .mutation(async ({ ctx, input }) => {
      const result = await splitCustomer(ctx.db, input, createMergeRules(ctx.config.merge));
      ctx.logger.info(
        { customerId: result.customerId, newCustomerId: result.newCustomerId, by: ctx.staff.name },
        "customer split",
      );
      return result;
    }),

  /** The customer's records (sale, online order, X-Series customer) with their facts, by X-Series customer. */
  records: viewerProcedure
    .input(z.object({ customerId: uuidSchema }))
    .output(customerRecordsSchema)
    .query(({ ctx, input }) => loadCustomerRecords(ctx.db, input.customerId)),

  /** What `split` would move for these records, each with why; runs the split and rolls it back. */
  splitPreview: operatorProcedure
    .input(z.object({ customerId: uuidSchema, records: z.array(textInput).min(1).max(100) }))
    .output(splitPreviewSchema)
    .query(({ ctx, input }) => previewSplit(ctx.db, input, createMergeRules(ctx.config.merge))),

  /** What `merge` would do: the records that join, those that cannot, the totals after. */
  mergePreview: operatorProcedure
    .input(z.object({ customerId: uuidSchema, otherCustomerId: uuidSchema }))
    .output(mergeOutcomeSchema)
    .query(({ ctx, input }) =>
      previewMergeCustomers(ctx.db, input, createMergeRules(ctx.config.merge)),
    ),

  /** Merges another customer into this one by pinning its own identifiers here. */
  merge: operatorProcedure
    .input(
      z.object({
        customerId: uuidSchema,
        otherCustomerId: uuidSchema,
        reason: textInput.optional(),
        /** The preview's joining records: refused (CONFLICT) unless exactly these would join. */
        expectedJoining: z.array(textInput).min(1).max(1_000).optional(),
      }),
    )
    .output(mergeOutcomeSchema)
    .mutation(async ({ ctx, input }) => {
      const result = await mergeCustomers(ctx.db, input, createMergeRules(ctx.config.merge));
      ctx.logger.info(
        {
          customerId: result.customerId,
          otherCustomerId: result.otherCustomerId,
          by: ctx.staff.name,
        },
        "customers merged",
      );
      return result;
    }),

  /** Pins an email or phone to a customer: every record carrying it belongs there from now on. */
  pin: operatorProcedure
    .input(
      z
        .object({
          customerId: uuidSchema,
          email: emailInputSchema.optional(),
          phone: phoneInputSchema.optional(),
          reason: textInput.optional(),
        })
        .refine(exactlyOneContact, exactlyOneMessage),
    )
    .output(pinResultSchema)
    .mutation(async ({ ctx, input }) => {
      const result = await pinContact(ctx.db, input, createMergeRules(ctx.config.merge));
      ctx.logger.info(
        { customerId: result.customerId, kind: result.identifier.kind, by: ctx.staff.name },
        "identifier pinned",
      );
      return result;
    }),
});
