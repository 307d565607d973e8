// Erasure of a customer (an account deletion request), in one transaction under the merge lock:
// the person's identifiers are recorded as hashes (so ingestion scrubs whatever brings them back),
// every table is scrubbed of their emails, phones, names, addresses and free text, and their
// identity-graph rows, sessions, codes and devices are deleted.
//
// Their orders are kept, still pointing at the customer row, which stays as an erased shell
// (`erasedAt` set, no name, no identities): store totals, channel mix and new-vs-returning counts
// are unchanged, while lookups and customer lists (which filter `erasedAt: null`) no longer see
// it. The merge keeps an erased person's records out of the identity graph and assigns their
// orders, including later ones, to the shell (see merge/rebuild-orders.ts).
//
// Who the person is: collect-erasure-subject.ts; the scrub of each table: scrub-person.ts.
import { randomUUID } from "node:crypto";
import type { Database, Prisma } from "@greenloop/db";
import { DomainError } from "@greenloop/order-sync/errors";
import { inMergeTransaction } from "../merge/merge-changes";
import { jobLockKeys } from "../scheduler/job-lock-keys";
import { collectErasureSubject } from "./collect-erasure-subject";
import { scrubPerson } from "./scrub-person";

type Tx = Prisma.TransactionClient;

export interface EraseCustomerInput {
  /** The customer to erase; a merged-away id is followed to the customer it was merged into. */
  customerId: string;
  /** Who ran it (an operator token's name): kept in the audit row. */
  requestedBy: string;
  reason?: string | null;
  now: Date;
}

export interface ErasureResult {
  erasureId: string;
  /** The erased customer (the survivor when a merged-away id was given). */
  customerId: string;
  erasedAt: Date;
  /** Rows changed per table: counts only. */
  removed: Record<string, number>;
  /** The customer had been erased before: nothing was changed this time. */
  alreadyErased: boolean;
}

export function eraseCustomer(
  db: Pick<Database, "prisma">,
  input: EraseCustomerInput,
): Promise<ErasureResult> {
  return inMergeTransaction(db, async (tx) => {
    // Waits for eCom import transactions in progress (they hold it shared) and holds off new ones.
    await tx.$queryRawUnsafe("SELECT pg_advisory_xact_lock($1)::text", jobLockKeys.erasure);
    const survivor = await findSurvivor(tx, input.customerId);
    if (survivor.erasedAt !== null) return previousErasure(tx, survivor.id);
    const person = await collectErasureSubject(tx, survivor.id);
    const erasureId = randomUUID();
    const removed = await scrubPerson(tx, person, erasureId, input.now);
    await tx.erasure.create({
      data: {
        id: erasureId,
        customerId: survivor.id,
        requestedBy: input.requestedBy,
        reason: input.reason ?? null,
        removed,
        erasedAt: input.now,
      },
      select: { id: true },
    });
    return {
      erasureId,
      customerId: survivor.id,
      erasedAt: input.now,
      removed,
      alreadyErased: false,
    };
  });
}

async function findSurvivor(tx: Tx, customerId: string) {
  let id = customerId;
  // Merges leave no chains (merge/write-resolution.ts); the bound only guards against a cycle.
  for (let hop = 0; hop < 10; hop++) {
    const customer = await tx.customer.findUnique({
      where: { id },
      select: { id: true, mergedIntoId: true, erasedAt: true },
    });
    if (!customer) throw new DomainError("NOT_FOUND", `No customer ${customerId}.`);
    if (customer.mergedIntoId === null) return customer;
    id = customer.mergedIntoId;
  }
  throw new DomainError("INTERNAL", `Customer ${customerId} is merged in a cycle.`);
}

async function previousErasure(tx: Tx, customerId: string): Promise<ErasureResult> {
  const erasure = await tx.erasure.findFirst({
    where: { customerId },
    orderBy: { erasedAt: "desc" },
    select: { id: true, customerId: true, erasedAt: true, removed: true },
  });
  if (!erasure) {
    throw new DomainError("INTERNAL", `Customer ${customerId} is erased but has no erasure row.`);
  }
  return {
    erasureId: erasure.id,
    customerId: erasure.customerId,
    erasedAt: erasure.erasedAt,
    removed: erasure.removed as Record<string, number>,
    alreadyErased: true,
  };
}
