// The canonical state (customers and orders) in a form that does not depend on generated ids or
// arrival order: a customer is named by its sorted record keys. Two runs that applied the same
// records in different orders must produce equal snapshots.
import type { Database } from "@greenloop/db";

export interface CanonicalSnapshot {
  customers: Array<{ records: string[]; identities: string[] }>;
  orders: Array<Record<string, unknown>>;
  flagged: string[];
}

export async function canonicalSnapshot(db: Pick<Database, "prisma">): Promise<CanonicalSnapshot> {
  const records = await db.prisma.identityRecord.findMany({
    select: { key: true, customerId: true },
  });
  const recordsByCustomer = new Map<string, string[]>();
  for (const record of records) {
    if (!record.customerId) continue;
    recordsByCustomer.set(record.customerId, [
      ...(recordsByCustomer.get(record.customerId) ?? []),
      record.key,
    ]);
  }
  const signature = (customerId: string | null) =>
    customerId ? (recordsByCustomer.get(customerId) ?? []).sort().join(" + ") : null;

  const identities = await db.prisma.customerIdentity.findMany({
    select: { customerId: true, kind: true, normalizedValue: true, blocked: true },
  });
  const customers = [...recordsByCustomer.entries()]
    .map(([id, keys]) => ({
      records: [...keys].sort(),
      identities: identities
        .filter((identity) => identity.customerId === id)
        .map((i) => `${i.kind}:${i.normalizedValue}${i.blocked ? " (flagged)" : ""}`)
        .sort(),
    }))
    .sort((a, b) => (a.records.join() < b.records.join() ? -1 : 1));

  const orders = await db.prisma.order.findMany({
    orderBy: { key: "asc" },
    select: {
      key: true,
      customerId: true,
      source: true,
      channel: true,
      status: true,
      placedAt: true,
      total: true,
      refundedTotal: true,
      retailSaleId: true,
      ecomOrderNumber: true,
      matchedBy: true,
      reachedRetailAt: true,
      syncDelaySeconds: true,
      countsInAnalytics: true,
      linesVersion: true,
    },
  });
  const flagged = await db.prisma.flaggedIdentifier.findMany({
    select: { kind: true, value: true, reason: true },
  });
  return {
    customers,
    orders: orders.map(({ customerId, total, refundedTotal, ...order }) => ({
      ...order,
      total: total.toString(),
      refundedTotal: refundedTotal.toString(),
      customer: signature(customerId),
    })),
    flagged: flagged.map((f) => `${f.kind}:${f.value}:${f.reason}`).sort(),
  };
}
