// One customer for the staff: profile, the identifiers they carry (with the flags that stop shared
// ones from linking), their X-Series records, the full analytics and the first page of orders. An
// id merged away since leads to the survivor, and the answer says so.
import type { Database, IdentityKind } from "@greenloop/db";
import {
  type AnalyticsConfig,
  type CustomerMetricsResult,
  type CustomerPredictions,
  presentPredictions,
} from "@greenloop/order-sync/analytics";
import Decimal from "decimal.js";
import { loadPredictionGateReport } from "../analytics/prediction-gates";
import { parseStoredShares } from "../analytics/stored-shares";
import {
  type CustomerConsentView,
  loadCustomerConsents,
  unknownConsent,
} from "../consent/customer-consent";
import { loadCustomerFirstDates } from "./customer-first-dates";
import { type CustomerOrdersPage, listCustomerOrders } from "./customer-orders";
import { type CustomerSummary, loadCustomerSummary } from "./customer-summary";
import { averageOrderValueOf, tierProgressOf } from "./order-figures";
import { resolveCustomerId } from "./resolve-customer-id";
import { retailCustomerColumns, retailCustomerIdsOf } from "./retail-customer-records";

export interface CustomerProfileView {
  customerId: string;
  requestedId: string;
  /** The survivor's id when `requestedId` was merged into another customer; else null. */
  mergedInto: string | null;
  displayName: string | null;
  /** When this customer row was created (a merge survivor's row may be younger than the person). */
  createdAt: Date;
  /** The earliest counted order; null without one. */
  firstOrderAt: Date | null;
  /** When the system first saw the person: this row, a customer merged into it, or an identifier. */
  firstSeenAt: Date;
  /** Customers merged into this one (their old ids lead here). */
  mergedFrom: string[];
  summary: CustomerSummary;
  identities: Array<{
    kind: IdentityKind;
    value: string;
    blocked: boolean;
    blockedReason: string | null;
    firstSeenAt: Date;
  }>;
  retailCustomers: Array<{
    id: string;
    customerCode: string | null;
    firstName: string | null;
    lastName: string | null;
    customerGroupId: string | null;
    loyaltyBalance: Decimal | null;
    deletedAt: Date | null;
  }>;
  /** The stored analytics; null until the first analytics run has seen the customer. */
  metrics: CustomerMetricsDetail | null;
  /** Predictions with the store's gates applied; null, like metrics, before any analytics run. */
  predictions: CustomerPredictions | null;
  orders: CustomerOrdersPage;
  /** Consent to marketing per channel, with the source that decided it (consent/effective-consent.ts). */
  consent: CustomerConsentView;
}

/** The stored analytics: the computed metrics (computeCustomerMetrics) plus RFM and the models. */
export interface CustomerMetricsDetail
  extends Pick<
    CustomerMetricsResult,
    | "orderCount"
    | "ecomOrderCount"
    | "retailOrderCount"
    | "totalSpend"
    | "spend90d"
    | "orders90d"
    | "firstOrderAt"
    | "lastOrderAt"
    | "daysSinceLastOrder"
    | "meanDaysBetweenOrders"
    | "onlineShare"
    | "isVip"
    | "isHighValue"
    | "isFirstTimeBuyer"
    | "tier"
    | "nextTier"
  > {
  /** Null without orders. */
  averageOrderValue: Decimal | null;
  favouriteProducts: string[];
  favouriteCategories: string[];
  favouriteBrands: string[];
  /** The favourite categories with their share of the customer's line spend, largest first. */
  categoryShares: Array<{ name: string; share: number; spend: Decimal }>;
  brandShares: Array<{ name: string; share: number; spend: Decimal }>;
  rfm: { recency: number; frequency: number; monetary: number } | null;
  rfmSegment: string | null;
  inactivitySegment: string | null;
  amountToNextTier: Decimal | null;
  churnRisk: number | null;
  churnRiskLabel: string | null;
  probabilityAlive: number | null;
  predictedPurchases90d: number | null;
  predictedPurchases365d: number | null;
  predictedValue90d: Decimal | null;
  predictedValue365d: Decimal | null;
  asOf: Date;
  computedAt: Date;
}

const MAX_MERGED_FROM = 100;

