// A customer's predictions as a store owner reads them (next order date, churn probability and
// band, 365-day orders and spend), or why some are withheld.
import Decimal from "decimal.js";
import type { AnalyticsConfig } from "./analytics-config";
import type { ChurnRiskLabel } from "./churn-risk";
import { type BgNbdParams, medianTimeToNextPurchase } from "./clv/index";
import type { PredictionGateReport } from "./prediction-gates";

/**
 * Why predictions are withheld, and which: `store_not_eligible`, `no_model` and `no_orders`
 * withhold all of them; `single_order` the next order date and churn (BG/NBD lets a customer
 * leave only after a repeat purchase, so it calls every one-order customer certainly active);
 * `probably_inactive` the next order date alone.
 */
export const predictionWithheldCodes = [
  "store_not_eligible",
  "no_model",
  "no_orders",
  "single_order",
  "probably_inactive",
] as const;
export type PredictionWithheldCode = (typeof predictionWithheldCodes)[number];

export interface PredictionWithheld {
  code: PredictionWithheldCode;
  message: string;
}

export interface NextOrderPrediction {
  nextOrderAt: Date | null;
  /** The customer's own reason (the store's gates are applied where predictions are read). */
  withheld: PredictionWithheldCode | null;
}

/**
 * The next order date: asOf plus the median wait to an active customer's next purchase
 * (`medianTimeToNextPurchase`), i.e. the date by which, if still active, they are as likely as
 * not to have ordered again. It starts from asOf, not from the last order: the silence since then
 * is part of what the model conditions on.
 */
export function predictNextOrder(input: {
  asOf: Date;
  /** The BG/NBD summary, in periods of `periodDays`; null without counted orders. */
  clv: { frequency: number; T: number } | null;
  probabilityAlive: number | null;
  bgNbd: BgNbdParams | null;
  periodDays: number;
  config: Pick<AnalyticsConfig, "predictions">;
}): NextOrderPrediction {
  const { asOf, clv, probabilityAlive, bgNbd } = input;
  if (clv === null) return { nextOrderAt: null, withheld: "no_orders" };
  if (bgNbd === null || probabilityAlive === null)
    return { nextOrderAt: null, withheld: "no_model" };
  if (clv.frequency === 0) return { nextOrderAt: null, withheld: "single_order" };
  if (probabilityAlive < input.config.predictions.minProbabilityAliveForNextOrder) {
    return { nextOrderAt: null, withheld: "probably_inactive" };
  }
  const periods = medianTimeToNextPurchase(bgNbd, clv);
  const at = asOf.getTime() + periods * input.periodDays * 86_400_000;
  // Beyond what a Date holds (an absurd fit): no date rather than an invalid one.
  if (!Number.isFinite(at) || Math.abs(at) > 8.64e15) {
    return { nextOrderAt: null, withheld: "no_model" };
  }
  return { nextOrderAt: new Date(at), withheld: null };
}

export interface CustomerPredictions {
  nextOrderAt: Date | null;
  /** 1 − P(alive) under BG/NBD. */
  churnProbability: number | null;
  churnBand: ChurnRiskLabel | null;
  predictedOrders365d: number | null;
  /** Money, rounded to cents (half up). */
  predictedSpend365d: Decimal | null;
  withheldReason: PredictionWithheld | null;
}

/** What is stored per customer (CustomerMetrics). */
export interface StoredPredictionFigures {
  expectedNextOrderAt: Date | null;
  predictionWithheldReason: string | null;
  churnRisk: number | null;
  churnRiskLabel: string | null;
  predictedPurchases365d: number | null;
  /** A Decimal (ours or Prisma's): read through its string form. */
  predictedValue365d: { toString(): string } | null;
}

/**
 * The stored figures with the store's gates applied: when the store fails one, every customer's
 * predictions are withheld, saying which gates failed. `gates` null: no full run has checked yet.
 */
export function presentPredictions(
  stored: StoredPredictionFigures,
  gates: PredictionGateReport | null,
): CustomerPredictions {
  const none: CustomerPredictions = {
    nextOrderAt: null,
    churnProbability: null,
    churnBand: null,
    predictedOrders365d: null,
    predictedSpend365d: null,
    withheldReason: null,
  };
  if (gates === null || !gates.eligible) {
    return { ...none, withheldReason: storeWithheld(gates) };
  }
  const code = customerWithheldCodeOf(stored.predictionWithheldReason);
  if (code === "no_model" || code === "no_orders") {
    return { ...none, withheldReason: { code, message: withheldMessages[code] } };
  }
  const churnKnown = code !== "single_order" && stored.churnRisk !== null;
  return {
    nextOrderAt: code === null ? stored.expectedNextOrderAt : null,
    churnProbability: churnKnown ? stored.churnRisk : null,
    churnBand: churnKnown ? bandOf(stored.churnRiskLabel) : null,
    predictedOrders365d: stored.predictedPurchases365d,
    predictedSpend365d:
      stored.predictedValue365d === null
        ? null
        : new Decimal(stored.predictedValue365d.toString()).toDecimalPlaces(
            2,
            Decimal.ROUND_HALF_UP,
          ),
    withheldReason: code === null ? null : { code, message: withheldMessages[code] },
  };
}

const withheldMessages: Record<CustomerWithheldCode, string> = {
  no_model: "No purchase model fitted yet: run a full analytics recompute.",
  no_orders: "No orders yet: nothing to predict from.",
  single_order:
    "One order so far: the model needs a repeat order to estimate when they will order next and whether they have left.",
  probably_inactive:
    "Most likely no longer a customer: no next order date is given for someone the model thinks has left.",
};

type CustomerWithheldCode = Exclude<PredictionWithheldCode, "store_not_eligible">;

/** The stored code, when it is one a customer can have (the store's is never stored). */
function customerWithheldCodeOf(stored: string | null): CustomerWithheldCode | null {
  return stored !== null && Object.hasOwn(withheldMessages, stored)
    ? (stored as CustomerWithheldCode)
    : null;
}

function storeWithheld(gates: PredictionGateReport | null): PredictionWithheld {
  if (gates === null) {
    return {
      code: "store_not_eligible",
      message:
        "The store's data has not been checked for predictions yet: run a full analytics recompute.",
    };
  }
  const failed = gates.gates.filter((gate) => !gate.passed).map((gate) => gate.description);
  return {
    code: "store_not_eligible",
    message: `The store's data does not support predictions yet. Needed: ${failed.join("; ")}.`,
  };
}

function bandOf(label: string | null): ChurnRiskLabel | null {
  return label === "low" || label === "medium" || label === "high" ? label : null;
}
