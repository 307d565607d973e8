// What the store owner can tune without a code change. The defaults keep the GreenLoop scripts'
// definitions (greenloop-app.md §3.1) where app and scripts agree, and pick one where they do not.
import Decimal from "decimal.js";
import { DomainError } from "../errors/domain-error";

/** The app's `inactiveSegment` values (greenloop-app.md §2.1). */
export const inactivitySegments = ["active", "30d", "60d", "90d+"] as const;
export type InactivitySegment = (typeof inactivitySegments)[number];

export interface LoyaltyTierRule {
  name: string;
  /** Net spend over the rolling window from which the tier applies (inclusive). */
  minRollingSpend: Decimal;
}

export interface AnalyticsConfig {
  /**
   * The rolling window in UTC calendar days, asOf's own day included: 90 covers asOf's day and
   * the 89 before it. Measured like daysSinceLastOrder, so "no order in the window" and
   * daysSinceLastOrder >= rollingWindowDays are the same statement.
   */
  rollingWindowDays: number;
  /**
   * Tiers on rolling-window spend, the rule `constants/tiers.ts` and the tier sync use; the app's
   * lifetime-value tiering and the scripts' lifetime fallbacks are the inconsistency we drop.
   * Order does not matter: a customer gets the highest tier whose minimum they reach, and the
   * lowest tier when they reach none (a net-negative window after refunds).
   */
  loyaltyTiers: readonly LoyaltyTierRule[];
  /**
   * Customers without a single counted order get no tier (the scripts' `None`, which the tier
   * sync skips) rather than the lowest tier.
   */
  tierRequiresOrder: boolean;
  /**
   * Whole UTC days since the last order from which each segment starts; fewer days than the
   * smallest is `active`. Defaults are the scripts' `>= 30 / >= 60 / >= 90`.
   */
  inactivityFromDays: Record<Exclude<InactivitySegment, "active">, number>;
  /**
   * VIP on lifetime value. The scripts use LTV >= $1,000; the app's LTV >= $1,500 or >= 20 orders
   * read fields X-Series does not have (year-to-date spend, no order count), so the scripts'
   * rule is the default. Set minOrderCount to 20 to add the app's order-count path.
   */
  vip: { minLifetimeValue: Decimal; minOrderCount: number | null };
  /** High value: at least this lifetime value and not VIP (the scripts' $500 to < $1,000 band). */
  highValue: { minLifetimeValue: Decimal };
  /**
   * First-time buyer: first counted order fewer than `withinDays` UTC days before asOf (the
   * `analyzeFirstTimeBuyers` script's "Yes (30d)"). maxOrderCount, when set, also requires at most
   * that many orders so far.
   */
  firstTimeBuyer: { withinDays: number; maxOrderCount: number | null };
  /**
   * Risk labels: `high` from highFrom, `medium` from mediumFrom, else `low` (both in 0..1).
   * gapDaysWithoutHistory stands in for the mean gap between orders of a one-order customer.
   */
  churnRisk: { mediumFrom: number; highFrom: number; gapDaysWithoutHistory: number };
  /**
   * Whether an order refunded in full still counts as an order (count, recency, frequency). It
   * adds nothing to spend either way; by default it is treated as not having happened.
   */
  countFullyRefundedOrders: boolean;
  /** How many favourite products and categories to report. */
  favouritesLimit: number;
  /** Per-customer predictions and the store-wide gates before any are shown. */
  predictions: PredictionSettings;
  /**
   * The lifecycle per period (buildLifecycle), in whole store days between store dates:
   * won back = an order at least wonBackAfterDays after the customer's previous one; lapsed and
   * lost = lapsedAfterDays and lostAfterDays without an order (lost > lapsed). The defaults
   * match the `90d+` inactivity segment and give lost twice that.
   */
  lifecycle: { wonBackAfterDays: number; lapsedAfterDays: number; lostAfterDays: number };
}

/**
 * Klaviyo shows no predictions until a store has enough history to fit them on
 * (help.klaviyo.com article 360020919731): 500 customers with orders, 180 days of order history,
 * orders within the last 30 days, and "some" customers with 3 or more orders. The same gates,
 * each threshold configurable.
 */
export interface PredictionGateThresholds {
  minCustomersWithOrders: number;
  /** Whole UTC days from the store's first counted order to asOf. */
  minHistoryDays: number;
  /** The store's latest counted order fewer than this many whole UTC days before asOf. */
  recentOrderWithinDays: number;
  /** Customers with at least `repeatCustomerMinOrders` counted orders; Klaviyo says only "some". */
  minRepeatCustomers: number;
  repeatCustomerMinOrders: number;
}

export interface PredictionSettings {
  gates: PredictionGateThresholds;
  /**
   * Below this P(alive) a customer's next order date is withheld: they have most likely left, and
   * a date "if still active" would read as a promise.
   */
  minProbabilityAliveForNextOrder: number;
}

