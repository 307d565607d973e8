// The operator's corrections to a wrong merge. Both are pins (identifier → customer), stored apart
// from the data, so the identity resolution honours them on every later sync: a split stays split.
import { randomUUID } from "node:crypto";
import type { Database, IdentityKind, Prisma } from "@greenloop/db";
import { DomainError } from "@greenloop/order-sync/errors";
import type { Identifier } from "@greenloop/order-sync/identity";
import { inMergeTransaction } from "./merge-changes";
import type { MergeRules } from "./merge-rules";
import { resolveCustomers } from "./resolve-customers";
import {
  planSplit,
  type SplitMoveReason,
  type SplitRefusal,
  splitRefusalMessage,
} from "./split-plan";

type Tx = Prisma.TransactionClient;

export interface SplitResult {
  customerId: string;
  newCustomerId: string;
  /** The records that left the customer (after the re-resolution), in key order. */
  moved: string[];
  /** Identifiers carried by both sides: pinned to neither, so they stay flagged as shared. */
  sharedIdentifiers: Identifier[];
}

export interface SplitInput {
  customerId: string;
  records: string[];
  reason?: string | undefined;
}

/** What a split did (or, rolled back, would do): every record that left, and why. */
export type SplitOutcome =
  | { refusal: SplitRefusal }
  | {
      refusal: null;
      newCustomerId: string;
      moves: Array<{ key: string; reason: SplitMoveReason; toCustomerId: string }>;
      sharedIdentifiers: Identifier[];
    };

/**
 * Moves `records` out of the customer into a new one, and pins both sides apart. With
 * `expectedMoves` (the preview's records), refuses unless exactly those records would move.
 */
export function splitCustomer(
  db: Pick<Database, "prisma">,
  input: SplitInput & { expectedMoves?: string[] | undefined },
  rules: MergeRules,
): Promise<SplitResult> {
  return inMergeTransaction(db, async (tx) => {
    const outcome = await splitInTransaction(tx, input, rules);
    if (outcome.refusal) {
      throw new DomainError("BAD_INPUT", splitRefusalMessage(input.customerId, outcome.refusal));
    }
    const moved = outcome.moves.map((move) => move.key);
    if (input.expectedMoves && !sameKeys(moved, input.expectedMoves)) {
      // Thrown inside the transaction: nothing of the split is kept.
      throw new DomainError(
        "CONFLICT",
        `The customer's records changed since the preview: the split would now move ${moved.length} record(s), not the ${input.expectedMoves.length} previewed. Preview it again.`,
        { details: { customerId: input.customerId } },
      );
    }
    return {
      customerId: input.customerId,
      newCustomerId: outcome.newCustomerId,
      moved,
      sharedIdentifiers: outcome.sharedIdentifiers,
    };
  });
}

/** The split itself, in a transaction holding the merge lock: plan, pins, re-resolution. */
export async function splitInTransaction(
  tx: Tx,
  input: SplitInput,
  rules: MergeRules,
): Promise<SplitOutcome> {
  const own = await recordsOf(tx, input.customerId);
  const plan = planSplit(own, input.records);
  if (plan.refusal) return { refusal: plan.refusal };
  const newCustomerId = randomUUID();
  const reason = input.reason ?? "split by an operator";
  await tx.customer.create({ data: { id: newCustomerId } });
  await pin(tx, plan.movedOnly, newCustomerId, reason);
  await pin(tx, plan.keptOnly, input.customerId, reason);
  await tx.identityEvent.create({
    data: {
      customerId: input.customerId,
      kind: "PIN",
      otherCustomerId: newCustomerId,
      sourceRecord: plan.moves
        .map((move) => move.key)
        .join(", ")
        .slice(0, 1_000),
      reason: `split: ${reason}`,
    },
  });
  await resolveCustomers(
    tx,
    { recordKeys: [...own.keys()], customerIds: [input.customerId] },
    rules,
  );
  // What really left, which the pins and the re-resolution decide: the plan's records, and any
  // record the resolution put with them (reported, never hidden).
  const after = await tx.identityRecord.findMany({
    where: { key: { in: [...own.keys()] } },
    select: { key: true, customerId: true },
  });
  const planned = new Map(plan.moves.map((move) => [move.key, move.reason]));
  const moves = after
    .filter((row) => row.customerId !== input.customerId)
    .map((row) => ({
      key: row.key,
      reason: planned.get(row.key) ?? sharedWithMoving(own, row.key, planned),
      toCustomerId: row.customerId ?? newCustomerId,
    }))
    .sort((a, b) => (a.key < b.key ? -1 : 1));
  if (moves.length === own.size) {
    // The staying records only carried identifiers the moving ones carry too, and followed them:
    // that is no split. (The caller's transaction is rolled back by the refusal.)
    return { refusal: { kind: "nothing_or_everything", moving: moves.length, total: own.size } };
  }
  return { refusal: null, newCustomerId, moves, sharedIdentifiers: plan.shared };
}

/** Why the resolution moved a record the plan did not name: an identifier it shares with one. */
function sharedWithMoving(
  own: ReadonlyMap<string, Identifier[]>,
  key: string,
  planned: ReadonlyMap<string, SplitMoveReason>,
): SplitMoveReason {
  const ids = own.get(key) ?? [];
  for (const other of planned.keys()) {
    const shared = (own.get(other) ?? []).find((id) =>
      ids.some((i) => i.kind === id.kind && i.value === id.value),
    );
    if (shared) return { kind: "linked", identifier: shared, with: other };
  }
  return { kind: "linked", identifier: null, with: null };
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(b);
  return a.length === set.size && a.every((key) => set.has(key));
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

export async function recordsOf(tx: Tx, customerId: string): Promise<Map<string, Identifier[]>> {
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

export async function pin(
  tx: Tx,
  ids: Identifier[],
  customerId: string,
  reason: string,
): Promise<void> {
  for (const id of ids) {
    await tx.identityPin.upsert({
      where: { kind_value: { kind: id.kind as IdentityKind, value: id.value } },
      create: { kind: id.kind as IdentityKind, value: id.value, customerId, reason },
      update: { customerId, reason },
    });
  }
}
