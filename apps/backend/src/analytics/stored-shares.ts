// A customer's favourite categories and brands as CustomerMetrics keeps them (categoryShares,
// brandShares: jsonb): name, share 0..1, spend as exact decimal text.
import type { SpendShare } from "@greenloop/order-sync/analytics";
import Decimal from "decimal.js";
import { z } from "zod";

export interface StoredShare {
  name: string;
  share: number;
  /** Exact decimal text. */
  spend: string;
}

const storedSharesSchema = z.array(
  z.object({ name: z.string(), share: z.number(), spend: z.string() }),
);

export function toStoredShares(shares: readonly SpendShare[]): StoredShare[] {
  return shares.map(({ name, share, spend }) => ({ name, share, spend: spend.toString() }));
}

/** The column's value read back; a row written before the column existed holds `[]`. */
export function parseStoredShares(
  value: unknown,
): Array<{ name: string; share: number; spend: Decimal }> {
  return storedSharesSchema
    .parse(value)
    .map(({ name, share, spend }) => ({ name, share, spend: new Decimal(spend) }));
}
