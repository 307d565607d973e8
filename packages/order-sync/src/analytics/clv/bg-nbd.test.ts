import { beforeAll, describe, expect, it } from "vitest";
import {
  type BgNbdFit,
  bgNbdLogLikelihood,
  conditionalExpectedPurchases,
  expectedPurchases,
  fitBgNbd,
  probabilityAlive,
  probabilityOfPurchases,
} from "./bg-nbd";
import { readCdnowSummary } from "./testing/cdnow-data";

// Reference values: shared/data/cdnow/README.md and shared/reference/anchors.md §4.3.
// The published fit (Fader, Hardie & Lee 2005, lifetimes' test_params_out_is_close_to_Hardie_paper).
const published = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
// The maximum-likelihood fit as printed by lifetimes' Quickstart and reproduced with SciPy.
const lifetimesFit = { r: 0.242593, alpha: 4.413532, a: 0.792886, b: 2.425754 };
// The MLE to 15 digits: Newton's method on the log-likelihood with mpmath 1.3 at 30 digits
// (derivatives by mpmath.diff, not our gradient), until the gradient was below 1e-27.
const mle = {
  r: 0.242592907204466,
  alpha: 4.41353156120543,
  a: 0.792886148098769,
  b: 2.42575343649362,
};
const relativeError = (actual: number, expected: number) => Math.abs(actual / expected - 1);
// CDNOW customer ID 1.
const customerOne = { frequency: 2, recency: 30.43, T: 38.86 };

const cdnow = readCdnowSummary();
let fit: BgNbdFit;

beforeAll(() => {
  fit = fitBgNbd(cdnow);
});

describe("fitBgNbd", () => {
  it("reproduces the published CDNOW parameters to 3 decimals", () => {
    expect(fit.converged).toBe(true);
    for (const key of ["r", "alpha", "a", "b"] as const) {
      // Rounds to the published value, and agrees with lifetimes' fit to the digits it prints.
      expect(Math.abs(fit[key] - published[key])).toBeLessThanOrEqual(0.0005);
      expect(relativeError(fit[key], lifetimesFit[key])).toBeLessThan(1e-6);
    }
  });

  it("finds the maximum likelihood to 8 significant digits", () => {
    for (const key of ["r", "alpha", "a", "b"] as const) {
      expect(relativeError(fit[key], mle[key])).toBeLessThan(1e-8);
    }
    expect(fit.logLikelihood).toBeCloseTo(-9582.42556056736, 7);
  });

  it("spends maxIterations on optimizer iterations and reports whether that sufficed", () => {
    expect(fitBgNbd(cdnow, { maxIterations: 3 }).converged).toBe(false);
    expect(fitBgNbd(cdnow, { maxIterations: 100 }).converged).toBe(true);
  });

  it("reports the published total log-likelihood of −9582.4", () => {
    expect(Math.abs(fit.logLikelihood - -9582.4)).toBeLessThanOrEqual(0.5);
    // The MLE reproduced with SciPy in the README.
    expect(fit.logLikelihood).toBeCloseTo(-9582.4256, 3);
  });

  it("reports the sum of the customers' log-likelihoods at the fitted parameters", () => {
    const sum = cdnow.reduce((total, customer) => total + bgNbdLogLikelihood(fit, customer), 0);
    expect(fit.logLikelihood).toBeCloseTo(sum, 8);
  });

  it("does not depend on the time unit", () => {
    const inDays = fitBgNbd(cdnow.map((c) => ({ ...c, recency: c.recency * 7, T: c.T * 7 })));
    expect(relativeError(inDays.r, fit.r)).toBeLessThan(1e-8);
    expect(relativeError(inDays.alpha / 7, fit.alpha)).toBeLessThan(1e-8);
    expect(relativeError(inDays.a, fit.a)).toBeLessThan(1e-8);
    expect(relativeError(inDays.b, fit.b)).toBeLessThan(1e-8);
  });

  it("shrinks the parameters when penalized", () => {
    const penalized = fitBgNbd(cdnow, { penalizer: 0.1 });
    expect(penalized.converged).toBe(true);
    expect(penalized.logLikelihood).toBeLessThan(fit.logLikelihood);
    expect(penalized.b).toBeLessThan(fit.b);
  });

  it("rejects inconsistent summaries and data without repeat purchases", () => {
    expect(() => fitBgNbd([{ frequency: 1, recency: 5, T: 4 }])).toThrow(/invalid/);
    expect(() => fitBgNbd([{ frequency: 0, recency: 2, T: 4 }])).toThrow(/invalid/);
    expect(() => fitBgNbd([{ frequency: 1.5, recency: 2, T: 4 }])).toThrow(/invalid/);
    expect(() => fitBgNbd([{ frequency: 0, recency: 0, T: 4 }])).toThrow(/repeat purchases/);
    expect(() => fitBgNbd([])).toThrow(/customers/);
  });
});

describe("bgNbdLogLikelihood", () => {
  it("gives −9582.4268 over CDNOW at the rounded published parameters", () => {
    const sum = cdnow.reduce(
      (total, customer) => total + bgNbdLogLikelihood(published, customer),
      0,
    );
    expect(sum).toBeCloseTo(-9582.4268, 3);
  });

  it("stays finite for a heavy buyer with a long gap since the last purchase", () => {
    const value = bgNbdLogLikelihood(published, { frequency: 500, recency: 10, T: 10_000 });
    expect(Number.isFinite(value)).toBe(true);
  });
});

