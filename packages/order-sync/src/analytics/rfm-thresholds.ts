// RFM scores for one customer between full runs. A full run scores the whole population
// (`scoreRfm`) and keeps, per dimension, the smallest value that earned each score; an incremental
// run scores a changed customer against those thresholds, so it never needs the population.
import Decimal from "decimal.js";
import type { RfmCustomer, RfmScore, RfmScores } from "./rfm";

export interface RfmThresholds {
  /** Most days since the last order that still earns score s (index s-2 for s = 2..5). */
  recencyMaxDays: Array<number | null>;
  /** Fewest orders that earn score s (index s-2). */
  frequencyMin: Array<number | null>;
  /** Least net spend that earns score s (index s-2), as a decimal string. */
  monetaryMin: Array<string | null>;
}

const scoresFrom2 = [2, 3, 4, 5] as const;

/** The thresholds a population's scores imply (null where no customer earned that score). */
export function rfmThresholdsOf(
  customers: readonly RfmCustomer[],
  scores: ReadonlyMap<string, RfmScores>,
): RfmThresholds {
  const pick = <T>(
    dimension: "r" | "f" | "m",
    value: (c: RfmCustomer) => T,
    better: (a: T, b: T) => boolean,
  ) =>
    scoresFrom2.map((s) => {
      let best: T | null = null;
      for (const customer of customers) {
        const score = scores.get(customer.id)?.[dimension];
        if (score === undefined || score < s) continue;
        const v = value(customer);
        // The weakest value still at or above score s is the threshold.
        if (best === null || better(best, v)) best = v;
      }
      return best;
    });
  return {
    recencyMaxDays: pick(
      "r",
      (c) => c.recencyDays,
      (a, b) => b > a,
    ),
    frequencyMin: pick(
      "f",
      (c) => c.frequency,
      (a, b) => b < a,
    ),
    monetaryMin: pick(
      "m",
      (c) => c.monetary.toString(),
      (a, b) => new Decimal(b).lt(a),
    ),
  };
}

/** The highest score whose threshold the customer meets (1 when none). */
export function scoreWithThresholds(
  customer: Omit<RfmCustomer, "id">,
  thresholds: RfmThresholds,
): RfmScores {
  const score = (meets: (index: number) => boolean): RfmScore => {
    let result: RfmScore = 1;
    scoresFrom2.forEach((s, index) => {
      if (meets(index)) result = s;
    });
    return result;
  };
  return {
    r: score((i) => {
      const max = thresholds.recencyMaxDays[i];
      return max !== null && max !== undefined && customer.recencyDays <= max;
    }),
    f: score((i) => {
      const min = thresholds.frequencyMin[i];
      return min !== null && min !== undefined && customer.frequency >= min;
    }),
    m: score((i) => {
      const min = thresholds.monetaryMin[i];
      return min !== null && min !== undefined && customer.monetary.gte(min);
    }),
  };
}
