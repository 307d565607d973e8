// The wire shapes of the customers and me routers: the app's customer summary, order pages, the
// staff's list and profile. Money is a Decimal, times are Dates (superjson carries both).
import { z } from "zod";
import { decimalSchema } from "../output-schemas";

export const identityKindSchema = z.enum([
  "EMAIL",
  "EMAIL_LOOSE",
  "PHONE",
  "RETAIL_CUSTOMER_ID",
  "ECOM_CUSTOMER_KEY",
]);

export const inactiveSegmentSchema = z.enum(["active", "30d", "60d", "90d+"]);

/** The app's `CustomerSegments`, plus the figures it used to compute on the phone. */
export const customerSummarySchema = z.object({
  customerId: z.string(),
  lightspeedCustomerId: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  displayName: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  customerCode: z.string().nullable(),
  lifetimeValue: decimalSchema.nullable(),
  orderCount: z.number().int().nullable(),
  lastOrderDate: z.date().nullable(),
  inactiveSegment: inactiveSegmentSchema.nullable(),
  isVIP: z.boolean().nullable(),
  tier: z.string().nullable(),
  rolling90DaySpend: decimalSchema.nullable(),
  nextTier: z.string().nullable(),
  spendToNextTier: decimalSchema.nullable(),
  loyaltyBalance: decimalSchema.nullable(),
  isFirstTimeBuyer: z.boolean().nullable(),
  averageOrderValue: decimalSchema.nullable(),
  metricsComputedAt: z.date().nullable(),
  metricsAsOf: z.date().nullable(),
});

export const customerOrderSchema = z.object({
  id: z.string(),
  source: z.enum(["retail", "ecom_synced", "ecom_unsynced"]),
  channel: z.enum(["RETAIL", "ECOM"]),
  receiptNumber: z.string(),
  invoiceNumber: z.string().nullable(),
  ecomOrderNumber: z.string().nullable(),
  placedAt: z.date(),
  total: decimalSchema,
  refundedTotal: decimalSchema,
  status: z.enum(["OPEN", "COMPLETED", "VOIDED", "CANCELLED", "REFUNDED"]),
  countsInAnalytics: z.boolean(),
  reachedRetailAt: z.date().nullable(),
  syncDelaySeconds: z.number().int().nullable(),
});

export const customerOrdersPageSchema = z.object({
  items: z.array(customerOrderSchema),
  nextCursor: z.string().nullable(),
});

export const customerListPageSchema = z.object({
  items: z.array(
    customerSummarySchema.extend({
      rfmSegment: z.string().nullable(),
      predictedClv365d: decimalSchema.nullable(),
    }),
  ),
  nextCursor: z.string().nullable(),
  /** Customers matching the search and filters, across all pages. */
  total: z.number().int().nonnegative(),
});

const flaggedSchema = z.object({
  kind: identityKindSchema,
  value: z.string(),
  reason: z.string().nullable(),
});

export const customerLookupSchema = z.discriminatedUnion("match", [
  z.object({ match: z.literal("none") }),
  z.object({
    match: z.literal("one"),
    summary: customerSummarySchema,
    orders: customerOrdersPageSchema,
  }),
  z.object({
    match: z.literal("shared"),
    customers: z.array(customerSummarySchema),
    flagged: flaggedSchema,
  }),
]);

/** A favourite category or brand: its share (0..1) of the customer's line spend. */
const spendShareSchema = z.object({ name: z.string(), share: z.number(), spend: decimalSchema });

const metricsDetailSchema = z.object({
  orderCount: z.number().int(),
  ecomOrderCount: z.number().int(),
  retailOrderCount: z.number().int(),
  totalSpend: decimalSchema,
  averageOrderValue: decimalSchema.nullable(),
  spend90d: decimalSchema,
  orders90d: z.number().int(),
  firstOrderAt: z.date().nullable(),
  lastOrderAt: z.date().nullable(),
  daysSinceLastOrder: z.number().int().nullable(),
  meanDaysBetweenOrders: z.number().nullable(),
  onlineShare: z.number().nullable(),
  favouriteProducts: z.array(z.string()),
  favouriteCategories: z.array(z.string()),
  favouriteBrands: z.array(z.string()),
  categoryShares: z.array(spendShareSchema),
  brandShares: z.array(spendShareSchema),
  rfm: z
    .object({ recency: z.number().int(), frequency: z.number().int(), monetary: z.number().int() })
    .nullable(),
  rfmSegment: z.string().nullable(),
  inactivitySegment: z.string().nullable(),
  tier: z.string().nullable(),
  nextTier: z.string().nullable(),
  amountToNextTier: decimalSchema.nullable(),
  isVip: z.boolean(),
  isHighValue: z.boolean(),
  isFirstTimeBuyer: z.boolean(),
  churnRisk: z.number().nullable(),
  churnRiskLabel: z.string().nullable(),
  probabilityAlive: z.number().nullable(),
  predictedPurchases90d: z.number().nullable(),
  predictedPurchases365d: z.number().nullable(),
  predictedValue90d: decimalSchema.nullable(),
  predictedValue365d: decimalSchema.nullable(),
  asOf: z.date(),
  computedAt: z.date(),
});

