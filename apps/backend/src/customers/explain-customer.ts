// "Why are these records one customer?": the records, the identifier links between them (with when
// each was first made), the identifiers flagged for review, and the append-only history.
import type { Database } from "@greenloop/db";
import { DomainError } from "@greenloop/order-sync/errors";
import { type CustomerContacts, loadCustomerContacts } from "./customer-contacts";

export interface CustomerExplanation {
  customer: CustomerContacts;
  /** Set when this id was merged into another customer: look there. */
  mergedIntoId: string | null;
  records: string[];
  links: Array<{
    from: string;
    to: string;
    kind: string;
    value: string;
    reason: string;
    firstLinkedAt: Date;
  }>;
  flagged: Array<{ kind: string; value: string; reason: string }>;
  history: Array<{
    at: Date;
    kind: string;
    reason: string;
    sourceRecord: string | null;
    otherCustomerId: string | null;
  }>;
}

export async function explainCustomer(
  db: Pick<Database, "prisma">,
  customerId: string,
): Promise<CustomerExplanation> {
  const row = await db.prisma.customer.findUnique({
    where: { id: customerId },
    select: { id: true, mergedIntoId: true },
  });
  if (!row) throw new DomainError("NOT_FOUND", `No customer ${customerId}.`);
  const customer = (await loadCustomerContacts(db, [customerId])).get(customerId);
  const [records, links, flagged, history] = await Promise.all([
    db.prisma.identityRecord.findMany({
      where: { customerId },
      select: { key: true },
      orderBy: { key: "asc" },
    }),
    db.prisma.customerLink.findMany({
      where: { customerId },
      orderBy: [{ firstLinkedAt: "asc" }, { fromRecord: "asc" }],
    }),
    db.prisma.customerIdentity.findMany({
      where: { customerId, blocked: true },
      select: { kind: true, normalizedValue: true, blockedReason: true },
    }),
    db.prisma.identityEvent.findMany({
      where: { OR: [{ customerId }, { otherCustomerId: customerId }] },
      orderBy: { createdAt: "asc" },
      take: 500,
    }),
  ]);
  if (!customer) throw new DomainError("NOT_FOUND", `No customer ${customerId}.`);
  return {
    customer,
    mergedIntoId: row.mergedIntoId,
    records: records.map((r) => r.key),
    links: links.map((l) => ({
      from: l.fromRecord,
      to: l.toRecord,
      kind: l.kind,
      value: l.value,
      reason: l.reason,
      firstLinkedAt: l.firstLinkedAt,
    })),
    flagged: flagged.map((f) => ({
      kind: f.kind,
      value: f.normalizedValue,
      reason: f.blockedReason ?? "",
    })),
    history: history.map((e) => ({
      at: e.createdAt,
      kind: e.kind,
      reason: e.reason,
      sourceRecord: e.sourceRecord,
      otherCustomerId: e.customerId === customerId ? e.otherCustomerId : e.customerId,
    })),
  };
}
