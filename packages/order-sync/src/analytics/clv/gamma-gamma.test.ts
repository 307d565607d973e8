import { beforeAll, describe, expect, it } from "vitest";
import {
  conditionalExpectedAverageSpend,
  fitGammaGamma,
  type GammaGammaFit,
  gammaGammaLogLikelihood,
} from "./gamma-gamma";
import { readCdnowCustomers } from "./testing/cdnow-data";

// Reference values: shared/data/cdnow/README.md and shared/reference/anchors.md §4.3.
// Fader & Hardie (2013), note 025; lifetimes' TestGammaGammaFitter asserts them to decimal=2,
// i.e. |difference| < 0.015 (numpy's assert_almost_equal).
const published = { p: 6.25, q: 3.74, v: 15.44 };
// The maximum-likelihood fit reproduced with SciPy in the README.
const reproduced = { p: 6.2488, q: 3.74459, v: 15.44775 };
// The MLE to 14 digits: Newton's method on the log-likelihood with mpmath 1.3 at 30 digits
// (derivatives by mpmath.diff, not our gradient), until the gradient was below 1e-27.
const mle = { p: 6.2488024897091, q: 3.74458845328747, v: 15.4477480094637 };
const relativeError = (actual: number, expected: number) => Math.abs(actual / expected - 1);

const cdnow = readCdnowCustomers();
let fit: GammaGammaFit;

beforeAll(() => {
  fit = fitGammaGamma(cdnow);
});

describe("fitGammaGamma", () => {
  it("fits the 946 CDNOW repeat buyers", () => {
    expect(fit.customers).toBe(946);
    expect(fit.converged).toBe(true);
  });

  it("reproduces the published parameters p = 6.25, q = 3.74, γ = 15.44 to 2 decimals", () => {
    for (const key of ["p", "q", "v"] as const) {
      expect(Math.abs(fit[key] - published[key])).toBeLessThan(0.015);
      // To the digits the README prints (5–7 significant ones).
      expect(relativeError(fit[key], reproduced[key])).toBeLessThan(1e-5);
    }
    // p and q round to the published values; γ rounds to 15.45, as lifetimes' Quickstart prints.
    expect(fit.p.toFixed(2)).toBe("6.25");
    expect(fit.q.toFixed(2)).toBe("3.74");
    expect(fit.v.toFixed(2)).toBe("15.45");
  });

  it("finds the maximum likelihood to 8 significant digits", () => {
    for (const key of ["p", "q", "v"] as const) {
      expect(relativeError(fit[key], mle[key])).toBeLessThan(1e-8);
    }
    expect(fit.logLikelihood).toBeCloseTo(-4055.92324350286, 7);
  });

  it("spends maxIterations on optimizer iterations and reports whether that sufficed", () => {
    expect(fitGammaGamma(cdnow, { maxIterations: 3 }).converged).toBe(false);
    expect(fitGammaGamma(cdnow, { maxIterations: 100 }).converged).toBe(true);
  });

  it("reports the log-likelihood −4055.92 computed by the README and CLVTools", () => {
    // Not a published value (README: "not confirmed"); CLVTools' test uses −4055.9177.
    expect(Math.abs(fit.logLikelihood - -4055.92)).toBeLessThanOrEqual(0.5);
    expect(fit.logLikelihood).toBeCloseTo(-4055.923, 2);
  });

  it("reports the sum of the repeat buyers' log-likelihoods", () => {
    const sum = cdnow
      .filter((customer) => customer.frequency > 0)
      .reduce((total, customer) => total + gammaGammaLogLikelihood(fit, customer), 0);
    expect(fit.logLikelihood).toBeCloseTo(sum, 8);
  });

  it("rejects repeat buyers without a positive mean spend", () => {
    expect(() => fitGammaGamma([{ frequency: 2, monetaryValue: 0 }])).toThrow(
      /positive mean spend/,
    );
    expect(() => fitGammaGamma([{ frequency: 0, monetaryValue: 0 }])).toThrow(/repeat purchases/);
  });
});

describe("conditionalExpectedAverageSpend", () => {
  it("matches Hardie's spreadsheet for CDNOW customers 1–10 (lifetimes, atol 0.1)", () => {
    const expected = [24.65, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17];
    const firstTen = cdnow.slice(0, 10);
    expect(firstTen.map((customer) => customer.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    firstTen.forEach((customer, i) => {
      const value = conditionalExpectedAverageSpend(fit, customer);
      expect(Math.abs(value - (expected[i] ?? Number.NaN))).toBeLessThanOrEqual(0.1);
    });
    // The README's values at the MLE, to the cent.
    expect(
      conditionalExpectedAverageSpend(fit, { frequency: 2, monetaryValue: 22.35 }),
    ).toBeCloseTo(24.66, 2);
  });

  it("is the population mean pγ/(q − 1) for customers without repeat purchases", () => {
    const mean = (fit.p * fit.v) / (fit.q - 1);
    expect(conditionalExpectedAverageSpend(fit, { frequency: 0, monetaryValue: 0 })).toBeCloseTo(
      mean,
      10,
    );
    expect(mean).toBeCloseTo(35.17, 2);
  });

  it("moves towards the customer's own mean the more purchases it rests on", () => {
    const spend = (frequency: number) =>
      conditionalExpectedAverageSpend(fit, { frequency, monetaryValue: 100 });
    expect(spend(1)).toBeLessThan(spend(10));
    expect(spend(10)).toBeLessThan(spend(1000));
    expect(spend(1000)).toBeCloseTo(100, 0);
  });

  it("refuses an infinite expectation when p·x + q ≤ 1", () => {
    expect(() =>
      conditionalExpectedAverageSpend({ p: 1, q: 0.5, v: 1 }, { frequency: 0, monetaryValue: 0 }),
    ).toThrow(/infinite/);
  });
});