export async function loadCustomerProfile(
  db: Pick<Database, "prisma">,
  input: { customerId: string; ordersLimit: number },
  config: Pick<AnalyticsConfig, "predictions">,
): Promise<CustomerProfileView> {
  const resolved = await resolveCustomerId(db, input.customerId);
  const id = resolved.customerId;
  const [customer, summary, orders, gates, consents] = await Promise.all([
    db.prisma.customer.findUniqueOrThrow({
      where: { id },
      select: {
        displayName: true,
        createdAt: true,
        mergedFrom: { select: { id: true }, orderBy: { id: "asc" }, take: MAX_MERGED_FROM },
        identities: {
          select: {
            kind: true,
            normalizedValue: true,
            blocked: true,
            blockedReason: true,
            firstSeenAt: true,
          },
          orderBy: [{ kind: "asc" }, { normalizedValue: "asc" }],
        },
        metrics: true,
      },
    }),
    loadCustomerSummary(db, id),
    listCustomerOrders(db, { customerId: id, limit: input.ordersLimit }),
    loadPredictionGateReport(db, config),
    loadCustomerConsents(db, [id]),
  ]);
  if (!summary) throw new Error(`customer ${id} vanished while being read`);
  const [retailCustomers, firstDates] = await Promise.all([
    db.prisma.retailCustomer.findMany({
      where: { id: { in: retailCustomerIdsOf(customer.identities) } },
      select: { ...retailCustomerColumns, customerGroupId: true },
      orderBy: { id: "asc" },
    }),
    loadCustomerFirstDates(db, { id, createdAt: customer.createdAt }),
  ]);
  return {
    customerId: id,
    requestedId: resolved.requestedId,
    mergedInto: resolved.mergedInto,
    displayName: customer.displayName,
    createdAt: customer.createdAt,
    ...firstDates,
    mergedFrom: customer.mergedFrom.map((c) => c.id),
    summary,
    identities: customer.identities.map((i) => ({
      kind: i.kind,
      value: i.normalizedValue,
      blocked: i.blocked,
      blockedReason: i.blockedReason,
      firstSeenAt: i.firstSeenAt,
    })),
    retailCustomers: retailCustomers.map((r) => ({
      ...r,
      loyaltyBalance: decimalOrNull(r.loyaltyBalance),
    })),
    metrics: customer.metrics ? metricsDetailOf(customer.metrics) : null,
    predictions: customer.metrics ? presentPredictions(customer.metrics, gates) : null,
    orders,
    consent: consents.get(id) ?? unknownConsent(),
  };
}

type MetricsRow = NonNullable<
  Awaited<ReturnType<Database["prisma"]["customerMetrics"]["findUnique"]>>
>;

function metricsDetailOf(m: MetricsRow): CustomerMetricsDetail {
  const money = (value: { toString(): string }) => new Decimal(value.toString());
  return {
    orderCount: m.orderCount,
    ecomOrderCount: m.ecomOrderCount,
    retailOrderCount: m.retailOrderCount,
    totalSpend: money(m.totalSpend),
    averageOrderValue: averageOrderValueOf(m),
    spend90d: money(m.spend90d),
    orders90d: m.orders90d,
    firstOrderAt: m.firstOrderAt,
    lastOrderAt: m.lastOrderAt,
    daysSinceLastOrder: m.daysSinceLastOrder,
    meanDaysBetweenOrders: m.meanDaysBetweenOrders,
    onlineShare: m.onlineShare,
    favouriteProducts: m.favouriteProducts,
    favouriteCategories: m.favouriteCategories,
    favouriteBrands: m.favouriteBrands,
    categoryShares: parseStoredShares(m.categoryShares),
    brandShares: parseStoredShares(m.brandShares),
    rfm:
      m.rfmRecency === null || m.rfmFrequency === null || m.rfmMonetary === null
        ? null
        : { recency: m.rfmRecency, frequency: m.rfmFrequency, monetary: m.rfmMonetary },
    rfmSegment: m.rfmSegment,
    inactivitySegment: m.inactivitySegment,
    tier: m.tier,
    ...tierProgressOf(m),
    isVip: m.isVip,
    isHighValue: m.isHighValue,
    isFirstTimeBuyer: m.isFirstTimeBuyer,
    churnRisk: m.churnRisk,
    churnRiskLabel: m.churnRiskLabel,
    probabilityAlive: m.probabilityAlive,
    predictedPurchases90d: m.predictedPurchases90d,
    predictedPurchases365d: m.predictedPurchases365d,
    predictedValue90d: decimalOrNull(m.predictedValue90d),
    predictedValue365d: decimalOrNull(m.predictedValue365d),
    asOf: m.asOf,
    computedAt: m.computedAt,
  };
}

function decimalOrNull(value: { toString(): string } | null): Decimal | null {
  return value === null ? null : new Decimal(value.toString());
}
