// The store's spend and orders per product category over time (the Overview's category mix): the
// definition the SQL view (apps/backend analytics/store-views-categories.ts) is held to. Counted
// orders only, as every store figure; a line's spend is its total as the source gives it (partial
// refunds are not spread over lines); lines of unknown category count as "Uncategorised".
import Decimal from "decimal.js";
import { type StorePeriodGranularity, storePeriodStart } from "../store-time/store-period-start";
import { type AnalyticsOrderItem, selectCountedOrders } from "./analytics-order";
import type { StoreOrder } from "./store-order";

export const UNCATEGORISED = "Uncategorised";

export interface CategoryFigures {
  category: string;
  /** Counted orders with at least one line in the category. */
  orderCount: number;
  /** The lines' totals. */
  spend: Decimal;
}

export interface CategoryMixPeriod {
  /** 00:00 store time on the period's first day. */
  start: Date;
  /** In the order of CategoryMix.categories; categories without lines in the period left out. */
  categories: CategoryFigures[];
}

export interface CategoryMix {
  /** Over the whole range: by spend, largest first, "Uncategorised" last. */
  categories: CategoryFigures[];
  /** From the period of the first counted order in the range to asOf's, empty ones included. */
  periods: CategoryMixPeriod[];
}

export interface CategoryMixOptions {
  asOf: Date;
  from?: Date | undefined;
  granularity: Exclude<StorePeriodGranularity, "day">;
  timeZone: string;
  countFullyRefundedOrders: boolean;
}

/** A line's category as the store views name it: trimmed, "Uncategorised" when unknown or blank. */
export function categoryNameOf(item: Pick<AnalyticsOrderItem, "category">): string {
  const name = item.category?.trim();
  return name ? name : UNCATEGORISED;
}

/** Largest spend first, ties by name in code-unit order, "Uncategorised" always last. */
export function compareCategories(a: CategoryFigures, b: CategoryFigures): number {
  if ((a.category === UNCATEGORISED) !== (b.category === UNCATEGORISED)) {
    return a.category === UNCATEGORISED ? 1 : -1;
  }
  return b.spend.cmp(a.spend) || (a.category < b.category ? -1 : a.category > b.category ? 1 : 0);
}

export function summarizeCategoryMix(
  orders: readonly StoreOrder[],
  options: CategoryMixOptions,
): CategoryMix {
  const { asOf, from, granularity, timeZone } = options;
  const counted = selectCountedOrders(orders, options).filter(
    (order) => from === undefined || order.placedAt.getTime() >= from.getTime(),
  );
  const totals = new Map<string, CategoryFigures>();
  const byPeriod = new Map<number, Map<string, CategoryFigures>>();
  const add = (
    into: Map<string, CategoryFigures>,
    category: string,
    spend: Decimal,
    newOrder: boolean,
  ) => {
    const current = into.get(category) ?? { category, orderCount: 0, spend: new Decimal(0) };
    into.set(category, {
      category,
      orderCount: current.orderCount + (newOrder ? 1 : 0),
      spend: current.spend.plus(spend),
    });
  };
  let first: number | null = null;
  for (const order of counted) {
    const start = storePeriodStart(order.placedAt, granularity, 0, timeZone).getTime();
    first = first === null ? start : Math.min(first, start);
    const period = byPeriod.get(start) ?? new Map<string, CategoryFigures>();
    byPeriod.set(start, period);
    const seen = new Set<string>();
    for (const item of order.items ?? []) {
      const category = categoryNameOf(item);
      add(totals, category, item.total, !seen.has(category));
      add(period, category, item.total, !seen.has(category));
      seen.add(category);
    }
  }
  const categories = [...totals.values()].sort(compareCategories);
  const rank = new Map(categories.map((c, index) => [c.category, index]));
  const periods: CategoryMixPeriod[] = [];
  if (first !== null) {
    const last = storePeriodStart(asOf, granularity, 0, timeZone).getTime();
    for (let start = first; start <= last; ) {
      const figures = [...(byPeriod.get(start)?.values() ?? [])].sort(
        (a, b) => (rank.get(a.category) ?? 0) - (rank.get(b.category) ?? 0),
      );
      periods.push({ start: new Date(start), categories: figures });
      start = storePeriodStart(new Date(start), granularity, -1, timeZone).getTime();
    }
  }
  return { categories, periods };
}
