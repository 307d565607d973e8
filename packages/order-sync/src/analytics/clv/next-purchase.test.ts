import { describe, expect, it } from "vitest";
import { medianTimeToNextPurchase } from "./next-purchase";
import { seededRandom, standardGamma } from "./testing/simulate-customers";

// The published CDNOW fit (Fader, Hardie & Lee 2005), in weeks.
const cdnow = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

/**
 * P(no purchase within t | alive, x, T) by quadrature over the purchase rate λ, from the BG/NBD
 * story alone: prior gamma(r, α) on λ, the alive-branch likelihood λ^x e^(−λT), and an exponential
 * wait. Integrated in s = ln λ (the integrand is then smooth and decays at both ends), Simpson's
 * rule; shares no formula with the closed form under test.
 */
function survivalByQuadrature(t: number, x: number, T: number): number {
  const { r, alpha } = cdnow;
  const integral = (horizon: number) => {
    // From e^(−300): with shape r + x = 0.243 the mass below e^(−60) is still 2e-6 of the total.
    const from = -300;
    const to = 8;
    const steps = 8_000;
    const h = (to - from) / steps;
    let sum = 0;
    for (let i = 0; i <= steps; i += 1) {
      const lambda = Math.exp(from + i * h);
      const weight = i === 0 || i === steps ? 1 : i % 2 === 1 ? 4 : 2;
      // λ^(r−1) e^(−αλ) prior · λ^x e^(−λ·horizon) likelihood · dλ = λ ds
      sum += weight * Math.exp((r + x) * Math.log(lambda) - lambda * (alpha + horizon));
    }
    return (sum * h) / 3;
  };
  return integral(T + t) / integral(T);
}

function bisect(f: (t: number) => number, low: number, high: number): number {
  let lo = low;
  let hi = high;
  for (let i = 0; i < 50; i += 1) {
    const mid = (lo + hi) / 2;
    if (f(mid) > 0) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

describe("medianTimeToNextPurchase", () => {
  it("matches the median found by numerical integration over the purchase rate", () => {
    for (const [x, T] of [
      [0, 20],
      [1, 38.86],
      [2, 38.86],
      [7, 30],
      [40, 70],
    ] as const) {
      const expected = bisect((t) => survivalByQuadrature(t, x, T) - 0.5, 0, 1e5);
      const actual = medianTimeToNextPurchase(cdnow, { frequency: x, T });
      expect(Math.abs(actual / expected - 1)).toBeLessThan(1e-6);
    }
  });

  it("splits simulated customers' actual waits in half, whatever their last purchase's date", () => {
    // Customers drawn from the BG/NBD story itself (seeded): λ ~ gamma(r, α), p ~ beta(a, b),
    // Poisson purchases, drop-out with p after each. Those alive at T = 39 weeks with exactly
    // two repeat purchases then wait for their next purchase; the predicted median must split
    // those waits 50/50, within binomial noise, also for the half whose last purchase was long ago.
    const random = seededRandom(2205);
    const T = 39;
    const x = 2;
    const waits: Array<{ wait: number; recency: number }> = [];
    for (let customer = 0; customer < 400_000; customer += 1) {
      const rate = standardGamma(cdnow.r, random) / cdnow.alpha;
      const betaA = standardGamma(cdnow.a, random);
      const dropOut = betaA / (betaA + standardGamma(cdnow.b, random));
      let frequency = 0;
      let recency = 0;
      let alive = true;
      let t = -Math.log(random()) / rate;
      for (; t <= T && alive; t += -Math.log(random()) / rate) {
        frequency += 1;
        recency = t;
        if (random() < dropOut) alive = false;
      }
      // The loop's last draw is the first purchase time after T (memoryless waits).
      if (alive && frequency === x) waits.push({ wait: t - T, recency });
    }
    expect(waits.length).toBeGreaterThan(2_000);

    const median = medianTimeToNextPurchase(cdnow, { frequency: x, T });
    const shareWithin = (list: typeof waits) =>
      list.filter((w) => w.wait <= median).length / list.length;
    const tolerance = (n: number) => 4 * Math.sqrt(0.25 / n);
    expect(Math.abs(shareWithin(waits) - 0.5)).toBeLessThan(tolerance(waits.length));

    const byRecency = [...waits].sort((p, q) => p.recency - q.recency);
    const half = Math.floor(byRecency.length / 2);
    for (const part of [byRecency.slice(0, half), byRecency.slice(half)]) {
      expect(Math.abs(shareWithin(part) - 0.5)).toBeLessThan(tolerance(part.length));
    }
  });

  it("comes sooner for a heavier buyer observed as long", () => {
    const light = medianTimeToNextPurchase(cdnow, { frequency: 1, T: 30 });
    const heavy = medianTimeToNextPurchase(cdnow, { frequency: 10, T: 30 });
    expect(heavy).toBeLessThan(light);
    // Closed form at x = 10: (4.414 + 30)(2^(1/10.243) − 1).
    expect(heavy).toBeCloseTo(34.414 * (2 ** (1 / 10.243) - 1), 10);
  });

  it("refuses a summary or parameters the model cannot use, naming them", () => {
    expect(() => medianTimeToNextPurchase(cdnow, { frequency: -1, T: 3 })).toThrow(
      /invalid BG\/NBD customer summary/,
    );
    expect(() => medianTimeToNextPurchase({ ...cdnow, r: 0 }, { frequency: 1, T: 3 })).toThrow(
      /parameters must be positive/,
    );
  });
});
