// One customer's numbers as the app shows them, with one definition each (issue 7; the app and
// the scripts disagree today, greenloop-app.md §2.1 and §3).
import type Decimal from "decimal.js";
import type { AnalyticsConfig, InactivitySegment } from "./analytics-config";
import { type AnalyticsOrder, selectCountedOrders } from "./analytics-order";
import { isFirstTimeBuyer, isHighValueCustomer, isVipCustomer } from "./customer-flags";
import { type CustomerOrderSummary, summarizeCustomerOrders } from "./customer-order-summary";
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
  return customerMetricsFromSummary(summarizeCustomerOrders(counted, { asOf, config }), {
    asOf,
    config,
    favourites: {
      products: favouriteProductsOf(counted, config.favouritesLimit),
      categories: spendSharesOf(counted, (item) => item.category, config.favouritesLimit),
      brands: spendSharesOf(counted, (item) => item.brand, config.favouritesLimit),
    },
  });
}

/** A customer's favourites: top products, categories and brands of their counted orders' lines. */
export interface CustomerFavouriteLists {
  products: FavouriteItem[];
  categories: SpendShare[];
  brands: SpendShare[];
}

/**
 * Metrics of one customer from the summary of their counted orders (summarizeCustomerOrders, or
 * the same row from the database) and their favourites (none when not given).
 */
export function customerMetricsFromSummary(
  summary: CustomerOrderSummary,
  {
    asOf,
    config,
    favourites,
  }: ComputeCustomerMetricsOptions & { favourites?: CustomerFavouriteLists | undefined },
): CustomerMetricsResult {
  const { orderCount, ecomOrderCount, totalSpend, spend90d, firstOrderAt, lastOrderAt } = summary;
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
    orders90d: summary.orders90d,
    firstOrderAt,
    lastOrderAt,
    daysSinceLastOrder,
    // The mean of consecutive gaps telescopes to (last - first) / (n - 1).
    meanDaysBetweenOrders:
      firstOrderAt === null || lastOrderAt === null || orderCount < 2
        ? null
        : utcDaysBetween(firstOrderAt, lastOrderAt) / (orderCount - 1),
    onlineShare: orderCount === 0 ? null : ecomOrderCount / orderCount,
    favouriteProducts: favourites?.products ?? [],
    favouriteCategories: favourites?.categories ?? [],
    favouriteBrands: favourites?.brands ?? [],
    inactivitySegment: inactivitySegmentOf(daysSinceLastOrder, config),
    isVip: isVipCustomer(value, config),
    isHighValue: isHighValueCustomer(value, config),
    isFirstTimeBuyer: isFirstTimeBuyer({ daysSinceFirstOrder, orderCount }, config),
    firstPurchaseAt: firstOrderAt,
    ...resolveLoyaltyTier({ rollingSpend: spend90d, hasOrders: orderCount > 0, config }),
  };
}
