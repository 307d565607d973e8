// The rules behind the labels on a customer (tier, VIP, inactivity, churn risk), taken from the
// configuration the analytics run with, so the dashboard's legend states the store's actual
// thresholds rather than the defaults it was written against.
import type { AnalyticsConfig } from "@greenloop/order-sync/analytics";
import type Decimal from "decimal.js";

export interface LabelDefinitions {
  /** The tier's window: net spend over this many UTC days, today included. */
  rollingWindowDays: number;
  /** Lowest first. */
  tiers: Array<{ name: string; minRollingSpend: Decimal }>;
  /** Whether a customer without a counted order holds no tier (rather than the lowest). */
  tierRequiresOrder: boolean;
  vip: { minLifetimeValue: Decimal; minOrderCount: number | null };
  /** Days since the last order from which each inactivity segment starts. */
  inactivityFromDays: { "30d": number; "60d": number; "90d+": number };
  /** Churn risk labels: medium from, high from (0..1). */
  churnRisk: { mediumFrom: number; highFrom: number };
}

export function describeLabelDefinitions(config: AnalyticsConfig): LabelDefinitions {
  return {
    rollingWindowDays: config.rollingWindowDays,
    tiers: [...config.loyaltyTiers]
      .sort((a, b) => a.minRollingSpend.cmp(b.minRollingSpend))
      .map((tier) => ({ name: tier.name, minRollingSpend: tier.minRollingSpend })),
    tierRequiresOrder: config.tierRequiresOrder,
    vip: { ...config.vip },
    inactivityFromDays: { ...config.inactivityFromDays },
    churnRisk: { mediumFrom: config.churnRisk.mediumFrom, highFrom: config.churnRisk.highFrom },
  };
}
