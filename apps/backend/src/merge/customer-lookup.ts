// "Who is this email / phone?": the customer an identifier belongs to, with their orders across
// channels. An identifier flagged as shared (a family email) answers with every customer carrying
// it rather than picking one: guessing would show one person another's purchases.
import type { Database, IdentityKind } from "@greenloop/db";
import { type CountryCode, looseEmailKey } from "@greenloop/order-sync/identity";
import {
  type CustomerMetricsView,
  loadCustomerMetricsViews,
} from "../analytics/customer-metrics-view";
import { type ContactQuery, contactIdentifierOf } from "../customers/contact-identifier";

export interface CustomerProfile {
  id: string;
  /** The analytics (null until the first analytics run has seen this customer). */
  metrics?: CustomerMetricsView | null;
  displayName: string | null;
  /** Normalized (trimmed, lower-case). */
  emails: string[];
  /** E.164. */
  phones: string[];
  retailCustomerIds: string[];
}

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
  | { customer: CustomerProfile; orders: CustomerOrder[]; metrics: CustomerMetricsView | null }
  | {
      customers: Array<CustomerProfile & { orders: CustomerOrder[] }>;
      flagged: { kind: IdentityKind; value: string; reason: string | null };
    };

export async function lookupCustomer(
  db: Pick<Database, "prisma">,
  query: ContactQuery,
  options: { defaultRegion: CountryCode },
): Promise<CustomerLookup> {
  const exact: { kind: IdentityKind; value: string } = contactIdentifierOf(
    query,
    options.defaultRegion,
  );
  const find = (key: { kind: IdentityKind; value: string }) =>
    db.prisma.customerIdentity.findMany({
      where: {
        kind: key.kind,
        normalizedValue: key.value,
        customer: { mergedIntoId: null, erasedAt: null },
      },
      select: { customerId: true, blockedReason: true },
      orderBy: { customerId: "asc" },
    });
  let { kind, value } = exact;
  let identities = await find(exact);
  // Another spelling of the same mailbox (Gmail dots, +tags) finds the customer by the loose key.
  if (identities.length === 0 && kind === "EMAIL") {
    const loose = { kind: "EMAIL_LOOSE" as const, value: looseEmailKey(value) };
    identities = await find(loose);
    ({ kind, value } = loose);
  }
  const [first] = identities;
  if (!first) return { customer: null };
  if (identities.length === 1) {
    const [customer] = await loadProfiles(db, [first.customerId]);
    if (!customer) return { customer: null };
    const metrics = await loadCustomerMetricsViews(db, [customer.id]);
    return {
      customer,
      orders: await loadOrders(db, customer.id),
      metrics: metrics.get(customer.id) ?? null,
    };
  }
  const ids = identities.map((identity) => identity.customerId);
  const profiles = await loadProfiles(db, ids);
  const metrics = await loadCustomerMetricsViews(db, ids);
  return {
    customers: await Promise.all(
      profiles.map(async (profile) => ({
        ...profile,
        metrics: metrics.get(profile.id) ?? null,
        orders: await loadOrders(db, profile.id),
      })),
    ),
    flagged: { kind, value, reason: first.blockedReason },
  };
}

export async function loadProfiles(
  db: Pick<Database, "prisma">,
  customerIds: string[],
): Promise<CustomerProfile[]> {
  const customers = await db.prisma.customer.findMany({
    where: { id: { in: customerIds } },
    select: {
      id: true,
      displayName: true,
      identities: {
        select: { kind: true, normalizedValue: true },
        orderBy: { normalizedValue: "asc" },
      },
    },
    orderBy: { id: "asc" },
  });
  return customers.map((customer) => {
    const values = (kind: IdentityKind) =>
      customer.identities.filter((i) => i.kind === kind).map((i) => i.normalizedValue);
    return {
      id: customer.id,
      displayName: customer.displayName,
      emails: values("EMAIL"),
      phones: values("PHONE"),
      retailCustomerIds: values("RETAIL_CUSTOMER_ID"),
    };
  });
}

export async function loadOrders(
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
