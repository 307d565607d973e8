// The split's preview: the real split run in a transaction that is rolled back, so the records it
// lists (chosen, companions, and any the re-resolution takes along) are exactly what the split moves.
import type { Database } from "@greenloop/db";
import type { Identifier } from "@greenloop/order-sync/identity";
import { dryRunInMergeTransaction } from "./dry-run";
import type { MergeRules } from "./merge-rules";
import { type SplitInput, splitInTransaction } from "./split-customer";
import type { SplitMoveReason, SplitRefusal } from "./split-plan";

export type SplitPreview =
  | { refusal: SplitRefusal }
  | {
      refusal: null;
      moves: Array<{ key: string; reason: SplitMoveReason }>;
      sharedIdentifiers: Identifier[];
    };

/** What `splitCustomer` would move for these records, each with its reason; changes nothing. */
export async function previewSplit(
  db: Pick<Database, "prisma">,
  input: Pick<SplitInput, "customerId" | "records">,
  rules: MergeRules,
): Promise<SplitPreview> {
  const outcome = await dryRunInMergeTransaction(db, (tx) => splitInTransaction(tx, input, rules));
  if (outcome.refusal) return { refusal: outcome.refusal };
  return {
    refusal: null,
    // The new customer's id is not kept: the real split makes its own.
    moves: outcome.moves.map(({ key, reason }) => ({ key, reason })),
    sharedIdentifiers: outcome.sharedIdentifiers,
  };
}
