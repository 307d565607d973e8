// The CLI's "who is this email / phone?" (`pnpm cli customers lookup`): the customer an identifier
// belongs to with their analytics, their predictions (as `customers.byId` gives them, the store's
// gates applied) and every order across channels, or, for an identifier several people share,
// every carrier (lookup-contact.ts).
import type { Database, IdentityKind } from "@greenloop/db";
import {
  type AnalyticsConfig,
  type CustomerPredictions,
  presentPredictions,
} from "@greenloop/order-sync/analytics";
import type { CountryCode } from "@greenloop/order-sync/identity";
import {
  type CustomerMetricsView,
  loadCustomerMetricsViews,
} from "../analytics/customer-metrics-view";
import { loadPredictionGateReport } from "../analytics/prediction-gates";
import type { ContactQuery } from "./contact-identifier";
import { type CustomerContacts, loadCustomerContacts } from "./customer-contacts";
import { lookupContact } from "./lookup-contact";

export interface CustomerOrder {
  id: string;
  source: string;
  ecomOrderNumber: string | null;
  retailSaleId: string | null;
  placedAt: Date;
  /** Decimal as a string: what the customer paid, net of loyalty redemptions. */
  total: string;
  status: string;
}

export type CustomerLookup =
  | { customer: null }
  | {
      customer: CustomerContacts;
      orders: CustomerOrder[];
      metrics: CustomerMetricsView | null;
      /** Null before the customer's first analytics run. */
      predictions: CustomerPredictions | null;
    }
  | {
      customers: Array<CustomerContacts & { orders: CustomerOrder[] }>;
      flagged: { kind: IdentityKind; value: string; reason: string | null };
    };

export async function lookupCustomer(
  db: Pick<Database, "prisma">,
  query: ContactQuery,
  options: { defaultRegion: CountryCode; config: Pick<AnalyticsConfig, "predictions"> },
): Promise<CustomerLookup> {
  const found = await lookupContact(db, query, {
    defaultRegion: options.defaultRegion,
    load: (ids) => loadCustomerContacts(db, ids),
  });
  if (found.match === "none") return { customer: null };
  if (found.match === "one") {
    const { customer } = found;
    const [metrics, stored, gates, orders] = await Promise.all([
      loadCustomerMetricsViews(db, [customer.id]),
      db.prisma.customerMetrics.findUnique({
        where: { customerId: customer.id },
        select: {
          expectedNextOrderAt: true,
          predictionWithheldReason: true,
          churnRisk: true,
          churnRiskLabel: true,
          predictedPurchases365d: true,
          predictedValue365d: true,
        },
      }),
      loadPredictionGateReport(db, options.config),
      loadOrders(db, customer.id),
    ]);
    return {
      customer,
      orders,
      metrics: metrics.get(customer.id) ?? null,
      predictions: stored ? presentPredictions(stored, gates) : null,
    };
  }
  const metrics = await loadCustomerMetricsViews(
    db,
    found.customers.map((customer) => customer.id),
  );
  return {
    customers: await Promise.all(
      found.customers.map(async (customer) => ({
        ...customer,
        metrics: metrics.get(customer.id) ?? null,
        orders: await loadOrders(db, customer.id),
      })),
    ),
    flagged: found.flagged,
  };
}

async function loadOrders(
  db: Pick<Database, "prisma">,
  customerId: string,
): Promise<CustomerOrder[]> {
  const orders = await db.prisma.order.findMany({
    where: { customerId },
    orderBy: [{ placedAt: "desc" }, { key: "asc" }],
    select: {
      id: true,
      source: true,
      ecomOrderNumber: true,
      retailSaleId: true,
      placedAt: true,
      total: true,
      status: true,
    },
  });
  return orders.map((order) => ({ ...order, total: order.total.toString() }));
}
