// A merge-lock transaction that is always rolled back: the previews run the real correction (pins,
// re-resolution) and report what it did, so what they show is what the correction does, by
// construction rather than by a second copy of the rules.
import type { Database, Prisma } from "@greenloop/db";
import { inMergeTransaction } from "./merge-changes";

class RolledBack<T> {
  constructor(readonly value: T) {}
}

export async function dryRunInMergeTransaction<T>(
  db: Pick<Database, "prisma">,
  work: (tx: Prisma.TransactionClient) => Promise<T>,
): Promise<T> {
  try {
    await inMergeTransaction(db, async (tx) => {
      // Thrown, not returned: throwing is how an interactive transaction rolls back.
      throw new RolledBack(await work(tx));
    });
  } catch (error) {
    if (error instanceof RolledBack) return error.value as T;
    throw error;
  }
  throw new Error("unreachable: the dry run's transaction always rolls back");
}