/** Next order date, churn and 365-day figures, or why they are withheld (`presentPredictions`). */
export const customerPredictionsSchema = z.object({
  nextOrderAt: z.date().nullable(),
  churnProbability: z.number().nullable(),
  churnBand: z.enum(["low", "medium", "high"]).nullable(),
  predictedOrders365d: z.number().nullable(),
  predictedSpend365d: decimalSchema.nullable(),
  withheldReason: z
    .object({
      code: z.enum([
        "store_not_eligible",
        "no_model",
        "no_orders",
        "single_order",
        "probably_inactive",
      ]),
      message: z.string(),
    })
    .nullable(),
});

const channelConsentSchema = z.object({
  status: z.enum(["granted", "denied", "unknown"]),
  /** `xseries:<customer id>` or `ecom:<order number>`; null when unknown. */
  source: z.string().nullable(),
  /** The source's time for it (UTC); null when unknown. */
  observedAt: z.date().nullable(),
});

export const customerConsentSchema = z.object({
  email: channelConsentSchema,
  sms: channelConsentSchema,
});

export const customerProfileSchema = z.object({
  customerId: z.string(),
  requestedId: z.string(),
  mergedInto: z.string().nullable(),
  displayName: z.string().nullable(),
  createdAt: z.date(),
  firstOrderAt: z.date().nullable(),
  firstSeenAt: z.date(),
  mergedFrom: z.array(z.string()),
  summary: customerSummarySchema,
  identities: z.array(
    z.object({
      kind: identityKindSchema,
      value: z.string(),
      blocked: z.boolean(),
      blockedReason: z.string().nullable(),
      firstSeenAt: z.date(),
    }),
  ),
  retailCustomers: z.array(
    z.object({
      id: z.string(),
      customerCode: z.string().nullable(),
      firstName: z.string().nullable(),
      lastName: z.string().nullable(),
      customerGroupId: z.string().nullable(),
      loyaltyBalance: decimalSchema.nullable(),
      deletedAt: z.date().nullable(),
    }),
  ),
  metrics: metricsDetailSchema.nullable(),
  /** Null, like `metrics`, until an analytics run has seen the customer. */
  predictions: customerPredictionsSchema.nullable(),
  orders: customerOrdersPageSchema,
  consent: customerConsentSchema,
});

export const customerExplanationSchema = z.object({
  customer: z.object({
    id: z.string(),
    displayName: z.string().nullable(),
    emails: z.array(z.string()),
    phones: z.array(z.string()),
    retailCustomerIds: z.array(z.string()),
  }),
  mergedIntoId: z.string().nullable(),
  records: z.array(z.string()),
  links: z.array(
    z.object({
      from: z.string(),
      to: z.string(),
      kind: z.string(),
      value: z.string(),
      reason: z.string(),
      firstLinkedAt: z.date(),
    }),
  ),
  flagged: z.array(z.object({ kind: z.string(), value: z.string(), reason: z.string() })),
  history: z.array(
    z.object({
      at: z.date(),
      kind: z.string(),
      reason: z.string(),
      sourceRecord: z.string().nullable(),
      otherCustomerId: z.string().nullable(),
    }),
  ),
});

const identifierSchema = z.object({
  kind: z.enum(["EMAIL", "EMAIL_LOOSE", "PHONE", "RETAIL_CUSTOMER_ID"]),
  value: z.string(),
});

export const splitResultSchema = z.object({
  customerId: z.string(),
  newCustomerId: z.string(),
  moved: z.array(z.string()),
  sharedIdentifiers: z.array(identifierSchema),
});

export const pinResultSchema = z.object({
  customerId: z.string(),
  identifier: identifierSchema,
  records: z.array(z.string()),
});
