// The operator's merge of two customers the identity rules kept apart (an email typed two ways, a
// second X-Series account). Built on pins, like the split: both customers' own identifiers are
// pinned to this one, so the re-resolution joins them ("pinned to the same customer") now and on
// every later sync, and the other customer is marked merged into this one. Identifiers other
// customers carry too are not pinned: a merge must never pull in a third person.
import type { Database, Prisma } from "@greenloop/db";
import { DomainError } from "@greenloop/order-sync/errors";
import type { Identifier } from "@greenloop/order-sync/identity";
import Decimal from "decimal.js";
import { dryRunInMergeTransaction } from "./dry-run";
import { inMergeTransaction } from "./merge-changes";
import type { MergeRules } from "./merge-rules";
import { resolveCustomers } from "./resolve-customers";
import { pin, recordsOf } from "./split-customer";

type Tx = Prisma.TransactionClient;

export interface MergeCustomersInput {
  /** The customer that stays. */
  customerId: string;
  /** The customer merged into it. */
  otherCustomerId: string;
  reason?: string | undefined;
}

export interface CustomerTotals {
  records: number;
  orders: number;
  totalSpend: Decimal;
}

export interface MergeOutcome {
  customerId: string;
  otherCustomerId: string;
  /** The other customer's records that join this one, in key order. */
  joining: string[];
  /** The other customer's records that do not (linked to third customers): listed, never hidden. */
  staying: string[];
  /** The identifiers pinned to this customer (both customers' own ones). */
  pinned: Identifier[];
  before: { customer: CustomerTotals; other: CustomerTotals };
  after: CustomerTotals;
  /** Set when the other customer kept no record: it now leads here. */
  otherMergedInto: string | null;
}

/** Merges the other customer into this one; with `expectedJoining`, only if exactly those join. */
export function mergeCustomers(
  db: Pick<Database, "prisma">,
  input: MergeCustomersInput & { expectedJoining?: string[] | undefined },
  rules: MergeRules,
): Promise<MergeOutcome> {
  return inMergeTransaction(db, async (tx) => {
    const outcome = await mergeInTransaction(tx, input, rules);
    const expected = input.expectedJoining;
    if (
      expected &&
      (expected.length !== outcome.joining.length ||
        !outcome.joining.every((key) => expected.includes(key)))
    ) {
      throw new DomainError(
        "CONFLICT",
        `The customers' records changed since the preview: ${outcome.joining.length} record(s) would now join, not the ${expected.length} previewed. Preview the merge again.`,
      );
    }
    return outcome;
  });
}

/** What `mergeCustomers` would do, run and rolled back: changes nothing. */
export function previewMergeCustomers(
  db: Pick<Database, "prisma">,
  input: MergeCustomersInput,
  rules: MergeRules,
): Promise<MergeOutcome> {
  return dryRunInMergeTransaction(db, (tx) => mergeInTransaction(tx, input, rules));
}

async function mergeInTransaction(
  tx: Tx,
  input: MergeCustomersInput,
  rules: MergeRules,
): Promise<MergeOutcome> {
  const { customerId, otherCustomerId } = input;
  if (customerId === otherCustomerId) {
    throw new DomainError("BAD_INPUT", "Choose another customer to merge: this is the same one.");
  }
  const own = await recordsOf(tx, customerId);
  const other = await recordsOf(tx, otherCustomerId);
  const before = {
    customer: await totalsOf(tx, customerId, own.size),
    other: await totalsOf(tx, otherCustomerId, other.size),
  };
  const both = new Set([...own.keys(), ...other.keys()]);
  const candidates = uniqueIdentifiers([...own.values(), ...other.values()].flat());
  const carriers = await tx.identityRecordIdentifier.findMany({
    where: {
      OR: candidates.map((id) => ({ kind: id.kind, value: id.value })),
    },
    select: { kind: true, value: true, recordKey: true },
  });
  const carriedElsewhere = new Set(
    carriers.filter((c) => !both.has(c.recordKey)).map((c) => `${c.kind}:${c.value}`),
  );
  const pinned = candidates.filter((id) => !carriedElsewhere.has(`${id.kind}:${id.value}`));
  const pinnedKeys = new Set(pinned.map((id) => `${id.kind}:${id.value}`));
  const anyPinned = (records: ReadonlyMap<string, Identifier[]>) =>
    [...records.values()].some((ids) => ids.some((id) => pinnedKeys.has(`${id.kind}:${id.value}`)));
  // Both sides need an identifier of their own: the pins are what joins them.
  if (!anyPinned(own) || !anyPinned(other)) {
    throw new DomainError(
      "BAD_INPUT",
      "Every email, phone and X-Series id of one of the two customers is shared with other customers too: merging would pull them in. Pin the one that is this person's instead.",
    );
  }
  const reason = input.reason ?? "merged by an operator";
  await pin(tx, pinned, customerId, reason);
  // The other customer's earlier pins (a split's) now point here, or they would hold records back.
  await tx.identityPin.updateMany({
    where: { customerId: otherCustomerId },
    data: { customerId, reason },
  });
  await tx.identityEvent.create({
    data: {
      customerId,
      kind: "MERGE",
      otherCustomerId,
      sourceRecord: [...other.keys()].join(", ").slice(0, 1_000),
      reason: `merge: ${reason}`,
    },
  });
  await resolveCustomers(
    tx,
    { recordKeys: [...both], customerIds: [customerId, otherCustomerId] },
    rules,
  );
  const after = await tx.identityRecord.findMany({
    where: { key: { in: [...other.keys()] } },
    select: { key: true, customerId: true },
  });
  const joining = after.filter((r) => r.customerId === customerId).map((r) => r.key);
  const records = await tx.identityRecord.count({ where: { customerId } });
  const otherRow = await tx.customer.findUniqueOrThrow({
    where: { id: otherCustomerId },
    select: { mergedIntoId: true },
  });
  return {
    customerId,
    otherCustomerId,
    joining: joining.sort(),
    staying: after
      .filter((r) => r.customerId !== customerId)
      .map((r) => r.key)
      .sort(),
    pinned,
    before,
    after: await totalsOf(tx, customerId, records),
    otherMergedInto: otherRow.mergedIntoId,
  };
}

async function totalsOf(tx: Tx, customerId: string, records: number): Promise<CustomerTotals> {
  const orders = await tx.order.aggregate({
    where: { customerId, countsInAnalytics: true },
    _count: { _all: true },
    _sum: { total: true },
  });
  return {
    records,
    orders: orders._count._all,
    totalSpend: new Decimal((orders._sum.total ?? 0).toString()),
  };
}

function uniqueIdentifiers(ids: Identifier[]): Identifier[] {
  const byKey = new Map(ids.map((id) => [`${id.kind}:${id.value}`, id] as const));
  return [...byKey.values()];
}
