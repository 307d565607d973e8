// The customer lifecycle per store period, the "leaky bucket": who came in (new), who stayed
// (returning), who came back (won back), and who leaked out (lapsed, lost). This is the reference
// the SQL view (apps/backend analytics/store-views-lifecycle.ts) is tested against.
//
// Days are the store's calendar days (STORE_TIMEZONE): the gap between two orders is the
// difference of their store dates, and a threshold of N days is crossed at 00:00 store time on the
// date N days after the last order. Only counted orders (selectCountedOrders) by known customers
// (walk-ins have no history) up to asOf.
//
// Gains, for the customers with a counted order in the period (mutually exclusive; they add up to
// the summary's active customers, and returning + won back to its returning customers):
// - new: their first counted order ever is in the period;
// - won back: not new, and an order in the period came wonBackAfterDays or more days after the
//   customer's order before it (that one in the period or earlier);
// - returning: every other customer who ordered in the period.
// Losses, counted in the period in which the threshold is crossed (mutually exclusive: lost wins):
// - lapsed: lapsedAfterDays passed since their last order on a day in the period (up to asOf's
//   day), and they did not order again in that period (an order on the crossing day itself, or
//   later in the period, makes them won back instead);
// - lost: the same with lostAfterDays. A lost customer was counted lapsed in an earlier period.
// A customer is counted at most once among the gains and once among the losses of a period; both
// only when a threshold is shorter than the period (a lapse in a week with a 3-day threshold).
import { storeDayNumber, storeDayStart } from "../store-time/store-day";
import { storeMonthAt } from "../store-time/store-month";
import type { AnalyticsConfig } from "./analytics-config";
import { selectCountedOrders } from "./analytics-order";
import type { StoreOrder } from "./store-order";
import { type CalendarPeriod, isoWeekOf } from "./utc-calendar";

export type LifecycleGranularity = "week" | "month";

export interface LifecycleCounts {
  newCustomers: number;
  returningCustomers: number;
  wonBackCustomers: number;
  lapsedCustomers: number;
  lostCustomers: number;
}

export interface LifecyclePeriod extends CalendarPeriod, LifecycleCounts {
  /** asOf is before the period's end: its figures are "to date". */
  toDate: boolean;
}

export interface BuildLifecycleOptions {
  orders: readonly StoreOrder[];
  /** The first period is the one `from` falls in (whole periods only). */
  from: Date;
  /** The last period is asOf's; later orders are ignored, later crossings too. */
  asOf: Date;
  granularity: LifecycleGranularity;
  config: Pick<AnalyticsConfig, "countFullyRefundedOrders" | "lifecycle">;
  /** The store's zone (IANA name) whose calendar the days and periods are; default UTC. */
  timeZone?: string;
}

const DAY_MS = 86_400_000;
const gainOrder = ["returning", "wonBack", "new"] as const;
const lossOrder = ["lapsed", "lost"] as const;

/** One entry per period from from's to asOf's, oldest first, empty periods as zeros. */
export function buildLifecycle({
  orders,
  from,
  asOf,
  granularity,
  config,
  timeZone = "UTC",
}: BuildLifecycleOptions): LifecyclePeriod[] {
  const { wonBackAfterDays, lapsedAfterDays, lostAfterDays } = config.lifecycle;
  const counted = selectCountedOrders(orders, {
    asOf,
    countFullyRefundedOrders: config.countFullyRefundedOrders,
  });
  const periodOf = (day: number) => periodIdOfDay(day, granularity);
  const firstPeriod = periodOf(storeDayNumber(from, timeZone));
  const asOfDay = storeDayNumber(asOf, timeZone);
  const lastPeriod = periodOf(asOfDay);

  const gains = new Map<string, number>(); // `${period}:${customer}` → index in gainOrder
  const losses = new Map<string, number>(); // → index in lossOrder
  const mark = (marks: Map<string, number>, period: number, customer: string, rank: number) => {
    if (period < firstPeriod || period > lastPeriod) return;
    const key = `${period}:${customer}`;
    marks.set(key, Math.max(rank, marks.get(key) ?? -1));
  };

  for (const [customer, days] of orderDaysByCustomer(counted, timeZone)) {
    days.forEach((day, index) => {
      const previous = days[index - 1];
      const gain =
        previous === undefined
          ? "new"
          : day - previous >= wonBackAfterDays
            ? "wonBack"
            : "returning";
      mark(gains, periodOf(day), customer, gainOrder.indexOf(gain));

      const next = days[index + 1];
      for (const [rank, threshold] of [lapsedAfterDays, lostAfterDays].entries()) {
        const crossing = day + threshold;
        if (crossing > asOfDay || (next !== undefined && next < crossing)) continue;
        const period = periodOf(crossing);
        if (next !== undefined && periodOf(next) === period) continue;
        mark(losses, period, customer, rank);
      }
    });
  }

  const periods: LifecyclePeriod[] = [];
  const byId = new Map<number, LifecyclePeriod>();
  for (let id = firstPeriod; id <= lastPeriod; id = nextPeriodId(id, granularity)) {
    const { key, start, end } = describePeriod(id, granularity, timeZone);
    const period: LifecyclePeriod = {
      key,
      start,
      toDate: asOf.getTime() < end.getTime() - 1,
      newCustomers: 0,
      returningCustomers: 0,
      wonBackCustomers: 0,
      lapsedCustomers: 0,
      lostCustomers: 0,
    };
    periods.push(period);
    byId.set(id, period);
  }
  const countField = {
    new: "newCustomers",
    returning: "returningCustomers",
    wonBack: "wonBackCustomers",
    lapsed: "lapsedCustomers",
    lost: "lostCustomers",
  } as const;
  const tally = (marks: Map<string, number>, names: readonly (keyof typeof countField)[]) => {
    for (const [key, rank] of marks) {
      const period = byId.get(Number(key.slice(0, key.indexOf(":"))));
      const name = names[rank];
      if (period !== undefined && name !== undefined) period[countField[name]] += 1;
    }
  };
  tally(gains, gainOrder);
  tally(losses, lossOrder);
  return periods;
}

/** Each known customer's distinct store days with a counted order, ascending. */
function orderDaysByCustomer(orders: readonly StoreOrder[], timeZone: string) {
  const days = new Map<string, Set<number>>();
  for (const order of orders) {
    if (order.customerId === null) continue;
    let set = days.get(order.customerId);
    if (set === undefined) {
      set = new Set();
      days.set(order.customerId, set);
    }
    set.add(storeDayNumber(order.placedAt, timeZone));
  }
  return [...days].map(([customer, set]) => [customer, [...set].sort((a, b) => a - b)] as const);
}

/** A week is its Monday's day number; a month its index (year × 12 + month). */
function periodIdOfDay(day: number, granularity: LifecycleGranularity): number {
  if (granularity === "week") return day - ((((day + 3) % 7) + 7) % 7); // 1970-01-01 was a Thursday
  const date = new Date(day * DAY_MS);
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
}

function nextPeriodId(id: number, granularity: LifecycleGranularity): number {
  return granularity === "week" ? id + 7 : id + 1;
}

function describePeriod(id: number, granularity: LifecycleGranularity, timeZone: string) {
  if (granularity === "week") {
    return {
      key: isoWeekOf(new Date(id * DAY_MS)).key,
      start: storeDayStart(id, timeZone),
      end: storeDayStart(id + 7, timeZone),
    };
  }
  const { key, start } = storeMonthAt(id, timeZone);
  return { key, start, end: storeMonthAt(id + 1, timeZone).start };
}
