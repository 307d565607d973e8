// Whether the store has enough order history for per-customer predictions to be worth showing:
// Klaviyo's gates (help.klaviyo.com article 360020919731), each threshold configurable.
import type { AnalyticsConfig } from "./analytics-config";
import { utcDaysBetween } from "./utc-calendar";

/** What the gates measure, from the customers' counted orders at `asOf`. */
export interface StorePredictionFacts {
  asOf: Date;
  customersWithOrders: number;
  /** Customers with at least `repeatCustomerMinOrders` counted orders. */
  repeatCustomers: number;
  /** The order count `repeatCustomers` was counted at. */
  repeatCustomerMinOrders: number;
  firstOrderAt: Date | null;
  lastOrderAt: Date | null;
}

export const predictionGateIds = [
  "customersWithOrders",
  "historyDays",
  "recentOrder",
  "repeatCustomers",
] as const;
export type PredictionGateId = (typeof predictionGateIds)[number];

export interface PredictionGate {
  id: PredictionGateId;
  /** The rule in words, with its threshold. */
  description: string;
  threshold: number;
  /** The store's figure (days since the latest order for `recentOrder`); null without orders. */
  value: number | null;
  passed: boolean;
}

export interface PredictionGateReport {
  /** Every gate passed: predictions may be shown. */
  eligible: boolean;
  asOf: Date;
  gates: PredictionGate[];
}

export function evaluatePredictionGates(
  facts: StorePredictionFacts,
  config: Pick<AnalyticsConfig, "predictions">,
): PredictionGateReport {
  const thresholds = config.predictions.gates;
  const days = (at: Date | null) => (at === null ? null : utcDaysBetween(at, facts.asOf));
  const historyDays = days(facts.firstOrderAt);
  const daysSinceLastOrder = days(facts.lastOrderAt);
  // Counted at another order count than configured now (the setting changed since the last full
  // run): not a figure this gate can judge, so it fails until the next full run counts again.
  const repeatCounted = facts.repeatCustomerMinOrders === thresholds.repeatCustomerMinOrders;
  const gates: PredictionGate[] = [
    {
      id: "customersWithOrders",
      description: `At least ${thresholds.minCustomersWithOrders} customers with orders`,
      threshold: thresholds.minCustomersWithOrders,
      value: facts.customersWithOrders,
      passed: facts.customersWithOrders >= thresholds.minCustomersWithOrders,
    },
    {
      id: "historyDays",
      description: `At least ${thresholds.minHistoryDays} days of order history`,
      threshold: thresholds.minHistoryDays,
      value: historyDays,
      passed: historyDays !== null && historyDays >= thresholds.minHistoryDays,
    },
    {
      id: "recentOrder",
      description: `An order in the last ${thresholds.recentOrderWithinDays} days`,
      threshold: thresholds.recentOrderWithinDays,
      value: daysSinceLastOrder,
      passed: daysSinceLastOrder !== null && daysSinceLastOrder < thresholds.recentOrderWithinDays,
    },
    {
      id: "repeatCustomers",
      description: `At least ${thresholds.minRepeatCustomers} customers with ${thresholds.repeatCustomerMinOrders} or more orders`,
      threshold: thresholds.minRepeatCustomers,
      value: repeatCounted ? facts.repeatCustomers : null,
      passed: repeatCounted && facts.repeatCustomers >= thresholds.minRepeatCustomers,
    },
  ];
  return { eligible: gates.every((gate) => gate.passed), asOf: facts.asOf, gates };
}
