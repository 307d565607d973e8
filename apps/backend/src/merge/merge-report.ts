// The operator's review list: customers whose records were joined by evidence beyond X-Series'
// own customer id (an email, a phone, a pin), with the reasons, and every flagged identifier.
import type { Database } from "@greenloop/db";

export interface MergeReport {
  merges: Array<{
    customerId: string;
    displayName: string | null;
    records: string[];
    /** Customer ids merged into this one over time. */
    mergedCustomerIds: string[];
    links: Array<{ from: string; to: string; kind: string; value: string; reason: string }>;
  }>;
  flagged: Array<{
    kind: string;
    value: string;
    reason: string;
    detail: string;
    records: string[];
  }>;
}

export async function reportMerges(
  db: Pick<Database, "prisma">,
  options: { limit?: number } = {},
): Promise<MergeReport> {
  const limit = options.limit ?? 1_000;
  const customers = await db.prisma.customer.findMany({
    where: { mergedIntoId: null, links: { some: { kind: { not: "RETAIL_CUSTOMER_ID" } } } },
    select: {
      id: true,
      displayName: true,
      links: { orderBy: [{ fromRecord: "asc" }, { toRecord: "asc" }] },
      mergedFrom: { select: { id: true }, orderBy: { id: "asc" } },
    },
    orderBy: { id: "asc" },
    take: limit,
  });
  const records = await db.prisma.identityRecord.findMany({
    where: { customerId: { in: customers.map((c) => c.id) } },
    select: { key: true, customerId: true },
    orderBy: { key: "asc" },
  });
  const flagged = await db.prisma.flaggedIdentifier.findMany({
    orderBy: [{ kind: "asc" }, { value: "asc" }],
    take: limit,
  });
  return {
    merges: customers.map((c) => ({
      customerId: c.id,
      displayName: c.displayName,
      records: records.filter((r) => r.customerId === c.id).map((r) => r.key),
      mergedCustomerIds: c.mergedFrom.map((m) => m.id),
      links: c.links.map((l) => ({
        from: l.fromRecord,
        to: l.toRecord,
        kind: l.kind,
        value: l.value,
        reason: l.reason,
      })),
    })),
    flagged: flagged.map((f) => ({
      kind: f.kind,
      value: f.value,
      reason: f.reason,
      detail: f.detail,
      records: f.records,
    })),
  };
}