export const defaultAnalyticsConfig: AnalyticsConfig = {
  rollingWindowDays: 90,
  loyaltyTiers: [
    { name: "Seed", minRollingSpend: new Decimal(0) },
    { name: "Sprout", minRollingSpend: new Decimal(250) },
    { name: "Bloom", minRollingSpend: new Decimal(750) },
    { name: "Evergreen", minRollingSpend: new Decimal(1500) },
  ],
  tierRequiresOrder: true,
  inactivityFromDays: { "30d": 30, "60d": 60, "90d+": 90 },
  vip: { minLifetimeValue: new Decimal(1000), minOrderCount: null },
  highValue: { minLifetimeValue: new Decimal(500) },
  firstTimeBuyer: { withinDays: 30, maxOrderCount: null },
  churnRisk: { mediumFrom: 0.4, highFrom: 0.7, gapDaysWithoutHistory: 60 },
  countFullyRefundedOrders: false,
  favouritesLimit: 3,
  predictions: {
    gates: {
      minCustomersWithOrders: 500,
      minHistoryDays: 180,
      recentOrderWithinDays: 30,
      minRepeatCustomers: 10,
      repeatCustomerMinOrders: 3,
    },
    minProbabilityAliveForNextOrder: 0.1,
  },
  lifecycle: { wonBackAfterDays: 90, lapsedAfterDays: 90, lostAfterDays: 180 },
};

/**
 * Checks a configuration once where it is loaded, so a typo fails loudly instead of producing
 * plausible but wrong numbers. Throws a CONFIG DomainError naming the first bad setting.
 */
export function assertValidAnalyticsConfig(config: AnalyticsConfig): void {
  const fail = (setting: string, message: string): never => {
    throw new DomainError("CONFIG", `Analytics setting ${setting}: ${message}`, {
      details: { setting },
    });
  };
  const positiveInteger = (setting: string, value: number): void => {
    if (!Number.isInteger(value) || value <= 0) fail(setting, "must be a positive whole number");
  };

  positiveInteger("rollingWindowDays", config.rollingWindowDays);

  if (config.loyaltyTiers.length === 0) fail("loyaltyTiers", "needs at least one tier");
  const names = new Set<string>();
  const minimums = new Set<string>();
  for (const tier of config.loyaltyTiers) {
    if (tier.name.trim() === "") fail("loyaltyTiers", "a tier has no name");
    if (names.has(tier.name)) fail("loyaltyTiers", `tier ${tier.name} appears twice`);
    if (!tier.minRollingSpend.isFinite()) fail("loyaltyTiers", `${tier.name} needs a minimum`);
    // Two tiers on the same minimum would make the tier depend on list order.
    if (minimums.has(tier.minRollingSpend.toString())) {
      fail("loyaltyTiers", `two tiers start at ${tier.minRollingSpend.toString()}`);
    }
    names.add(tier.name);
    minimums.add(tier.minRollingSpend.toString());
  }

  const { "30d": from30, "60d": from60, "90d+": from90 } = config.inactivityFromDays;
  positiveInteger("inactivityFromDays.30d", from30);
  positiveInteger("inactivityFromDays.60d", from60);
  positiveInteger("inactivityFromDays.90d+", from90);
  if (!(from30 < from60 && from60 < from90)) fail("inactivityFromDays", "must increase");

  if (config.vip.minOrderCount !== null) {
    positiveInteger("vip.minOrderCount", config.vip.minOrderCount);
  }
  if (config.highValue.minLifetimeValue.gt(config.vip.minLifetimeValue)) {
    fail("highValue.minLifetimeValue", "must not exceed vip.minLifetimeValue");
  }

  positiveInteger("firstTimeBuyer.withinDays", config.firstTimeBuyer.withinDays);
  if (config.firstTimeBuyer.maxOrderCount !== null) {
    positiveInteger("firstTimeBuyer.maxOrderCount", config.firstTimeBuyer.maxOrderCount);
  }

  const { mediumFrom, highFrom, gapDaysWithoutHistory } = config.churnRisk;
  if (!(mediumFrom >= 0 && mediumFrom <= highFrom && highFrom <= 1)) {
    fail("churnRisk", "needs 0 <= mediumFrom <= highFrom <= 1");
  }
  if (!(gapDaysWithoutHistory > 0 && Number.isFinite(gapDaysWithoutHistory))) {
    fail("churnRisk.gapDaysWithoutHistory", "must be a positive number of days");
  }

  if (!Number.isInteger(config.favouritesLimit) || config.favouritesLimit < 0) {
    fail("favouritesLimit", "must be a whole number, 0 or more");
  }

  const { gates, minProbabilityAliveForNextOrder } = config.predictions;
  for (const [name, value] of Object.entries(gates)) {
    if (!Number.isInteger(value) || value < 0) {
      fail(`predictions.gates.${name}`, "must be a whole number, 0 or more");
    }
  }
  positiveInteger("predictions.gates.recentOrderWithinDays", gates.recentOrderWithinDays);
  positiveInteger("predictions.gates.repeatCustomerMinOrders", gates.repeatCustomerMinOrders);
  if (!(minProbabilityAliveForNextOrder >= 0 && minProbabilityAliveForNextOrder <= 1)) {
    fail("predictions.minProbabilityAliveForNextOrder", "must be between 0 and 1");
  }
  const { wonBackAfterDays, lapsedAfterDays, lostAfterDays } = config.lifecycle;
  positiveInteger("lifecycle.wonBackAfterDays", wonBackAfterDays);
  positiveInteger("lifecycle.lapsedAfterDays", lapsedAfterDays);
  positiveInteger("lifecycle.lostAfterDays", lostAfterDays);
  if (lostAfterDays <= lapsedAfterDays) {
    fail("lifecycle.lostAfterDays", "must be more than lifecycle.lapsedAfterDays");
  }
}
