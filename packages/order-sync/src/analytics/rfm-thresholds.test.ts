import Decimal from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type RfmCustomer, scoreRfm } from "./rfm";
import { rfmThresholdsOf, scoreWithThresholds } from "./rfm-thresholds";

const customer = fc.record({
  recencyDays: fc.integer({ min: 0, max: 400 }),
  frequency: fc.integer({ min: 1, max: 30 }),
  cents: fc.integer({ min: 0, max: 500_000 }),
});

describe("scoreWithThresholds", () => {
  it("gives every member of the population the score the full ranking gave it", () => {
    fc.assert(
      fc.property(fc.array(customer, { minLength: 1, maxLength: 60 }), (raw) => {
        const population: RfmCustomer[] = raw.map((c, i) => ({
          id: `c${i}`,
          recencyDays: c.recencyDays,
          frequency: c.frequency,
          monetary: new Decimal(c.cents).div(100),
        }));
        const scores = scoreRfm(population);
        const thresholds = rfmThresholdsOf(population, scores);
        for (const member of population) {
          expect(scoreWithThresholds(member, thresholds)).toEqual(scores.get(member.id));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("scores a newcomer by where it falls between the thresholds", () => {
    const population: RfmCustomer[] = [1, 2, 3, 4, 5].map((n) => ({
      id: `c${n}`,
      recencyDays: n * 10,
      frequency: n,
      monetary: new Decimal(n * 100),
    }));
    const thresholds = rfmThresholdsOf(population, scoreRfm(population));
    expect(
      scoreWithThresholds(
        { recencyDays: 0, frequency: 99, monetary: new Decimal(1e6) },
        thresholds,
      ),
    ).toEqual({ r: 5, f: 5, m: 5 });
    expect(
      scoreWithThresholds({ recencyDays: 999, frequency: 0, monetary: new Decimal(0) }, thresholds),
    ).toEqual({ r: 1, f: 1, m: 1 });
    expect(
      scoreWithThresholds(
        { recencyDays: 25, frequency: 3, monetary: new Decimal(250) },
        thresholds,
      ),
    ).toEqual({ r: 3, f: 3, m: 2 });
  });
});
