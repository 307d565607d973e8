// The yes/no labels the app and the tier sync act on: VIP, high value, first-time buyer.
import type Decimal from "decimal.js";
import type { AnalyticsConfig } from "./analytics-config";

export interface CustomerValue {
  lifetimeValue: Decimal;
  orderCount: number;
}

/** VIP at the lifetime-value minimum, or at the order-count minimum when one is configured. */
export function isVipCustomer(
  { lifetimeValue, orderCount }: CustomerValue,
  config: Pick<AnalyticsConfig, "vip">,
): boolean {
  const { minLifetimeValue, minOrderCount } = config.vip;
  return (
    lifetimeValue.gte(minLifetimeValue) || (minOrderCount !== null && orderCount >= minOrderCount)
  );
}

/** The band just below VIP: the two flags never both hold, as in the scripts. */
export function isHighValueCustomer(
  customer: CustomerValue,
  config: Pick<AnalyticsConfig, "vip" | "highValue">,
): boolean {
  return (
    !isVipCustomer(customer, config) &&
    customer.lifetimeValue.gte(config.highValue.minLifetimeValue)
  );
}

export interface FirstPurchase {
  /** Whole UTC days from the first counted order to asOf; null without orders. */
  daysSinceFirstOrder: number | null;
  orderCount: number;
}

/** First order fewer than `withinDays` days ago (and, if configured, few enough orders since). */
export function isFirstTimeBuyer(
  { daysSinceFirstOrder, orderCount }: FirstPurchase,
  config: Pick<AnalyticsConfig, "firstTimeBuyer">,
): boolean {
  const { withinDays, maxOrderCount } = config.firstTimeBuyer;
  return (
    daysSinceFirstOrder !== null &&
    daysSinceFirstOrder < withinDays &&
    (maxOrderCount === null || orderCount <= maxOrderCount)
  );
}
