// The operator's corrections to a wrong merge. Both are pins (identifier → customer), stored apart
// from the data, so the identity resolution honours them on every later sync: a split stays split.
import { randomUUID } from "node:crypto";
import type { Database, IdentityKind, Prisma } from "@greenloop/db";
import { DomainError } from "@greenloop/order-sync/errors";
import type { Identifier } from "@greenloop/order-sync/identity";
import { inMergeTransaction } from "./merge-changes";
import type { MergeRules } from "./merge-rules";
import { resolveCustomers } from "./resolve-customers";

type Tx = Prisma.TransactionClient;

export interface SplitResult {
  customerId: string;
  newCustomerId: string;
  moved: string[];
  /** Identifiers carried by both sides: pinned to neither, so they stay flagged as shared. */
  sharedIdentifiers: Identifier[];
}

/** Moves `records` out of the customer into a new one, and pins both sides apart. */
export function splitCustomer(
  db: Pick<Database, "prisma">,
  input: { customerId: string; records: string[]; reason?: string },
  rules: MergeRules,
): Promise<SplitResult> {
  return inMergeTransaction(db, async (tx) => {
    const own = await recordsOf(tx, input.customerId);
    const unknown = input.records.filter((key) => !own.has(key));
    if (unknown.length > 0) {
      throw new DomainError(
        "BAD_INPUT",
        `Not records of customer ${input.customerId}: ${unknown.join(", ")}. Its records: ${[...own.keys()].join(", ")}.`,
      );
    }
    // An X-Series customer moves with its sales: the order records carrying its id.
    const movingIds = new Set(
      input.records.flatMap((key) =>
        (own.get(key) ?? []).filter((id) => id.kind === "RETAIL_CUSTOMER_ID").map((id) => id.value),
      ),
    );
    const moving = new Set([
      ...input.records,
      ...[...own]
        .filter(([, ids]) =>
          ids.some((id) => id.kind === "RETAIL_CUSTOMER_ID" && movingIds.has(id.value)),
        )
        .map(([key]) => key),
    ]);
    if (moving.size === 0 || moving.size === own.size) {
      throw new DomainError(
        "BAD_INPUT",
        "Name some but not all of the customer's records to move out (--record).",
      );
    }
    const idsOf = (keep: boolean) =>
      new Map(
        [...own]
          .filter(([key]) => moving.has(key) !== keep)
          .flatMap(([, ids]) => ids.map((id) => [`${id.kind}:${id.value}`, id] as const)),
      );
    const [moved, kept] = [idsOf(false), idsOf(true)];
    const shared = [...moved.keys()].filter((key) => kept.has(key));
    for (const key of moving) {
      const own_ = (own.get(key) ?? []).filter((id) => !kept.has(`${id.kind}:${id.value}`));
      if (own_.length === 0) {
        throw new DomainError(
          "BAD_INPUT",
          `Record ${key} carries nothing the rest of the customer does not (only shared identifiers): ` +
            "it cannot be told apart. Pin or block the shared identifier instead.",
        );
      }
    }
    const newCustomerId = randomUUID();
    const reason = input.reason ?? "split by an operator";
    await tx.customer.create({ data: { id: newCustomerId } });
    await pin(
      tx,
      [...moved.values()].filter((id) => !kept.has(`${id.kind}:${id.value}`)),
      newCustomerId,
      reason,
    );
    await pin(
      tx,
      [...kept.values()].filter((id) => !moved.has(`${id.kind}:${id.value}`)),
      input.customerId,
      reason,
    );
    await tx.identityEvent.create({
      data: {
        customerId: input.customerId,
        kind: "PIN",
        otherCustomerId: newCustomerId,
        sourceRecord: [...moving].join(", ").slice(0, 1_000),
        reason: `split: ${reason}`,
      },
    });
    await resolveCustomers(
      tx,
      { recordKeys: [...own.keys()], customerIds: [input.customerId] },
      rules,
    );
    return {
      customerId: input.customerId,
      newCustomerId,
      moved: [...moving].sort(),
      sharedIdentifiers: shared.map((key) => moved.get(key) as Identifier),
    };
  });
}

/** Pins one identifier to a customer: every record carrying it belongs there from now on. */
export function pinIdentifier(
  db: Pick<Database, "prisma">,
  input: { customerId: string; identifier: Identifier; reason?: string },
  rules: MergeRules,
): Promise<{ customerId: string; identifier: Identifier; records: string[] }> {
  return inMergeTransaction(db, async (tx) => {
    const own = await recordsOf(tx, input.customerId);
    const carriers = await tx.identityRecordIdentifier.findMany({
      where: { kind: input.identifier.kind as IdentityKind, value: input.identifier.value },
      select: { recordKey: true },
    });
    if (carriers.length === 0) {
      throw new DomainError(
        "NOT_FOUND",
        `No record carries ${input.identifier.kind} ${input.identifier.value}.`,
      );
    }
    const reason = input.reason ?? "pinned by an operator";
    await pin(tx, [input.identifier], input.customerId, reason);
    await tx.identityEvent.create({
      data: {
        customerId: input.customerId,
        kind: "PIN",
        identityKind: input.identifier.kind as IdentityKind,
        sourceRecord: `${input.identifier.kind}:${input.identifier.value}`,
        reason,
      },
    });
    const records = carriers.map((c) => c.recordKey);
    await resolveCustomers(
      tx,
      { recordKeys: [...new Set([...own.keys(), ...records])], customerIds: [input.customerId] },
      rules,
    );
    return { customerId: input.customerId, identifier: input.identifier, records: records.sort() };
  });
}

async function recordsOf(tx: Tx, customerId: string): Promise<Map<string, Identifier[]>> {
  const customer = await tx.customer.findUnique({
    where: { id: customerId },
    select: { mergedIntoId: true, erasedAt: true },
  });
  if (!customer) throw new DomainError("NOT_FOUND", `No customer ${customerId}.`);
  if (customer.erasedAt) {
    // Its records are gone by design: a split or pin would re-link the person's identifiers.
    throw new DomainError(
      "CONFLICT",
      `Customer ${customerId} was erased: nothing to split or pin.`,
    );
  }
  if (customer.mergedIntoId) {
    throw new DomainError(
      "CONFLICT",
      `Customer ${customerId} was merged into ${customer.mergedIntoId}: work on that one.`,
    );
  }
  const records = await tx.identityRecord.findMany({
    where: { customerId },
    select: { key: true, identifiers: true },
  });
  return new Map(records.map((r) => [r.key, r.identifiers as unknown as Identifier[]]));
}

async function pin(tx: Tx, ids: Identifier[], customerId: string, reason: string): Promise<void> {
  for (const id of ids) {
    await tx.identityPin.upsert({
      where: { kind_value: { kind: id.kind as IdentityKind, value: id.value } },
      create: { kind: id.kind as IdentityKind, value: id.value, customerId, reason },
      update: { customerId, reason },
    });
  }
}
