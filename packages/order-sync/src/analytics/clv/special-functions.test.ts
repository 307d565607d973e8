import { describe, expect, it } from "vitest";
import { digamma, hyp2f1, logBeta, logGamma } from "./special-functions";

// Reference values computed with mpmath 1.3 at 40 significant digits.

function expectRelativelyClose(actual: number, expected: number, tolerance: number) {
  const scale = Math.max(Math.abs(expected), 1);
  expect(Math.abs(actual - expected) / scale).toBeLessThan(tolerance);
}

describe("logGamma", () => {
  it("matches mpmath across small, moderate and large arguments to ~1e-13", () => {
    const cases: Array<[number, number]> = [
      [1e-8, 18.42068073818021],
      [0.1, 2.252712651734206],
      [0.243, 1.3180435846996699],
      [0.5, 0.5723649429247001],
      [1.5, -0.12078223763524522],
      [2.426, 0.23400811688731624],
      [3.2, 0.8854048271549091],
      [10, 12.801827480081469],
      [31.5, 76.37119786778277],
      [100, 359.1342053695754],
      [1e5, 1051287.7089736569],
      [1e10, 220258509288.81058],
    ];
    for (const [x, expected] of cases) expectRelativelyClose(logGamma(x), expected, 1e-13);
  });

  it("is exactly log((n − 1)!) at small integers to machine precision", () => {
    let factorial = 1;
    for (let n = 1; n <= 20; n += 1) {
      expect(Math.abs(logGamma(n) - Math.log(factorial))).toBeLessThan(1e-13);
      factorial *= n;
    }
  });

  it("rejects non-positive arguments other than the pole at zero", () => {
    expect(logGamma(0)).toBe(Number.POSITIVE_INFINITY);
    expect(() => logGamma(-0.5)).toThrow(/x > 0/);
    expect(() => logGamma(Number.NaN)).toThrow(/x > 0/);
  });
});

