import { describe, expect, it } from "vitest";
import { gammaGammaFitProblem } from "./gamma-gamma";
import { gammaGammaObjective, sumLogDensity } from "./gamma-gamma-likelihood";
import { readCdnowCustomers } from "./testing/cdnow-data";
import { expectGradientMatchesFiniteDifferences } from "./testing/finite-differences";

const repeatBuyers = readCdnowCustomers().filter((customer) => customer.frequency > 0);

// Log-parameters (ln p, ln q, ln γ) around and far from the CDNOW fit (≈ 1.83, 1.32, 2.74).
const points = [
  [0, 0, 0],
  [1.8, 1.3, 2.7],
  [-1, 2, 0.5],
  [3, -1, 4],
  [0.5, 0.2, -2],
];

describe("gammaGammaObjective", () => {
  it("is the mean negative log-likelihood plus the L2 penalty on the parameters", () => {
    for (const penalizer of [0, 0.1]) {
      const objective = gammaGammaObjective(repeatBuyers, penalizer);
      for (const point of points) {
        const [p = 0, q = 0, v = 0] = point.map(Math.exp);
        const penalty = penalizer * (p ** 2 + q ** 2 + v ** 2);
        const expected = -sumLogDensity({ p, q, v }, repeatBuyers) / repeatBuyers.length + penalty;
        expect(objective(point).value / expected).toBeCloseTo(1, 13);
      }
    }
  });

  it("has the gradient of central finite differences over CDNOW, with and without penalty", () => {
    for (const penalizer of [0, 0.001, 0.1]) {
      const { objective } = gammaGammaFitProblem(repeatBuyers, { penalizer });
      for (const point of points) expectGradientMatchesFiniteDifferences(objective, point);
    }
  });

  it("has the right gradient for single customers, small and large", () => {
    const customers = [
      { frequency: 1, monetaryValue: 22.35 },
      { frequency: 2, monetaryValue: 0.01 },
      { frequency: 40, monetaryValue: 5_000 },
      { frequency: 1_000, monetaryValue: 35 },
    ];
    for (const customer of customers) {
      const objective = gammaGammaObjective([customer], 0);
      for (const point of points) expectGradientMatchesFiniteDifferences(objective, point);
    }
  });

  it("gives NaN or ∞, not an exception, where exp of a log-parameter overflows", () => {
    const { objective } = gammaGammaFitProblem(repeatBuyers);
    for (const point of [
      [800, 0, 0],
      [0, 800, 0],
      [0, 0, 800],
      [0, -800, 0],
    ]) {
      const { value, gradient } = objective(point);
      expect(Number.isFinite(value) && gradient.every(Number.isFinite)).toBe(false);
    }
  });
});
