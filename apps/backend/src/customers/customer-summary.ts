// The GreenLoop app's customer summary (its `CustomerSegments`, greenloop-app.md §2.1) for canonical
// customers, plus what the app computed on the phone before: rolling 90-day spend, the next tier and
// the spend to it, the loyalty balance, first-time-buyer status and AOV. Figures come from the
// stored analytics; money is an exact Decimal.
import type { Database } from "@greenloop/db";
import { inactivitySegments } from "@greenloop/order-sync/analytics";
import Decimal from "decimal.js";
import { averageOrderValueOf, tierProgressOf } from "./order-figures";
import { retailCustomerColumns, retailCustomerIdsOf } from "./retail-customer-records";

export const appInactiveSegments = inactivitySegments;
export type AppInactiveSegment = (typeof appInactiveSegments)[number];

export interface CustomerSummary {
  customerId: string;
  /** The primary X-Series customer (the live record with the most orders), or null. */
  lightspeedCustomerId: string | null;
  firstName: string | null;
  lastName: string | null;
  displayName: string | null;
  /** Normalized (lower-case); the primary X-Series record's email when it has one. */
  email: string | null;
  /** E.164. */
  phone: string | null;
  customerCode: string | null;
  // The figures below are null until the analytics have run for the customer.
  lifetimeValue: Decimal | null;
  orderCount: number | null;
  lastOrderDate: Date | null;
  inactiveSegment: AppInactiveSegment | null;
  isVIP: boolean | null;
  tier: string | null;
  rolling90DaySpend: Decimal | null;
  /** Null at the top tier, and for a customer without orders or tier (nothing to progress from). */
  nextTier: string | null;
  spendToNextTier: Decimal | null;
  /** Sum over the customer's live X-Series records; null when none has a balance. */
  loyaltyBalance: Decimal | null;
  isFirstTimeBuyer: boolean | null;
  /** Null until computed, and for a customer without orders. */
  averageOrderValue: Decimal | null;
  /** When the figures were computed, and the moment they describe (recency, 90 days, tier). */
  metricsComputedAt: Date | null;
  metricsAsOf: Date | null;
}

type Db = Pick<Database, "prisma">;

/** Summaries by customer id (ids that do not exist are absent). Ids are taken as given: resolve merges first. */
export async function loadCustomerSummaries(
  db: Db,
  customerIds: readonly string[],
): Promise<Map<string, CustomerSummary>> {
  const ids = [...new Set(customerIds)];
  if (ids.length === 0) return new Map();
  const customers = await db.prisma.customer.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      displayName: true,
      identities: {
        select: { kind: true, normalizedValue: true, blocked: true },
        orderBy: [{ blocked: "asc" }, { normalizedValue: "asc" }],
      },
      metrics: {
        select: {
          totalSpend: true,
          orderCount: true,
          lastOrderAt: true,
          inactivitySegment: true,
          isVip: true,
          tier: true,
          spend90d: true,
          nextTier: true,
          amountToNextTier: true,
          isFirstTimeBuyer: true,
          averageOrderValue: true,
          computedAt: true,
          asOf: true,
        },
      },
    },
  });
  const retailIds = customers.flatMap((c) => retailCustomerIdsOf(c.identities));
  const [retailRows, orderCounts, records] = await Promise.all([
    db.prisma.retailCustomer.findMany({
      where: { id: { in: retailIds } },
      select: { ...retailCustomerColumns, remoteCreatedAt: true },
    }),
    db.prisma.order.groupBy({
      by: ["retailCustomerId"],
      where: { customerId: { in: ids }, retailCustomerId: { in: retailIds } },
      _count: { _all: true },
    }),
    // The X-Series records' own identifiers, normalized by the merge: the primary's email/phone.
    db.prisma.identityRecord.findMany({
      where: { key: { in: retailIds.map((id) => `retail_customer:${id}`) } },
      select: { key: true, identifiers: true },
    }),
  ]);
  const retailById = new Map(retailRows.map((r) => [r.id, r]));
  const ordersByRetailId = new Map(orderCounts.map((c) => [c.retailCustomerId, c._count._all]));
  const identifiersByRetailId = new Map(
    records.map((r) => [
      r.key.slice("retail_customer:".length),
      r.identifiers as unknown as Array<{ kind: string; value: string }>,
    ]),
  );

  const summaries = new Map<string, CustomerSummary>();
  for (const customer of customers) {
    const ownRetailIds = retailCustomerIdsOf(customer.identities);
    const primaryId = primaryRetailId(ownRetailIds, retailById, ordersByRetailId);
    const primary = primaryId ? retailById.get(primaryId) : undefined;
    const primaryIdentifiers = (primaryId && identifiersByRetailId.get(primaryId)) || [];
    const pick = (kind: "EMAIL" | "PHONE") => {
      const carried = customer.identities.filter((i) => i.kind === kind);
      const preferred = primaryIdentifiers.find(
        (p) => p.kind === kind && carried.some((c) => c.normalizedValue === p.value),
      );
      // Identities are ordered unblocked first: a shared family email is the last resort.
      return preferred?.value ?? carried[0]?.normalizedValue ?? null;
    };
    const live = ownRetailIds
      .map((id) => retailById.get(id))
      .filter((r) => r !== undefined && r.deletedAt === null);
    const balances = live.flatMap((r) => (r?.loyaltyBalance == null ? [] : [r.loyaltyBalance]));
    const [firstFromName, lastFromName] = splitName(customer.displayName);
    const m = customer.metrics;
    const progress = m ? tierProgressOf(m) : null;
    summaries.set(customer.id, {
      customerId: customer.id,
      lightspeedCustomerId: primaryId,
      firstName: primary ? primary.firstName : firstFromName,
      lastName: primary ? primary.lastName : lastFromName,
      displayName: customer.displayName,
      email: pick("EMAIL"),
      phone: pick("PHONE"),
      customerCode: primary?.customerCode ?? null,
      lifetimeValue: decimalOrNull(m?.totalSpend),
      orderCount: m?.orderCount ?? null,
      lastOrderDate: m?.lastOrderAt ?? null,
      inactiveSegment: appInactiveSegmentOf(m?.inactivitySegment),
      isVIP: m ? m.isVip : null,
      tier: m?.tier ?? null,
      rolling90DaySpend: decimalOrNull(m?.spend90d),
      nextTier: progress?.nextTier ?? null,
      spendToNextTier: progress?.amountToNextTier ?? null,
      loyaltyBalance:
        balances.length === 0
          ? null
          : balances.reduce((sum, b) => sum.plus(b.toString()), new Decimal(0)),
      isFirstTimeBuyer: m ? m.isFirstTimeBuyer : null,
      averageOrderValue: m ? averageOrderValueOf(m) : null,
      metricsComputedAt: m?.computedAt ?? null,
      metricsAsOf: m?.asOf ?? null,
    });
  }
  return summaries;
}

