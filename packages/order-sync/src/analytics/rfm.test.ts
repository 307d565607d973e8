import Decimal from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  fmScoreOf,
  type RfmCustomer,
  type RfmScore,
  type RfmSegment,
  rfmSegment,
  rfmSegments,
  scoreRfm,
} from "./rfm";

const scores: RfmScore[] = [1, 2, 3, 4, 5];

function customersWith(values: Array<Partial<RfmCustomer>>): RfmCustomer[] {
  return values.map((value, index) => ({
    id: `c${index}`,
    recencyDays: 10,
    frequency: 1,
    monetary: new Decimal(100),
    ...value,
  }));
}

const arbitraryPopulation = fc
  .array(
    fc.record({
      recencyDays: fc.integer({ min: 0, max: 40 }),
      frequency: fc.integer({ min: 1, max: 8 }),
      monetaryCents: fc.integer({ min: -500, max: 5000 }),
    }),
    { minLength: 1, maxLength: 60 },
  )
  .map((draws) =>
    draws.map((draw, index) => ({
      id: `c${index}`,
      recencyDays: draw.recencyDays,
      frequency: draw.frequency,
      monetary: new Decimal(draw.monetaryCents).div(100),
    })),
  );

describe("scoreRfm", () => {
  it("does give ten distinct customers two of each score", () => {
    const customers = customersWith(
      Array.from({ length: 10 }, (_, index) => ({
        recencyDays: index,
        frequency: index + 1,
        monetary: new Decimal(index * 10),
      })),
    );
    const result = scoreRfm(customers);
    expect(customers.map((customer) => result.get(customer.id)?.f)).toEqual([
      1, 1, 2, 2, 3, 3, 4, 4, 5, 5,
    ]);
    expect(customers.map((customer) => result.get(customer.id)?.m)).toEqual([
      1, 1, 2, 2, 3, 3, 4, 4, 5, 5,
    ]);
    // Recency is reversed: the fewest days score highest.
    expect(customers.map((customer) => result.get(customer.id)?.r)).toEqual([
      5, 5, 4, 4, 3, 3, 2, 2, 1, 1,
    ]);
  });

  it("does split 100 distinct customers into exact fifths", () => {
    const customers = customersWith(
      Array.from({ length: 100 }, (_, index) => ({ frequency: index })),
    );
    const counts = [0, 0, 0, 0, 0];
    for (const { f } of scoreRfm(customers).values()) counts[f - 1] = (counts[f - 1] ?? 0) + 1;
    expect(counts).toEqual([20, 20, 20, 20, 20]);
  });

  it("does give equal values equal scores, at the quintile of the tie group's middle", () => {
    // Six one-order customers (60%), then 2, 3, 5 and 9 orders.
    const customers = customersWith(
      [1, 1, 1, 1, 1, 1, 2, 3, 5, 9].map((frequency) => ({ frequency })),
    );
    const result = scoreRfm(customers);
    // Tie group: b = 0, e = 6 → p = 0.3 → ⌈1.5⌉ = 2. Then p = 0.65, 0.75, 0.85, 0.95.
    expect(customers.map((customer) => result.get(customer.id)?.f)).toEqual([
      2, 2, 2, 2, 2, 2, 4, 4, 5, 5,
    ]);
  });

  it("does score a population of equal customers, and a single customer, in the middle", () => {
    for (const result of [
      scoreRfm(customersWith([{}, {}, {}, {}])),
      scoreRfm(customersWith([{}])),
    ]) {
      for (const score of result.values()) expect(score).toEqual({ r: 3, f: 3, m: 3 });
    }
  });

  it("does return nothing for nobody", () => {
    expect(scoreRfm([]).size).toBe(0);
  });

  it("does match a brute-force count of worse and equal customers", () => {
    fc.assert(
      fc.property(arbitraryPopulation, (customers) => {
        const result = scoreRfm(customers);
        const reference = (
          isWorse: (other: RfmCustomer) => boolean,
          isEqual: (other: RfmCustomer) => boolean,
        ) => {
          const worse = customers.filter(isWorse).length;
          const equal = customers.filter(isEqual).length;
          const percentile = (worse + equal / 2) / customers.length;
          // The smallest score s with s / 5 >= percentile.
          return scores.find((score) => score / 5 >= percentile - 1e-12);
        };
        for (const customer of customers) {
          expect(result.get(customer.id)).toEqual({
            r: reference(
              (other) => other.recencyDays > customer.recencyDays,
              (other) => other.recencyDays === customer.recencyDays,
            ),
            f: reference(
              (other) => other.frequency < customer.frequency,
              (other) => other.frequency === customer.frequency,
            ),
            m: reference(
              (other) => other.monetary.lt(customer.monetary),
              (other) => other.monetary.eq(customer.monetary),
            ),
          });
        }
      }),
    );
  });

  it("does not depend on input order and never ranks a better customer lower", () => {
    fc.assert(
      fc.property(
        arbitraryPopulation.chain((customers) =>
          fc.tuple(
            fc.constant(customers),
            fc.shuffledSubarray(customers, {
              minLength: customers.length,
              maxLength: customers.length,
            }),
          ),
        ),
        ([customers, shuffled]) => {
          const result = scoreRfm(customers);
          expect(scoreRfm(shuffled)).toEqual(result);
          for (const a of customers) {
            for (const b of customers) {
              const scoreA = result.get(a.id);
              const scoreB = result.get(b.id);
              if (scoreA === undefined || scoreB === undefined) throw new Error("unscored");
              if (a.frequency > b.frequency) expect(scoreA.f).toBeGreaterThanOrEqual(scoreB.f);
              if (a.recencyDays < b.recencyDays) expect(scoreA.r).toBeGreaterThanOrEqual(scoreB.r);
              if (a.monetary.gt(b.monetary)) expect(scoreA.m).toBeGreaterThanOrEqual(scoreB.m);
            }
          }
        },
      ),
    );
  });

  it("does reject a customer listed twice or a non-finite value", () => {
    expect(() => scoreRfm(customersWith([{ id: "x" }, { id: "x" }]))).toThrow(
      expect.objectContaining({ code: "BAD_INPUT" }),
    );
    expect(() => scoreRfm(customersWith([{ recencyDays: Number.NaN }]))).toThrow(
      expect.objectContaining({ code: "BAD_INPUT" }),
    );
    expect(() => scoreRfm(customersWith([{ monetary: new Decimal(Infinity) }]))).toThrow(
      expect.objectContaining({ code: "BAD_INPUT" }),
    );
  });
});

