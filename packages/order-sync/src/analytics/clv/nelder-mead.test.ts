import { describe, expect, it } from "vitest";
import { minimizeNelderMead } from "./nelder-mead";

const rosenbrock = ([x = 0, y = 0]: readonly number[]) => (1 - x) ** 2 + 100 * (y - x * x) ** 2;

describe("minimizeNelderMead", () => {
  it("finds the minimum of the Rosenbrock valley from the classic start", () => {
    const result = minimizeNelderMead(rosenbrock, [-1.2, 1], {
      xTolerance: 1e-10,
      fTolerance: 1e-14,
    });
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 6);
    expect(result.x[1]).toBeCloseTo(1, 6);
    expect(result.fx).toBeLessThan(1e-12);
  });

  it("finds the minimum of an ill-scaled 5-dimensional quadratic", () => {
    const centre = [1, -2, 3, 0.5, -0.25];
    const scales = [1, 10, 100, 0.1, 5];
    const quadratic = (x: readonly number[]) =>
      x.reduce((sum, value, i) => sum + (scales[i] ?? 1) * (value - (centre[i] ?? 0)) ** 2, 0);
    const result = minimizeNelderMead(quadratic, [0, 0, 0, 0, 0], {
      initialStep: 0.5,
      xTolerance: 1e-9,
      fTolerance: 1e-16,
    });
    expect(result.converged).toBe(true);
    result.x.forEach((value, i) => {
      expect(value).toBeCloseTo(centre[i] ?? Number.NaN, 6);
    });
  });

  it("treats NaN as +∞ so the objective can reject points outside its domain", () => {
    // The minimum of (x − 2)² restricted to x > 1, started near the boundary.
    const result = minimizeNelderMead(([x = 0]) => (x > 1 ? (x - 2) ** 2 : Number.NaN), [1.1], {
      initialStep: 0.5,
    });
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(2, 6);
  });

  it("reports no convergence when the iteration budget runs out", () => {
    const result = minimizeNelderMead(rosenbrock, [-1.2, 1], { maxIterations: 10 });
    expect(result.converged).toBe(false);
    expect(result.iterations).toBe(10);
    expect(result.fx).toBeLessThan(rosenbrock([-1.2, 1]));
  });

  it("is deterministic", () => {
    const first = minimizeNelderMead(rosenbrock, [-1.2, 1]);
    const second = minimizeNelderMead(rosenbrock, [-1.2, 1]);
    expect(second).toEqual(first);
  });

  it("rejects an empty or non-finite start", () => {
    expect(() => minimizeNelderMead(rosenbrock, [])).toThrow(/starting point/);
    expect(() => minimizeNelderMead(rosenbrock, [Number.NaN, 1])).toThrow(/starting point/);
    expect(() => minimizeNelderMead(rosenbrock, [0, 1], { initialStep: [1] })).toThrow(/step/);
  });
});
