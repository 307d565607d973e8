// The stored analytics keep 0 for a customer without orders where the definition says "none"
// (averageOrderValue is a NOT NULL column), and the loyalty tier library gives a tierless
// customer the way to the first tier. Staff and the app read "no orders" as "no average" and as
// "no tier progress" (a customer with orders but none in the tier window still sees the way to the
// first tier: that is what a tier nudge is for), so the figures are read through here.
import Decimal from "decimal.js";

interface StoredFigures {
  orderCount: number;
  averageOrderValue: { toString(): string };
  tier: string | null;
  nextTier: string | null;
  amountToNextTier: { toString(): string } | null;
}

/** totalSpend / orderCount; null without orders (never 0). */
export function averageOrderValueOf(m: StoredFigures): Decimal | null {
  return m.orderCount === 0 ? null : new Decimal(m.averageOrderValue.toString());
}

/** The next tier and the spend to it; none for a customer who has no order. */
export function tierProgressOf(m: StoredFigures): {
  nextTier: string | null;
  amountToNextTier: Decimal | null;
} {
  if (m.orderCount === 0) return { nextTier: null, amountToNextTier: null };
  return {
    nextTier: m.nextTier,
    amountToNextTier:
      m.amountToNextTier === null ? null : new Decimal(m.amountToNextTier.toString()),
  };
}
