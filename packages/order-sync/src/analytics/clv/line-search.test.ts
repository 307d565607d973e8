import { describe, expect, it } from "vitest";
import { type LinePoint, strongWolfeLineSearch } from "./line-search";

const c1 = 1e-4;
const c2 = 0.9;

/** φ and φ′ as a line point; counts the calls. */
function line(phi: (step: number) => number, slope: (step: number) => number) {
  const calls: number[] = [];
  const evaluate = (step: number): LinePoint => {
    calls.push(step);
    return { step, value: phi(step), slope: slope(step) };
  };
  return { evaluate, calls, start: { step: 0, value: phi(0), slope: slope(0) } };
}

function expectStrongWolfe(point: LinePoint | null, start: LinePoint) {
  expect(point).not.toBeNull();
  const { step, value, slope } = point as LinePoint;
  expect(value).toBeLessThanOrEqual(start.value + c1 * step * start.slope);
  expect(Math.abs(slope)).toBeLessThanOrEqual(-c2 * start.slope);
}

describe("strongWolfeLineSearch", () => {
  // φ(α) = (α − 2)²: φ′(0) = −4, minimum at α = 2.
  const parabola = () =>
    line(
      (a) => (a - 2) ** 2,
      (a) => 2 * (a - 2),
    );

  it("accepts a good first step with one evaluation", () => {
    const { evaluate, start, calls } = parabola();
    const result = strongWolfeLineSearch(evaluate, start, 1);
    expect(result).toMatchObject({ wolfe: true, evaluations: 1 });
    expect(result.point?.step).toBe(1);
    expect(calls).toEqual([1]);
  });

  it("lengthens a step that is too short", () => {
    const { evaluate, start } = parabola();
    const result = strongWolfeLineSearch(evaluate, start, 1e-3);
    expect(result.wolfe).toBe(true);
    expectStrongWolfe(result.point, start);
    expect(result.evaluations).toBeLessThan(15);
  });

  it("shortens a step that is too long, by interpolation", () => {
    const { evaluate, start } = parabola();
    const result = strongWolfeLineSearch(evaluate, start, 100);
    expect(result.wolfe).toBe(true);
    expectStrongWolfe(result.point, start);
    // The cubic through φ(0), φ(100) and their slopes is the parabola: its minimum at once.
    expect(result.point?.step).toBeCloseTo(2, 10);
    expect(result.evaluations).toBe(2);
  });

  it("treats NaN and +∞ as a step too long", () => {
    // Defined only for α < 3.
    const { evaluate, start, calls } = line(
      (a) => (a < 3 ? (a - 2) ** 2 : a === 3 ? Number.POSITIVE_INFINITY : Number.NaN),
      (a) => (a < 3 ? 2 * (a - 2) : Number.NaN),
    );
    const result = strongWolfeLineSearch(evaluate, start, 1e6);
    expect(result.wolfe).toBe(true);
    expectStrongWolfe(result.point, start);
    expect(calls.some((step) => step >= 3)).toBe(true);
    expect(result.evaluations).toBeLessThan(40);
  });

  it("treats a finite value with a NaN slope as a step too long", () => {
    const { evaluate, start } = line(
      (a) => (a - 2) ** 2,
      (a) => (a < 3 ? 2 * (a - 2) : Number.NaN),
    );
    const result = strongWolfeLineSearch(evaluate, start, 50);
    expectStrongWolfe(result.point, start);
  });

  it("returns the best decreasing step when the domain ends before any Wolfe step", () => {
    // φ(α) = −α for α < 1, NaN beyond: decreasing to the edge, with no flat point.
    const { evaluate, start } = line(
      (a) => (a < 1 ? -a : Number.NaN),
      (a) => (a < 1 ? -1 : Number.NaN),
    );
    const result = strongWolfeLineSearch(evaluate, start, 10);
    expect(result.wolfe).toBe(false);
    expect(result.point?.step).toBeGreaterThan(0.99);
    expect(result.point?.step).toBeLessThan(1);
  });

  it("returns no point when no step decreases f", () => {
    // The caller claims a descent direction, but φ increases.
    const { evaluate } = line(
      (a) => a * a + a,
      (a) => 2 * a + 1,
    );
    const result = strongWolfeLineSearch(evaluate, { step: 0, value: 0, slope: -1 }, 1, {
      maxEvaluations: 30,
    });
    expect(result.point).toBeNull();
    expect(result.evaluations).toBeLessThanOrEqual(30);
  });

  it("accepts a step whose decrease is hidden by rounding when the slope shows it", () => {
    // φ = 4 + 1e-20 (α − 1)², whose decrease is far below the rounding of 4, evaluated with a
    // rounding error of one ulp upwards at every step: φ(α) seems to grow.
    const { evaluate, start } = line(
      (a) => (a === 0 ? 4 : 4 + 2 ** -50),
      (a) => 2e-20 * (a - 1),
    );
    const result = strongWolfeLineSearch(evaluate, start, 1);
    expect(result.wolfe).toBe(true);
    expect(result.point?.step).toBe(1);
    const strict = strongWolfeLineSearch(evaluate, start, 1, { valueNoise: 0 });
    expect(strict.point).toBeNull();
  });

  it("orders trial points whose values differ only by rounding by their slopes", () => {
    // The same rounding as above, with the line's minimum at α = 0.3 inside a first step of 1
    // that overshoots: every trial seems no better than the start.
    const { evaluate, start } = line(
      (a) => (a === 0 ? 4 : 4 + 2 ** -50),
      (a) => 2e-20 * (a - 0.3),
    );
    const result = strongWolfeLineSearch(evaluate, start, 1);
    expect(result.wolfe).toBe(true);
    expect(result.point?.step).toBeGreaterThan(0);
    expect(result.point?.step).toBeLessThan(1);
    expect(strongWolfeLineSearch(evaluate, start, 1, { valueNoise: 0 }).point).toBeNull();
  });
});
