// How likely a customer is to have stopped buying, 0..1, with a label the app can show.
import { DomainError } from "../errors/domain-error";
import type { AnalyticsConfig } from "./analytics-config";

export type ChurnRiskLabel = "low" | "medium" | "high";

export interface ChurnRisk {
  /** 0 = certainly still a customer, 1 = certainly gone. */
  risk: number;
  label: ChurnRiskLabel;
  /** Which estimate produced `risk`. */
  method: "probabilityAlive" | "recencyGap";
}

export interface ChurnRiskInput {
  /** P(alive) from a fitted BG/NBD model, when there is one. */
  probabilityAlive?: number | null;
  daysSinceLastOrder: number | null;
  meanDaysBetweenOrders: number | null;
}

/**
 * 1 − P(alive) when the model has given one: it weighs recency against the customer's whole
 * history and the population, which a rule of thumb cannot.
 *
 * Otherwise a fallback from recency against the customer's own rhythm: treating their orders as
 * arriving at random with their mean gap g, the chance that a still-active customer would have
 * ordered within the t days since their last order is 1 − e^(−t/g). The longer the silence
 * relative to their rhythm, the less it looks like an ordinary pause: t = g gives 0.63, t = 2g
 * 0.86, t = 0 gives 0. Customers with one order, or all orders on one day, have no rhythm yet
 * and use config.churnRisk.gapDaysWithoutHistory as g.
 *
 * Null for a customer without orders: there is nothing to lose yet.
 */
export function assessChurnRisk(
  { probabilityAlive, daysSinceLastOrder, meanDaysBetweenOrders }: ChurnRiskInput,
  config: Pick<AnalyticsConfig, "churnRisk">,
): ChurnRisk | null {
  if (probabilityAlive !== undefined && probabilityAlive !== null) {
    if (!(probabilityAlive >= 0 && probabilityAlive <= 1)) {
      throw new DomainError("BAD_INPUT", "Probability alive must be between 0 and 1", {
        details: { probabilityAlive },
      });
    }
    return labelled(1 - probabilityAlive, "probabilityAlive", config);
  }
  if (daysSinceLastOrder === null) return null;

  const gap =
    meanDaysBetweenOrders !== null && meanDaysBetweenOrders > 0
      ? meanDaysBetweenOrders
      : config.churnRisk.gapDaysWithoutHistory;
  const risk = 1 - Math.exp(-Math.max(0, daysSinceLastOrder) / gap);
  return labelled(risk, "recencyGap", config);
}

/** `high` from highFrom, `medium` from mediumFrom (both inclusive), else `low`. */
export function churnRiskLabelOf(
  risk: number,
  config: Pick<AnalyticsConfig, "churnRisk">,
): ChurnRiskLabel {
  if (risk >= config.churnRisk.highFrom) return "high";
  if (risk >= config.churnRisk.mediumFrom) return "medium";
  return "low";
}

function labelled(
  risk: number,
  method: ChurnRisk["method"],
  config: Pick<AnalyticsConfig, "churnRisk">,
): ChurnRisk {
  return { risk, label: churnRiskLabelOf(risk, config), method };
}
