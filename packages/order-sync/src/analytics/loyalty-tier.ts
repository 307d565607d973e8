// The loyalty tier on rolling-window spend, and what the app's "Spend $X more to reach {next}!"
// needs: the next tier and the amount to it.
import Decimal from "decimal.js";
import type { AnalyticsConfig } from "./analytics-config";

export interface LoyaltyStanding {
  /** Null when the customer has no counted order and config.tierRequiresOrder is set. */
  tier: string | null;
  /** Null at the top tier. */
  nextTier: string | null;
  /** Rolling spend still missing for nextTier; 0 at the top tier. */
  amountToNextTier: Decimal;
}

export interface ResolveLoyaltyTierOptions {
  rollingSpend: Decimal;
  hasOrders: boolean;
  config: Pick<AnalyticsConfig, "loyaltyTiers" | "tierRequiresOrder">;
}

/** Thresholds are inclusive: exactly $250.00 is Sprout, $249.99 is Seed. */
export function resolveLoyaltyTier({
  rollingSpend,
  hasOrders,
  config,
}: ResolveLoyaltyTierOptions): LoyaltyStanding {
  const tiers = [...config.loyaltyTiers].sort((a, b) => a.minRollingSpend.cmp(b.minRollingSpend));
  const lowest = tiers[0];
  if (lowest === undefined) return { tier: null, nextTier: null, amountToNextTier: new Decimal(0) };

  // Refunds can push the window below the lowest minimum; the customer still holds that tier.
  let reachedIndex = 0;
  tiers.forEach((tier, index) => {
    if (tier.minRollingSpend.lte(rollingSpend)) reachedIndex = index;
  });
  const reached = tiers[reachedIndex] ?? lowest;
  const next = tiers[reachedIndex + 1];
  return {
    tier: hasOrders || !config.tierRequiresOrder ? reached.name : null,
    nextTier: next?.name ?? null,
    amountToNextTier:
      next === undefined ? new Decimal(0) : next.minRollingSpend.minus(rollingSpend),
  };
}
