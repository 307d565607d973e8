// The store owner's overview: totals, week-by-week and month-by-month trends, new versus
// returning customers, and the channel mix. Same order selection as the customer metrics, so the
// customers' lifetime values add up to attributedSpend.
import Decimal from "decimal.js";
import type { AnalyticsConfig } from "./analytics-config";
import { netSpendOf, type OrderChannel, selectCountedOrders } from "./analytics-order";
import { resolveFirstOrderDates, type StoreOrder } from "./store-order";
import { addPeriods, type CalendarPeriod, isoWeekOf, utcMonthOf } from "./utc-calendar";

export interface SummarizeStoreOptions {
  orders: readonly StoreOrder[];
  /**
   * Each customer's first counted order over all history; needed when `orders` is a slice of
   * it, otherwise derived from `orders`.
   */
  customerFirstOrderAt?: ReadonlyMap<string, Date>;
  /** The end of the summary: later orders are ignored, and the last period is asOf's. */
  asOf: Date;
  config: AnalyticsConfig;
}

export interface ChannelShare {
  orderCount: number;
  netSpend: Decimal;
  /** Share of the orders, 0..1; null without orders. */
  orderShare: number | null;
  /** Share of net spend; null when net spend is zero. */
  spendShare: number | null;
}

export type ChannelMix = Record<OrderChannel, ChannelShare>;

export interface PeriodSummary extends CalendarPeriod {
  orderCount: number;
  netSpend: Decimal;
  averageOrderValue: Decimal | null;
  /** Distinct customers who ordered in the period (walk-ins not included). */
  activeCustomers: number;
  /** Active customers whose first order falls in the period. */
  newCustomers: number;
  /** Active customers whose first order was before the period. */
  returningCustomers: number;
  channelMix: ChannelMix;
  /** netSpend minus the previous period's; null for the first period. */
  netSpendChange: Decimal | null;
}

export interface StoreSummary {
  orderCount: number;
  /** Net spend over every counted order, walk-ins included. */
  totalSpend: Decimal;
  averageOrderValue: Decimal | null;
  /** Net spend of orders with a customer: the sum of the customers' totalSpend. */
  attributedSpend: Decimal;
  anonymousOrderCount: number;
  /** Distinct customers with a counted order. */
  customerCount: number;
  channelMix: ChannelMix;
  /** ISO weeks, oldest first, from the first order's week to asOf's, empty weeks included. */
  byWeek: PeriodSummary[];
  /** UTC months, oldest first, from the first order's month to asOf's, empty months included. */
  byMonth: PeriodSummary[];
}

export function summarizeStore({
  orders,
  customerFirstOrderAt,
  asOf,
  config,
}: SummarizeStoreOptions): StoreSummary {
  const counted = selectCountedOrders(orders, {
    asOf,
    countFullyRefundedOrders: config.countFullyRefundedOrders,
  });
  const firstOrderAt = resolveFirstOrderDates(counted, customerFirstOrderAt, asOf);

  const totals = new SalesAccumulator();
  let attributedSpend = new Decimal(0);
  for (const order of counted) {
    totals.add(order);
    if (order.customerId !== null) attributedSpend = attributedSpend.plus(netSpendOf(order));
  }

  return {
    orderCount: totals.orderCount,
    totalSpend: totals.netSpend,
    averageOrderValue: totals.averageOrderValue(),
    attributedSpend,
    anonymousOrderCount: counted.filter((order) => order.customerId === null).length,
    customerCount: totals.customers.size,
    channelMix: totals.channelMix(),
    byWeek: summarizePeriods(counted, firstOrderAt, asOf, "week"),
    byMonth: summarizePeriods(counted, firstOrderAt, asOf, "month"),
  };
}

function summarizePeriods(
  counted: readonly StoreOrder[],
  firstOrderAt: ReadonlyMap<string, Date>,
  asOf: Date,
  granularity: "week" | "month",
): PeriodSummary[] {
  const periodOf = granularity === "week" ? isoWeekOf : utcMonthOf;
  const byPeriod = new Map<string, SalesAccumulator>();
  let earliest: Date | null = null;
  for (const order of counted) {
    const key = periodOf(order.placedAt).key;
    const accumulator = byPeriod.get(key) ?? new SalesAccumulator();
    accumulator.add(order);
    byPeriod.set(key, accumulator);
    if (earliest === null || order.placedAt < earliest) earliest = order.placedAt;
  }
  if (earliest === null) return [];

  // Walking period by period keeps empty weeks and months in the trend as zeros.
  const lastStart = periodOf(asOf).start.getTime();
  const summaries: PeriodSummary[] = [];
  let previousSpend: Decimal | null = null;
  for (
    let period = periodOf(earliest);
    period.start.getTime() <= lastStart;
    period = addPeriods(period, granularity, 1)
  ) {
    const accumulator = byPeriod.get(period.key) ?? new SalesAccumulator();
    let newCustomers = 0;
    for (const customerId of accumulator.customers) {
      const first = firstOrderAt.get(customerId);
      if (first === undefined || first >= period.start) newCustomers += 1;
    }
    summaries.push({
      ...period,
      orderCount: accumulator.orderCount,
      netSpend: accumulator.netSpend,
      averageOrderValue: accumulator.averageOrderValue(),
      activeCustomers: accumulator.customers.size,
      newCustomers,
      returningCustomers: accumulator.customers.size - newCustomers,
      channelMix: accumulator.channelMix(),
      netSpendChange: previousSpend === null ? null : accumulator.netSpend.minus(previousSpend),
    });
    previousSpend = accumulator.netSpend;
  }
  return summaries;
}

/** Running totals of one set of orders. */
class SalesAccumulator {
  orderCount = 0;
  netSpend = new Decimal(0);
  readonly customers = new Set<string>();
  private readonly channels: Record<OrderChannel, { orderCount: number; netSpend: Decimal }> = {
    RETAIL: { orderCount: 0, netSpend: new Decimal(0) },
    ECOM: { orderCount: 0, netSpend: new Decimal(0) },
  };

  add(order: StoreOrder): void {
    const net = netSpendOf(order);
    this.orderCount += 1;
    this.netSpend = this.netSpend.plus(net);
    if (order.customerId !== null) this.customers.add(order.customerId);
    const channel = this.channels[order.channel];
    channel.orderCount += 1;
    channel.netSpend = channel.netSpend.plus(net);
  }

  averageOrderValue(): Decimal | null {
    return this.orderCount === 0 ? null : this.netSpend.div(this.orderCount);
  }

  channelMix(): ChannelMix {
    const share = ({ orderCount, netSpend }: { orderCount: number; netSpend: Decimal }) => ({
      orderCount,
      netSpend,
      orderShare: this.orderCount === 0 ? null : orderCount / this.orderCount,
      spendShare: this.netSpend.isZero() ? null : netSpend.div(this.netSpend).toNumber(),
    });
    return { RETAIL: share(this.channels.RETAIL), ECOM: share(this.channels.ECOM) };
  }
}
