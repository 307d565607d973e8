import { describe, expect, it } from "vitest";
import { minimizeLbfgs, type ValueAndGradient } from "./lbfgs";

function rosenbrock(x: readonly number[]): ValueAndGradient {
  // The extended (chained) Rosenbrock function; its minimum is 0 at (1, …, 1).
  let value = 0;
  const gradient = x.map(() => 0);
  for (let i = 0; i + 1 < x.length; i += 1) {
    const [u = 0, v = 0] = [x[i], x[i + 1]];
    value += (1 - u) ** 2 + 100 * (v - u * u) ** 2;
    gradient[i] = (gradient[i] ?? 0) - 2 * (1 - u) - 400 * u * (v - u * u);
    gradient[i + 1] = (gradient[i + 1] ?? 0) + 200 * (v - u * u);
  }
  return { value, gradient };
}

describe("minimizeLbfgs", () => {
  it("finds the minimum of the Rosenbrock valley from the classic start", () => {
    const result = minimizeLbfgs(rosenbrock, [-1.2, 1], { gradientTolerance: 1e-10 });
    expect(result.converged).toBe(true);
    expect(result.stoppedBy).toBe("gradient");
    expect(result.x[0]).toBeCloseTo(1, 9);
    expect(result.x[1]).toBeCloseTo(1, 9);
    expect(result.fx).toBeLessThan(1e-18);
    // Nelder–Mead needs about 200 iterations and 400 evaluations from the same start.
    expect(result.evaluations).toBeLessThan(100);
  });

  it("finds the minimum of a 10-dimensional Rosenbrock function", () => {
    const start = Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? -1.2 : 1));
    const result = minimizeLbfgs(rosenbrock, start, { gradientTolerance: 1e-9 });
    expect(result.converged).toBe(true);
    for (const value of result.x) expect(value).toBeCloseTo(1, 8);
  });

  it("minimizes an ill-scaled quadratic in few iterations", () => {
    const centre = [1, -2, 3, 0.5, -0.25];
    const scales = [1, 10, 100, 0.1, 5];
    const quadratic = (x: readonly number[]): ValueAndGradient => ({
      value: x.reduce((sum, v, i) => sum + (scales[i] ?? 1) * (v - (centre[i] ?? 0)) ** 2, 0),
      gradient: x.map((v, i) => 2 * (scales[i] ?? 1) * (v - (centre[i] ?? 0))),
    });
    const result = minimizeLbfgs(quadratic, [0, 0, 0, 0, 0], { gradientTolerance: 1e-12 });
    expect(result.converged).toBe(true);
    result.x.forEach((value, i) => {
      expect(value).toBeCloseTo(centre[i] ?? Number.NaN, 12);
    });
    // BFGS on a quadratic with exact line searches ends in n steps; inexact ones need a few more.
    expect(result.iterations).toBeLessThan(30);
  });

  it("retreats from steps where f is NaN and converges to an interior minimum", () => {
    // x − ln x has its minimum at x = 1 and is NaN for x < 0. From x = 5, on the flat side, the
    // first secant model of the curvature sends the second step far below 0.
    let outside = 0;
    const f = ([x = 0]: readonly number[]): ValueAndGradient => {
      if (!(x > 0)) outside += 1;
      return { value: x - Math.log(x), gradient: [1 - 1 / x] };
    };
    const result = minimizeLbfgs(f, [5], { gradientTolerance: 1e-12 });
    expect(outside).toBeGreaterThan(0);
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 10);
  });

  it("stops at a minimum on the boundary of the domain, where f becomes +∞ and NaN", () => {
    // (x − 2)², defined only for x < 1 (+∞ at 1, NaN beyond): the infimum is at x → 1, where the
    // gradient does not vanish. An unconstrained method cannot converge there; it must end at
    // the boundary with a finite value instead of wandering off or returning NaN.
    let outside = 0;
    const f = ([x = 0]: readonly number[]): ValueAndGradient => {
      if (x >= 1) outside += 1;
      if (x === 1) return { value: Number.POSITIVE_INFINITY, gradient: [Number.NaN] };
      if (x > 1) return { value: Number.NaN, gradient: [Number.NaN] };
      return { value: (x - 2) ** 2, gradient: [2 * (x - 2)] };
    };
    const result = minimizeLbfgs(f, [-3]);
    expect(outside).toBeGreaterThan(0);
    expect(result).toMatchObject({ converged: false, stoppedBy: "no-progress" });
    expect(result.x[0]).toBeLessThan(1);
    expect(result.x[0]).toBeGreaterThan(1 - 1e-15);
    expect(result.fx).toBeCloseTo(1, 14);
    expect(result.gradient[0]).toBeCloseTo(-2, 14);
    expect(result.iterations).toBeLessThan(20);
  });

  it("treats a finite value with a non-finite gradient as outside the domain", () => {
    // |x|^1.5 − x (minimum −4/27 at x = 4/9), its gradient left undefined (NaN) for x > 2, where
    // the second step from x = −3 lands.
    let outside = 0;
    const f = ([x = 0]: readonly number[]): ValueAndGradient => {
      if (x > 2) outside += 1;
      return {
        value: Math.abs(x) ** 1.5 - x,
        gradient: [x > 2 ? Number.NaN : 1.5 * Math.sign(x) * Math.sqrt(Math.abs(x)) - 1],
      };
    };
    const result = minimizeLbfgs(f, [-3], { gradientTolerance: 1e-10 });
    expect(outside).toBeGreaterThan(0);
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(4 / 9, 9);
  });

  it("reaches a gradient tolerance below the rounding noise of f", () => {
    // f carries noise of 1e-13 relative (as a sum over many customers does), its gradient none:
    // near the minimum every decrease is below the noise, and the slope has to decide.
    const noise = (x: number) => 1e-13 * Math.sin(1e7 * x);
    const f = ([x = 0, y = 0]: readonly number[]): ValueAndGradient => ({
      value: 4 * (1 + noise(x + y)) + (x - 0.3) ** 2 + 10 * (y + 0.2) ** 2,
      gradient: [2 * (x - 0.3), 20 * (y + 0.2)],
    });
    const result = minimizeLbfgs(f, [2, 2], { gradientTolerance: 1e-12 });
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(0.3, 12);
    expect(result.x[1]).toBeCloseTo(-0.2, 12);
  });

  it("reports no convergence when the iteration budget runs out", () => {
    const result = minimizeLbfgs(rosenbrock, [-1.2, 1], { maxIterations: 5 });
    expect(result.converged).toBe(false);
    expect(result.stoppedBy).toBe("max-iterations");
    expect(result.iterations).toBe(5);
    expect(result.fx).toBeLessThan(rosenbrock([-1.2, 1]).value);
  });

  it("stops at once at a minimum and is deterministic", () => {
    const atMinimum = minimizeLbfgs(rosenbrock, [1, 1]);
    expect(atMinimum).toMatchObject({ converged: true, iterations: 0, evaluations: 1 });
    expect(minimizeLbfgs(rosenbrock, [-1.2, 1])).toEqual(minimizeLbfgs(rosenbrock, [-1.2, 1]));
  });

  it("rejects an empty or non-finite start and a start outside the domain", () => {
    expect(() => minimizeLbfgs(rosenbrock, [])).toThrow(/starting point/);
    expect(() => minimizeLbfgs(rosenbrock, [Number.NaN, 1])).toThrow(/starting point/);
    const undefinedAtStart = () => ({ value: Number.NaN, gradient: [0] });
    expect(() => minimizeLbfgs(undefinedAtStart, [0])).toThrow(/finite/);
    expect(() => minimizeLbfgs(() => ({ value: 0, gradient: [1, 2] }), [0])).toThrow(/dimension/);
  });
});