export async function loadCustomerSummary(
  db: Db,
  customerId: string,
): Promise<CustomerSummary | null> {
  return (await loadCustomerSummaries(db, [customerId])).get(customerId) ?? null;
}

/**
 * The analytics already use the app's spelling (`active`, `30d`, `60d`, `90d+`); older or
 * hand-written rows may not, and anything unrecognised is better shown as unknown than wrong.
 */
export function appInactiveSegmentOf(
  segment: string | null | undefined,
): AppInactiveSegment | null {
  if (!segment) return null;
  const value = segment.trim().toLowerCase();
  if ((appInactiveSegments as readonly string[]).includes(value)) {
    return value as AppInactiveSegment;
  }
  const aliases: Record<string, AppInactiveSegment> = {
    "90d": "90d+",
    "90+": "90d+",
    "90+d": "90d+",
    inactive_30d: "30d",
    inactive_60d: "60d",
    inactive_90d: "90d+",
  };
  return aliases[value] ?? null;
}

/** The live X-Series record with the most of the customer's orders; then the oldest; then by id. */
function primaryRetailId(
  retailIds: string[],
  rows: ReadonlyMap<string, { deletedAt: Date | null; remoteCreatedAt: Date | null }>,
  orders: ReadonlyMap<string | null, number>,
): string | null {
  // A record not mirrored yet (its sale came first) still names a live X-Series customer.
  const candidates = retailIds.filter((id) => rows.get(id)?.deletedAt == null);
  const created = (id: string) => rows.get(id)?.remoteCreatedAt?.getTime() ?? Number.MAX_VALUE;
  candidates.sort(
    (a, b) =>
      (orders.get(b) ?? 0) - (orders.get(a) ?? 0) ||
      Number(rows.has(b)) - Number(rows.has(a)) ||
      created(a) - created(b) ||
      (a < b ? -1 : a > b ? 1 : 0),
  );
  return candidates[0] ?? null;
}

/** An online-only customer has one name string (the order's); the app wants first and last. */
function splitName(name: string | null): [string | null, string | null] {
  const trimmed = name?.trim();
  if (!trimmed) return [null, null];
  const space = trimmed.indexOf(" ");
  return space < 0 ? [trimmed, null] : [trimmed.slice(0, space), trimmed.slice(space + 1).trim()];
}

function decimalOrNull(value: { toString(): string } | null | undefined): Decimal | null {
  return value == null ? null : new Decimal(value.toString());
}