describe("digamma", () => {
  it("matches mpmath across small, moderate and large arguments", () => {
    const cases: Array<[number, number]> = [
      [1e-8, -100000000.57721564],
      [0.1, -10.423754940411076],
      [0.243, -4.351093864423211],
      [0.5, -1.9635100260214235],
      [1, -0.5772156649015329],
      [2.426, 0.6662079149687963],
      [3.2, 0.9988388912865996],
      [9.99, 2.250700372831201],
      [10, 2.251752589066721],
      [31.5, 3.434030554207563],
      [100, 4.600161852738087],
      [1e5, 11.512920464961896],
      [1e10, 23.025850929890456],
    ];
    for (const [x, expected] of cases) expectRelativelyClose(digamma(x), expected, 1e-14);
  });

  it("is ≈ 0 at its positive root, to double precision", () => {
    expect(Math.abs(digamma(1.4616321449683622))).toBeLessThan(1e-15);
  });

  it("satisfies ψ(x + 1) = ψ(x) + 1/x, across the switch to the asymptotic series", () => {
    for (const x of [1e-3, 0.243, 0.5, 1, 2.426, 8.5, 9, 9.5, 10, 10.5, 50, 1e4]) {
      // Relative to the terms: ψ(x) + 1/x cancels for small x.
      const scale = Math.max(Math.abs(digamma(x)), 1 / x, 1);
      expect(Math.abs(digamma(x + 1) - (digamma(x) + 1 / x)) / scale).toBeLessThan(1e-15);
    }
  });

  it("is the derivative of logGamma", () => {
    for (const x of [0.243, 0.793, 2.426, 6.25, 40]) {
      const h = 1e-4 * x;
      // Five-point stencil: truncation error O(h⁴).
      const derivative =
        (8 * (logGamma(x + h) - logGamma(x - h)) - (logGamma(x + 2 * h) - logGamma(x - 2 * h))) /
        (12 * h);
      expectRelativelyClose(digamma(x), derivative, 1e-8);
    }
  });

  it("has the pole at zero and rejects other non-positive arguments", () => {
    expect(digamma(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(digamma(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(() => digamma(-0.5)).toThrow(/x > 0/);
    expect(() => digamma(Number.NaN)).toThrow(/x > 0/);
  });
});

describe("logBeta", () => {
  it("matches mpmath, including the BG/NBD and Gamma-Gamma parameter ranges", () => {
    const cases: Array<[number, number, number]> = [
      [0.793, 2.426, -0.5115692885937033],
      [1.793, 11.426, -4.5005943827078045],
      [6.25, 3.74, -6.084705740212388],
      [0.5, 0.5, 1.1447298858494002],
      [100, 200, -192.13419227497894],
    ];
    for (const [a, b, expected] of cases) expectRelativelyClose(logBeta(a, b), expected, 1e-13);
  });
});

describe("hyp2f1", () => {
  it("matches closed forms", () => {
    // ₂F₁(1/2, 1/2; 3/2; z²) = arcsin(z)/z
    expectRelativelyClose(hyp2f1(0.5, 0.5, 1.5, 0.25), Math.asin(0.5) / 0.5, 1e-14);
    // ₂F₁(a, b; b; z) = (1 − z)^(−a)
    expectRelativelyClose(hyp2f1(0.7, 2.3, 2.3, 0.6), 0.4 ** -0.7, 1e-14);
    // ₂F₁(1, 1; 2; z) = −ln(1 − z)/z, where c − a − b = 0 rules out the connection formula
    expectRelativelyClose(hyp2f1(1, 1, 2, 0.99), -Math.log(0.01) / 0.99, 1e-12);
    expectRelativelyClose(hyp2f1(1, 1, 2, -3), Math.log(4) / 3, 1e-13);
  });

  it("matches mpmath on the series, near 1 and for negative z", () => {
    const cases: Array<[number, number, number, number, number]> = [
      // The BG/NBD conditional expectation for CDNOW customer 1 over 39 weeks.
      [2.242593, 4.425754, 4.21864, 0.474, 4.573756306274112],
      [1.2, 2.3, 3.5, 0.6, 1.9425341068181423],
      // The BG/NBD unconditional expectation at t = 78 and at t ≫ α (connection formula).
      [0.243, 2.426, 2.219, 0.9465, 2.3908912414124854],
      [0.243, 2.426, 2.219, 0.999, 11.096504288680494],
      // A heavy buyer (x = 29): large values, c − a − b ≈ −29.
      [29.24, 31.43, 31.22, 0.5, 728410939.6133406],
      [29.24, 31.43, 31.22, 0.95, 2.0398378755864366e38],
      // The Euler-transformed form used by the BG/NBD code: b = a − 1 < 0.
      [1.5, -0.2, 3.2, 0.97, 0.8684149150495128],
      [2.0, -0.207, 2.219, 0.9999, 0.4535892775638831],
      // c − a − b = 1: the plain series near 1.
      [0.3, 0.7, 2.0, 0.995, 1.219666636123993],
      // Negative z, inside and outside the unit disc (Pfaff transformation).
      [1.5, 2.5, 3.2, -0.6, 0.5699684670751759],
      [1.5, 2.5, 3.2, -5, 0.10459873017776936],
      // A terminating series (a = −3).
      [-3, 2.5, 1.7, 0.8, -0.05635046811517399],
    ];
    for (const [a, b, c, z, expected] of cases) {
      const actual = hyp2f1(a, b, c, z);
      expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThan(1e-11);
    }
  });

  it("rejects arguments outside the implemented domain", () => {
    expect(() => hyp2f1(1, 1, 2, 1)).toThrow(/z < 1/);
    expect(() => hyp2f1(1, 1, -2, 0.5)).toThrow(/non-positive integer/);
    expect(() => hyp2f1(1, Number.NaN, 2, 0.5)).toThrow(/finite/);
  });
});
