// RFM: quintile scores over the customer population, and the common 11-segment R × FM map
// (anchors.md §4.1).
import type Decimal from "decimal.js";
import { DomainError } from "../errors/domain-error";

export type RfmScore = 1 | 2 | 3 | 4 | 5;

export interface RfmScores {
  r: RfmScore;
  f: RfmScore;
  m: RfmScore;
}

export interface RfmCustomer {
  id: string;
  /** Days since the last order; fewer is better. */
  recencyDays: number;
  /** Number of orders. */
  frequency: number;
  /** Net spend. */
  monetary: Decimal;
}

/**
 * Scores each dimension 1–5 by where the customer stands in the population, so that about a
 * fifth of customers get each score and better customers never score lower.
 *
 * Method: mid-rank percentiles. With n customers, b of them strictly worse on a dimension and e
 * equal to the customer (the customer included), the percentile is p = (b + e/2) / n and the
 * score is ⌈5p⌉. Equal values therefore always share a score, and the result does not depend on
 * input order. This is the Hazen plotting position ((rank - 0.5) / n with the tie group's mean
 * rank), not pandas' `rank(method='first')`, which breaks ties by row order. Consequences: 10
 * distinct values score 1,1,2,2,3,3,4,4,5,5; a population that is all equal (or a single
 * customer) scores 3, the middle; a large tie group lands on the quintile of its middle, so if
 * 60% of customers have one order they all get F = 2.
 */
export function scoreRfm(customers: readonly RfmCustomer[]): Map<string, RfmScores> {
  const ids = new Set<string>();
  for (const customer of customers) {
    if (ids.has(customer.id)) {
      throw new DomainError("BAD_INPUT", "RFM scoring got the same customer twice", {
        details: { customerId: customer.id },
      });
    }
    ids.add(customer.id);
    if (
      !Number.isFinite(customer.recencyDays) ||
      !Number.isFinite(customer.frequency) ||
      !customer.monetary.isFinite()
    ) {
      throw new DomainError("BAD_INPUT", "RFM scoring needs finite recency, frequency and spend", {
        details: { customerId: customer.id },
      });
    }
  }

  // Each comparator sorts worse customers first.
  const r = quintileScores(customers, (a, b) => b.recencyDays - a.recencyDays);
  const f = quintileScores(customers, (a, b) => a.frequency - b.frequency);
  // Spend sorted by its float first (exact Decimal comparison only between equal floats): the
  // float order never contradicts the Decimal order, and a full run sorts 100,000 customers.
  const m = quintileScores(
    customers.map((customer) => ({
      spend: customer.monetary,
      approximate: customer.monetary.toNumber(),
    })),
    (a, b) => a.approximate - b.approximate || a.spend.cmp(b.spend),
  );

  const scores = new Map<string, RfmScores>();
  customers.forEach((customer, index) => {
    scores.set(customer.id, { r: r[index] ?? 3, f: f[index] ?? 3, m: m[index] ?? 3 });
  });
  return scores;
}

function quintileScores<T>(values: readonly T[], compare: (a: T, b: T) => number): RfmScore[] {
  const sorted = values
    .map((value, index) => ({ value, index }))
    .sort((a, b) => compare(a.value, b.value));

  const groups: Array<Array<{ value: T; index: number }>> = [];
  for (const entry of sorted) {
    const group = groups.at(-1);
    const first = group?.[0];
    if (group !== undefined && first !== undefined && compare(first.value, entry.value) === 0) {
      group.push(entry);
    } else {
      groups.push([entry]);
    }
  }

  const n = values.length;
  const scores = new Array<RfmScore>(n);
  let worse = 0;
  for (const group of groups) {
    // ⌈5 (b + e/2) / n⌉ in integers: the quotient is exact whenever it is a whole number.
    const score = Math.ceil((5 * (2 * worse + group.length)) / (2 * n)) as RfmScore;
    for (const entry of group) scores[entry.index] = score;
    worse += group.length;
  }
  return scores;
}

export const rfmSegments = [
  "Champions",
  "Loyal",
  "Potential Loyalist",
  "New",
  "Promising",
  "Needs Attention",
  "About to Sleep",
  "At Risk",
  "Can't Lose Them",
  "Hibernating",
  "Lost",
] as const;
export type RfmSegment = (typeof rfmSegments)[number];

/**
 * The R × FM grid, FM = 5 on the first row. It is the "classic" R × F map of anchors.md §4.1
 * (Champions R5 F4–5, Loyal R3–4 F4–5, Potential Loyalists R4–5 F2–3, New R5 F1, Promising R4
 * F1, Need Attention R3 F3, About to Sleep R3 F1–2, At Risk R1–2 F3–4, Can't Lose R1–2 F5,
 * Hibernating R1–2 F1–2) read on FM instead of F, with its Hibernating block split so the
 * eleventh segment, Lost (lowest on everything, per the edrone descriptions), is the oldest
 * column R = 1:
 *
 *   FM\R | 1               | 2               | 3               | 4                  | 5
 *   5    | Can't Lose Them | Can't Lose Them | Loyal           | Loyal              | Champions
 *   4    | At Risk         | At Risk         | Loyal           | Loyal              | Champions
 *   3    | At Risk         | At Risk         | Needs Attention | Potential Loyalist | Potential Loyalist
 *   2    | Lost            | Hibernating     | About to Sleep  | Potential Loyalist | Potential Loyalist
 *   1    | Lost            | Hibernating     | About to Sleep  | Promising          | New
 */
export const rfmSegmentGrid: readonly (readonly RfmSegment[])[] = [
  ["Can't Lose Them", "Can't Lose Them", "Loyal", "Loyal", "Champions"],
  ["At Risk", "At Risk", "Loyal", "Loyal", "Champions"],
  ["At Risk", "At Risk", "Needs Attention", "Potential Loyalist", "Potential Loyalist"],
  ["Lost", "Hibernating", "About to Sleep", "Potential Loyalist", "Potential Loyalist"],
  ["Lost", "Hibernating", "About to Sleep", "Promising", "New"],
];

/**
 * FM folds frequency and spend into one axis because they move together: their mean, a half
 * rounded up (F 1 and M 2 give FM 2), which keeps FM on the 1–5 grid.
 */
export function fmScoreOf(f: RfmScore, m: RfmScore): RfmScore {
  return Math.ceil((f + m) / 2) as RfmScore;
}

/** The named segment of a customer's scores; throws BAD_INPUT for scores outside 1–5. */
export function rfmSegment({ r, f, m }: RfmScores): RfmSegment {
  for (const [name, score] of [
    ["r", r],
    ["f", f],
    ["m", m],
  ] as const) {
    if (!Number.isInteger(score) || score < 1 || score > 5) {
      throw new DomainError("BAD_INPUT", `RFM score ${name} must be a whole number from 1 to 5`, {
        details: { [name]: score },
      });
    }
  }
  const segment = rfmSegmentGrid[5 - fmScoreOf(f, m)]?.[r - 1];
  if (segment === undefined) {
    throw new DomainError("INTERNAL", "The RFM segment grid has a hole", { details: { r, f, m } });
  }
  return segment;
}
