// A customer's favourite categories and brands: what takes the largest share of their spend. By
// spend, not quantity: a gram of flower and a vape cartridge are not comparable units, dollars are.
import Decimal from "decimal.js";
import type { AnalyticsOrder, AnalyticsOrderItem } from "./analytics-order";

export interface SpendShare {
  name: string;
  /** spend / the customer's whole line spend (0..1): a statistic, so a float. */
  share: number;
  spend: Decimal;
}

/**
 * Spend per `keyOf(line)` over the orders' lines, largest first (ties by name, by code unit, so
 * every machine orders them alike), top `limit`. The whole is every line's total, lines of unknown
 * key included: a customer who buys mostly uncategorised products has small shares, not inflated
 * ones. Keys with no positive spend (returned in full) are no favourite; a whole of zero or less
 * (nothing bought, or more returned than bought) gives none.
 */
export function spendSharesOf(
  orders: readonly AnalyticsOrder[],
  keyOf: (item: AnalyticsOrderItem) => string | null | undefined,
  limit: number,
): SpendShare[] {
  let whole = new Decimal(0);
  const spendByKey = new Map<string, Decimal>();
  for (const order of orders) {
    for (const item of order.items ?? []) {
      whole = whole.plus(item.total);
      const key = keyOf(item)?.trim();
      if (key === undefined || key === "") continue;
      spendByKey.set(key, (spendByKey.get(key) ?? new Decimal(0)).plus(item.total));
    }
  }
  if (whole.lte(0)) return [];
  return [...spendByKey]
    .filter(([, spend]) => spend.gt(0))
    .sort(([a, x], [b, y]) => y.cmp(x) || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, limit)
    .map(([name, spend]) => ({ name, spend, share: spend.div(whole).toNumber() }));
}
