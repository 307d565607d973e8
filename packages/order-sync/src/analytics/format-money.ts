// Money is a Decimal everywhere and is rounded only here, for display, so sums never drift.
import Decimal from "decimal.js";

/**
 * `1234.5` → `"1234.50"`: two decimals, half-up (a tie rounds away from zero, so -0.005 becomes
 * "-0.01"), no grouping or currency sign so JSON consumers can parse it back.
 */
export function formatMoney(amount: Decimal): string {
  const rounded = amount.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  // -0.001 rounds to a negative zero, which would print as "-0.00".
  return (rounded.isZero() ? new Decimal(0) : rounded).toFixed(2);
}
