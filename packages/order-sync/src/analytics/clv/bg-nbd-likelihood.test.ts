import { describe, expect, it } from "vitest";
import { bgNbdFitProblem } from "./bg-nbd";
import { bgNbdObjective, sumLogLikelihood } from "./bg-nbd-likelihood";
import { readCdnowSummary } from "./testing/cdnow-data";
import { expectGradientMatchesFiniteDifferences } from "./testing/finite-differences";

const cdnow = readCdnowSummary();

// Log-parameters (ln r, ln α, ln a, ln b) around and far from the CDNOW fit (≈ −1.42, 0.13, −0.23,
// 0.89 in the fit's rescaled time), none of them a minimum, where the gradient would be ≈ 0.
const points = [
  [0, 0, 0, 0],
  [-1.3, 0.2, -0.3, 1],
  [Math.log(0.5), Math.log(2), Math.log(0.3), Math.log(5)],
  [-2, 1.5, 1, -1],
  [1, -1, -2, 2],
];

const unlog = ([r = 0, alpha = 0, a = 0, b = 0]: readonly number[]) => ({
  r: Math.exp(r),
  alpha: Math.exp(alpha),
  a: Math.exp(a),
  b: Math.exp(b),
});

describe("bgNbdObjective", () => {
  it("is the mean negative log-likelihood plus the L2 penalty on the parameters", () => {
    const groups = cdnow.map((customer) => ({ ...customer, weight: 1 }));
    for (const penalizer of [0, 0.1]) {
      const objective = bgNbdObjective(groups, penalizer);
      for (const point of points) {
        const params = unlog(point);
        const penalty =
          penalizer * (params.r ** 2 + params.alpha ** 2 + params.a ** 2 + params.b ** 2);
        const expected = -sumLogLikelihood(params, groups) / groups.length + penalty;
        expect(objective(point).value / expected).toBeCloseTo(1, 13);
      }
    }
  });

  it("has the gradient of central finite differences over CDNOW, with and without penalty", () => {
    for (const penalizer of [0, 0.001, 0.1]) {
      const { objective } = bgNbdFitProblem(cdnow, { penalizer });
      for (const point of points) expectGradientMatchesFiniteDifferences(objective, point);
    }
  });

  it("has the right gradient for single customers at the edges of the formula", () => {
    const customers = [
      { frequency: 0, recency: 0, T: 38.86 }, // A₄ absent: a and b only through the gamma terms
      { frequency: 1, recency: 3, T: 20 }, // b + x − 1 = b
      { frequency: 2, recency: 30.43, T: 30.43 }, // t_x = T
      { frequency: 26, recency: 30.86, T: 31 },
      { frequency: 500, recency: 10, T: 10_000 }, // A₃ ≪ A₄: e^A₃ underflows
      { frequency: 2000, recency: 1, T: 1e6 }, // both e^A₃ and e^A₄ underflow
    ];
    for (const customer of customers) {
      const objective = bgNbdObjective([{ ...customer, weight: 1 }], 0);
      for (const point of points) expectGradientMatchesFiniteDifferences(objective, point);
    }
  });

  it("stays finite where e^A₃ and e^A₄ both underflow", () => {
    const { value, gradient } = bgNbdObjective(
      [{ frequency: 2000, recency: 1, T: 1e6, weight: 1 }],
      0,
    )([0, 0, 0, 0]);
    expect(Math.exp(-2001 * Math.log(1 + 1e6))).toBe(0);
    expect(Number.isFinite(value)).toBe(true);
    expect(gradient.every(Number.isFinite)).toBe(true);
  });

  it("counts a group of identical customers as that many customers", () => {
    const customer = { frequency: 3, recency: 12, T: 30 };
    const other = { frequency: 0, recency: 0, T: 25 };
    const grouped = bgNbdObjective(
      [
        { ...customer, weight: 3 },
        { ...other, weight: 1 },
      ],
      0.01,
    );
    const separate = bgNbdObjective(
      [customer, customer, other, customer].map((c) => ({ ...c, weight: 1 })),
      0.01,
    );
    const point = points[2] ?? [];
    expect(grouped(point).value).toBeCloseTo(separate(point).value, 13);
    grouped(point).gradient.forEach((value, i) => {
      expect(value).toBeCloseTo(separate(point).gradient[i] ?? Number.NaN, 13);
    });
  });

  it("gives NaN or ∞, not an exception, where exp of a log-parameter overflows", () => {
    const objective = bgNbdFitProblem(cdnow).objective;
    for (const point of [
      [800, 0, 0, 0],
      [0, 800, 0, 0],
      [0, 0, -800, 0],
      [0, 0, 0, 800],
    ]) {
      const { value, gradient } = objective(point);
      expect(Number.isFinite(value) && gradient.every(Number.isFinite)).toBe(false);
    }
  });
});