describe("fmScoreOf", () => {
  it("does average F and M, rounding a half up", () => {
    expect([
      fmScoreOf(1, 1),
      fmScoreOf(1, 2),
      fmScoreOf(2, 4),
      fmScoreOf(4, 5),
      fmScoreOf(5, 5),
    ]).toEqual([1, 2, 3, 5, 5]);
  });
});

describe("rfmSegment", () => {
  // The map in rfm.ts, written out again cell by cell: FM 5 on the first row, R 1 to 5 across.
  const expectedGrid: RfmSegment[][] = [
    ["Can't Lose Them", "Can't Lose Them", "Loyal", "Loyal", "Champions"],
    ["At Risk", "At Risk", "Loyal", "Loyal", "Champions"],
    ["At Risk", "At Risk", "Needs Attention", "Potential Loyalist", "Potential Loyalist"],
    ["Lost", "Hibernating", "About to Sleep", "Potential Loyalist", "Potential Loyalist"],
    ["Lost", "Hibernating", "About to Sleep", "Promising", "New"],
  ];

  it("does map each of the 25 (R, FM) cells to exactly its one segment", () => {
    for (const r of scores) {
      for (const fm of scores) {
        expect(rfmSegment({ r, f: fm, m: fm }), `R${r} FM${fm}`).toBe(
          expectedGrid[5 - fm]?.[r - 1],
        );
      }
    }
  });

  it("does use every one of the 11 segments", () => {
    const used = new Set(
      scores.flatMap((r) => scores.map((fm) => rfmSegment({ r, f: fm, m: fm }))),
    );
    expect([...used].sort()).toEqual([...rfmSegments].sort());
    expect(rfmSegments).toHaveLength(11);
  });

  it("does place all 125 score combinations through their FM cell", () => {
    for (const r of scores) {
      for (const f of scores) {
        for (const m of scores) {
          expect(rfmSegment({ r, f, m })).toBe(expectedGrid[5 - fmScoreOf(f, m)]?.[r - 1]);
        }
      }
    }
  });

  it("does name the textbook corners", () => {
    expect(rfmSegment({ r: 5, f: 5, m: 5 })).toBe("Champions");
    expect(rfmSegment({ r: 1, f: 1, m: 1 })).toBe("Lost");
    expect(rfmSegment({ r: 5, f: 1, m: 1 })).toBe("New");
    expect(rfmSegment({ r: 1, f: 5, m: 5 })).toBe("Can't Lose Them");
  });

  it("does reject scores outside 1 to 5", () => {
    for (const bad of [0, 6, 2.5]) {
      expect(() => rfmSegment({ r: bad as RfmScore, f: 3, m: 3 })).toThrow(
        expect.objectContaining({ code: "BAD_INPUT" }),
      );
    }
  });
});