describe("conditionalExpectedPurchases", () => {
  it("gives 1.226 purchases in the next 39 weeks for customer 1 (Hardie's spreadsheet)", () => {
    const value = conditionalExpectedPurchases(fit, 39, customerOne);
    // lifetimes asserts 0.001; the acceptance tolerance is 0.01.
    expect(Math.abs(value - 1.226)).toBeLessThanOrEqual(0.001);
    expect(value).toBeCloseTo(1.22591, 4); // the MLE value in the README
    expect(conditionalExpectedPurchases(published, 39, customerOne)).toBeCloseTo(1.22603, 4);
  });

  it("matches the values computed in anchors.md for other customers", () => {
    expect(
      conditionalExpectedPurchases(fit, 39, { frequency: 0, recency: 0, T: 38.86 }),
    ).toBeCloseTo(0.1948, 4);
    expect(
      conditionalExpectedPurchases(fit, 39, { frequency: 26, recency: 30.86, T: 31 }),
    ).toBeCloseTo(20.75, 2);
  });

  it("is 0 over no time and grows with the horizon", () => {
    expect(conditionalExpectedPurchases(fit, 0, customerOne)).toBe(0);
    const horizons = [1, 10, 100, 1000, 100_000];
    const values = horizons.map((t) => conditionalExpectedPurchases(fit, t, customerOne));
    for (let i = 1; i < values.length; i += 1) {
      expect(values[i]).toBeGreaterThan(values[i - 1] ?? Number.POSITIVE_INFINITY);
    }
  });

  it("stays finite for heavy buyers and long horizons, where ₂F₁ itself would overflow", () => {
    const heavy = { frequency: 300, recency: 300, T: 301 };
    const value = conditionalExpectedPurchases(fit, 5000, heavy);
    expect(Number.isFinite(value)).toBe(true);
    expect(value).toBeGreaterThan(0);
  });

  it("is continuous across a = 1, where its closed form is 0/0", () => {
    const at = (a: number) => conditionalExpectedPurchases({ ...fit, a }, 39, customerOne);
    expect(Number.isFinite(at(1))).toBe(true);
    expect(at(1)).toBeCloseTo((at(1 - 1e-3) + at(1 + 1e-3)) / 2, 6);
  });
});

describe("expectedPurchases", () => {
  it("matches Hardie's spreadsheet for a new customer (lifetimes, 3 decimals)", () => {
    const times = [0.1429, 1, 3, 31.8571, 32, 78];
    const expected = [0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576];
    times.forEach((t, i) => {
      // numpy's assert_almost_equal(decimal=3): |difference| < 1.5e-3.
      expect(Math.abs(expectedPurchases(fit, t) - (expected[i] ?? Number.NaN))).toBeLessThan(
        1.5e-3,
      );
    });
    expect(expectedPurchases(fit, 78)).toBeCloseTo(1.858, 3); // at the MLE, per the README
  });

  it("equals the conditional expectation of a customer seen for no time", () => {
    const brandNew = { frequency: 0, recency: 0, T: 0 };
    expect(expectedPurchases(fit, 52)).toBeCloseTo(
      conditionalExpectedPurchases(fit, 52, brandNew),
      12,
    );
  });
});

describe("probabilityAlive", () => {
  it("gives 0.7266 for customer 1", () => {
    expect(probabilityAlive(fit, customerOne)).toBeCloseTo(0.7266, 4);
  });

  it("matches anchors.md for a frequent buyer and is 1 without repeat purchases", () => {
    expect(probabilityAlive(fit, { frequency: 26, recency: 30.86, T: 31 })).toBeCloseTo(0.9689, 4);
    expect(probabilityAlive(fit, { frequency: 0, recency: 0, T: 38.86 })).toBe(1);
  });

  it("tends to 0, without overflow, for a heavy buyer who stopped long ago", () => {
    const value = probabilityAlive(fit, { frequency: 400, recency: 1, T: 10_000 });
    expect(value).toBeGreaterThanOrEqual(0);
    expect(value).toBeLessThan(1e-100);
  });
});

describe("probabilityOfPurchases", () => {
  // R BTYD values quoted by lifetimes' test_probability_of_n_purchases_up_to_time_same_as_R_BTYD,
  // at the rounded published parameters.
  it("matches R BTYD for P(X(2) = 10) and P(X(39) = 0)", () => {
    expect(Math.abs(probabilityOfPurchases(published, 2, 10) - 1.07869e-7)).toBeLessThan(1e-4);
    expect(probabilityOfPurchases(published, 2, 10) / 1.07869e-7).toBeCloseTo(1, 4);
    expect(Math.abs(probabilityOfPurchases(published, 39, 0) - 0.5737864)).toBeLessThan(1e-4);
    expect(probabilityOfPurchases(published, 39, 0)).toBeCloseTo(0.5737864, 6);
  });

  it("matches the R BTYD PMF of X(30) for n = 11…20", () => {
    const expected = [
      0.0019995214, 0.0015170236, 0.001163315, 0.0009003148, 0.0007023638, 0.0005517902,
      0.0004361913, 0.0003467171, 0.0002769613, 0.000222226,
    ];
    expected.forEach((value, i) => {
      const actual = probabilityOfPurchases(published, 30, 11 + i);
      expect(Math.abs(actual - value)).toBeLessThan(1.5e-5); // lifetimes: decimal=5
      expect(actual / value).toBeCloseTo(1, 5);
    });
  });

  it("sums to 1 over n and has the mean E[X(t)]", () => {
    let total = 0;
    let mean = 0;
    // The tail decays like (t/(α+t))ⁿ ≈ 0.9ⁿ: 400 terms leave less than 1e-17.
    for (let n = 0; n < 400; n += 1) {
      const probability = probabilityOfPurchases(fit, 39, n);
      total += probability;
      mean += n * probability;
    }
    expect(total).toBeCloseTo(1, 9);
    expect(mean).toBeCloseTo(expectedPurchases(fit, 39), 6);
  });
});
