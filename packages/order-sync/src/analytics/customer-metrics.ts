// One customer's numbers as the app shows them, with one definition each (issue 7; the app and
// the scripts disagree today, greenloop-app.md §2.1 and §3).
import Decimal from "decimal.js";
import type { AnalyticsConfig, InactivitySegment } from "./analytics-config";
import { type AnalyticsOrder, netSpendOf, selectCountedOrders } from "./analytics-order";
import { isFirstTimeBuyer, isHighValueCustomer, isVipCustomer } from "./customer-flags";
import { type FavouriteItem, favouriteProductsOf } from "./favourite-items";
import { inactivitySegmentOf } from "./inactivity-segment";
import { resolveLoyaltyTier } from "./loyalty-tier";
import { type SpendShare, spendSharesOf } from "./spend-shares";
import { utcDaysBetween } from "./utc-calendar";

export interface ComputeCustomerMetricsOptions {
  /** The moment the metrics describe; orders placed after it are ignored. */
  asOf: Date;
  config: AnalyticsConfig;
}

export interface CustomerMetricsResult {
  /** Counted orders: not voided or cancelled, placed by asOf (see selectCountedOrders). */
  orderCount: number;
  ecomOrderCount: number;
  retailOrderCount: number;
  /** Lifetime value: net spend over every counted order, eCom and in-store. */
  totalSpend: Decimal;
  /** totalSpend / orderCount, unrounded; null without orders. */
  averageOrderValue: Decimal | null;
  /** Net spend and orders in the rolling window (config.rollingWindowDays) ending on asOf. */
  spend90d: Decimal;
  orders90d: number;
  firstOrderAt: Date | null;
  lastOrderAt: Date | null;
  /** Whole UTC calendar days from the last order to asOf. */
  daysSinceLastOrder: number | null;
  /** UTC days from first to last order over the gaps between them; null with fewer than 2. */
  meanDaysBetweenOrders: number | null;
  /** eCom orders / orders, 0..1; null without orders. */
  onlineShare: number | null;
  favouriteProducts: FavouriteItem[];
  /** Top config.favouritesLimit categories by share of the counted orders' line spend. */
  favouriteCategories: SpendShare[];
  /** The same by brand. */
  favouriteBrands: SpendShare[];
  inactivitySegment: InactivitySegment | null;
  isVip: boolean;
  isHighValue: boolean;
  isFirstTimeBuyer: boolean;
  /** When the customer first bought: the first counted order, whether or not they are still new. */
  firstPurchaseAt: Date | null;
  tier: string | null;
  nextTier: string | null;
  amountToNextTier: Decimal;
}

/** Metrics of one customer from their canonical orders (in any order). */
export function computeCustomerMetrics(
  orders: readonly AnalyticsOrder[],
  { asOf, config }: ComputeCustomerMetricsOptions,
): CustomerMetricsResult {
  const counted = selectCountedOrders(orders, {
    asOf,
    countFullyRefundedOrders: config.countFullyRefundedOrders,
  });

  let totalSpend = new Decimal(0);
  let spend90d = new Decimal(0);
  let orders90d = 0;
  let ecomOrderCount = 0;
  let firstOrderAt: Date | null = null;
  let lastOrderAt: Date | null = null;
  for (const order of counted) {
    const net = netSpendOf(order);
    totalSpend = totalSpend.plus(net);
    if (utcDaysBetween(order.placedAt, asOf) < config.rollingWindowDays) {
      spend90d = spend90d.plus(net);
      orders90d += 1;
    }
    if (order.channel === "ECOM") ecomOrderCount += 1;
    if (firstOrderAt === null || order.placedAt < firstOrderAt) firstOrderAt = order.placedAt;
    if (lastOrderAt === null || order.placedAt > lastOrderAt) lastOrderAt = order.placedAt;
  }

  const orderCount = counted.length;
  const daysSinceLastOrder = lastOrderAt === null ? null : utcDaysBetween(lastOrderAt, asOf);
  const daysSinceFirstOrder = firstOrderAt === null ? null : utcDaysBetween(firstOrderAt, asOf);
  const value = { lifetimeValue: totalSpend, orderCount };

  return {
    orderCount,
    ecomOrderCount,
    retailOrderCount: orderCount - ecomOrderCount,
    totalSpend,
    averageOrderValue: orderCount === 0 ? null : totalSpend.div(orderCount),
    spend90d,
    orders90d,
    firstOrderAt,
    lastOrderAt,
    daysSinceLastOrder,
    // The mean of consecutive gaps telescopes to (last - first) / (n - 1).
    meanDaysBetweenOrders:
      firstOrderAt === null || lastOrderAt === null || orderCount < 2
        ? null
        : utcDaysBetween(firstOrderAt, lastOrderAt) / (orderCount - 1),
    onlineShare: orderCount === 0 ? null : ecomOrderCount / orderCount,
    favouriteProducts: favouriteProductsOf(counted, config.favouritesLimit),
    favouriteCategories: spendSharesOf(counted, (item) => item.category, config.favouritesLimit),
    favouriteBrands: spendSharesOf(counted, (item) => item.brand, config.favouritesLimit),
    inactivitySegment: inactivitySegmentOf(daysSinceLastOrder, config),
    isVip: isVipCustomer(value, config),
    isHighValue: isHighValueCustomer(value, config),
    isFirstTimeBuyer: isFirstTimeBuyer({ daysSinceFirstOrder, orderCount }, config),
    firstPurchaseAt: firstOrderAt,
    ...resolveLoyaltyTier({ rollingSpend: spend90d, hasOrders: orderCount > 0, config }),
  };
}
