import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nearestRankPercentile, summarizeDelays } from "./delay-percentiles";

// The definition, computed the slow way: the smallest observed value with at least p % of the
// values at or below it.
function referencePercentile(values: number[], p: number): number | null {
  const candidates = [...new Set(values)].sort((a, b) => a - b);
  for (const candidate of candidates) {
    const atOrBelow = values.filter((value) => value <= candidate).length;
    if (atOrBelow * 100 >= p * values.length) return candidate;
  }
  return null;
}

describe("nearestRankPercentile", () => {
  it("picks the value at rank ⌈p·n/100⌉", () => {
    const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(nearestRankPercentile(ten, 50)).toBe(5);
    expect(nearestRankPercentile(ten, 90)).toBe(9); // not 10: 0.9·10 would round up wrongly
    expect(nearestRankPercentile(ten, 99)).toBe(10);
    expect(nearestRankPercentile(ten, 100)).toBe(10);
    expect(nearestRankPercentile([42], 1)).toBe(42);
    expect(nearestRankPercentile([], 50)).toBeNull();
    expect(() => nearestRankPercentile(ten, 0)).toThrow(RangeError);
  });

  it("matches the reference computation on any data", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 1, maxLength: 300 }),
        fc.integer({ min: 1, max: 100 }),
        (values, p) => {
          const sorted = [...values].sort((a, b) => a - b);
          expect(nearestRankPercentile(sorted, p)).toBe(referencePercentile(values, p));
        },
      ),
    );
  });
});

describe("summarizeDelays", () => {
  it("gives p50, p90, p99 and max of unsorted delays, and nulls for none", () => {
    const delays = Array.from({ length: 200 }, (_, i) => ((i * 7919) % 200) * 60);
    const stats = summarizeDelays(delays);
    expect(stats).toEqual({
      count: 200,
      p50: referencePercentile(delays, 50),
      p90: referencePercentile(delays, 90),
      p99: referencePercentile(delays, 99),
      max: Math.max(...delays),
    });
    expect(stats.p90).toBe(179 * 60);
    expect(summarizeDelays([])).toEqual({ count: 0, p50: null, p90: null, p99: null, max: null });
  });
});
