// A customer id as a caller may hold it (possibly merged away since): the live customer it leads to.
import type { Database } from "@greenloop/db";
import { DomainError } from "@greenloop/order-sync/errors";

export interface ResolvedCustomerId {
  /** The live customer. */
  customerId: string;
  requestedId: string;
  /** The survivor, when `requestedId` was merged into another customer; else null. */
  mergedInto: string | null;
}

// Merges re-point the loser at the survivor, so chains are short; the bound only guards a cycle.
const MAX_HOPS = 20;

export async function resolveCustomerId(
  db: Pick<Database, "prisma">,
  requestedId: string,
): Promise<ResolvedCustomerId> {
  let id = requestedId;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const row = await db.prisma.customer.findUnique({
      where: { id },
      select: { mergedIntoId: true, erasedAt: true },
    });
    // An erased customer answers like an unknown one: nothing of the person is left to show.
    if (!row || row.erasedAt) throw new DomainError("NOT_FOUND", `No customer ${requestedId}.`);
    if (row.mergedIntoId === null) {
      return { customerId: id, requestedId, mergedInto: id === requestedId ? null : id };
    }
    id = row.mergedIntoId;
  }
  throw new DomainError("INTERNAL", `Customer ${requestedId} leads to a merge cycle.`);
}
