// A customer's favourite products: what they buy most, by quantity, then spend (categories and
// brands rank by share of spend instead: spend-shares.ts).
import Decimal from "decimal.js";
import type { AnalyticsOrder } from "./analytics-order";

export interface FavouriteItem {
  name: string;
  quantity: Decimal;
  spend: Decimal;
}

/** Top products by name (trimmed; lines without a name are skipped). */
export function favouriteProductsOf(
  orders: readonly AnalyticsOrder[],
  limit: number,
): FavouriteItem[] {
  return rankFavourites(orders, (item) => item.name, limit);
}

function rankFavourites(
  orders: readonly AnalyticsOrder[],
  keyOf: (item: NonNullable<AnalyticsOrder["items"]>[number]) => string | null | undefined,
  limit: number,
): FavouriteItem[] {
  const totals = new Map<string, FavouriteItem>();
  for (const order of orders) {
    for (const item of order.items ?? []) {
      const name = keyOf(item)?.trim();
      if (name === undefined || name === "") continue;
      const current = totals.get(name) ?? {
        name,
        quantity: new Decimal(0),
        spend: new Decimal(0),
      };
      totals.set(name, {
        name,
        quantity: current.quantity.plus(item.quantity),
        spend: current.spend.plus(item.total),
      });
    }
  }
  // Names compare by code unit, not locale, so the order is the same on every machine.
  return [...totals.values()]
    .sort(
      (a, b) =>
        b.quantity.cmp(a.quantity) ||
        b.spend.cmp(a.spend) ||
        (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
    )
    .slice(0, limit);
}
