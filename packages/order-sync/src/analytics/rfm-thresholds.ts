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
  // One pass: for each score s, the extreme value among the customers scoring at least s. Spend
  // is compared as Decimal and turned into a string once per threshold, not once per customer.
  const recencyMaxDays: Array<number | null> = [null, null, null, null];
  const frequencyMin: Array<number | null> = [null, null, null, null];
  const monetaryMin: Array<Decimal | null> = [null, null, null, null];
  for (const customer of customers) {
    const score = scores.get(customer.id);
    if (score === undefined) continue;
    for (let index = 0; index < scoresFrom2.length; index += 1) {
      const s = scoresFrom2[index] as number;
      if (score.r >= s) {
        const best = recencyMaxDays[index];
        if (best === null || best === undefined || customer.recencyDays > best) {
          recencyMaxDays[index] = customer.recencyDays;
        }
      }
      if (score.f >= s) {
        const best = frequencyMin[index];
        if (best === null || best === undefined || customer.frequency < best) {
          frequencyMin[index] = customer.frequency;
        }
      }
      if (score.m >= s) {
        const best = monetaryMin[index];
        if (best === null || best === undefined || customer.monetary.lt(best)) {
          monetaryMin[index] = customer.monetary;
        }
      }
    }
  }
  return {
    recencyMaxDays,
    frequencyMin,
    monetaryMin: monetaryMin.map((min) => (min === null ? null : min.toString())),
  };
}

/**
 * The spend thresholds as Decimals, parsed once per thresholds object: a full run scores every
 * customer against the same thresholds (which are never changed once made).
 */
const parsedMonetaryMin = new WeakMap<RfmThresholds, Array<Decimal | null>>();
function monetaryMinOf(thresholds: RfmThresholds): Array<Decimal | null> {
  let parsed = parsedMonetaryMin.get(thresholds);
  if (parsed === undefined) {
    parsed = thresholds.monetaryMin.map((min) =>
      min === null || min === undefined ? null : new Decimal(min),
    );
    parsedMonetaryMin.set(thresholds, parsed);
  }
  return parsed;
}

/** The highest score whose threshold the customer meets (1 when none). */
export function scoreWithThresholds(
  customer: Omit<RfmCustomer, "id">,
  thresholds: RfmThresholds,
): RfmScores {
  const monetaryMin = monetaryMinOf(thresholds);
  let r: RfmScore = 1;
  let f: RfmScore = 1;
  let m: RfmScore = 1;
  for (let index = 0; index < scoresFrom2.length; index += 1) {
    const s = scoresFrom2[index] as RfmScore;
    const maxDays = thresholds.recencyMaxDays[index];
    if (maxDays !== null && maxDays !== undefined && customer.recencyDays <= maxDays) r = s;
    const minOrders = thresholds.frequencyMin[index];
    if (minOrders !== null && minOrders !== undefined && customer.frequency >= minOrders) f = s;
    const minSpend = monetaryMin[index];
    if (minSpend !== null && minSpend !== undefined && customer.monetary.gte(minSpend)) m = s;
  }
  return { r, f, m };
}
