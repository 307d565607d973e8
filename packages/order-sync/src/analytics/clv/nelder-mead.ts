// Derivative-free minimizer the CLV fits used before they had analytic gradients. No fit uses it
// now (L-BFGS, lbfgs.ts, needs 25–50× fewer evaluations on CDNOW): it stays, with its tests, as
// the baseline fit-clv.bench.ts measures L-BFGS against in the same run. Not exported any more.
import { DomainError } from "../../errors/domain-error";

export interface NelderMeadOptions {
  /**
   * Offset of each initial simplex vertex from the start along one axis. Default: 5% of the
   * coordinate, or 0.00025 where it is 0 (as SciPy does). For log-parameters, 0.1–0.5 works well.
   */
  initialStep?: number | readonly number[];
  /** Converged when every vertex is within this distance of the best one, per coordinate. */
  xTolerance?: number;
  /** …and every vertex's value is within this of the best value. */
  fTolerance?: number;
  /** Per run (restarts each get this many). */
  maxIterations?: number;
  /**
   * After a run converges, start again from a fresh simplex around the best point, until a run
   * no longer improves the value by more than fTolerance. Nelder–Mead can stall on a degenerate
   * simplex far from the minimum; a restart is the standard remedy (e.g. Gao & Han 2012).
   */
  maxRestarts?: number;
  /**
   * Dimension-dependent coefficients (Gao & Han 2012), which keep the method effective beyond
   * 2–3 dimensions. Same as the standard ones for n ≤ 2.
   */
  adaptive?: boolean;
}

export interface NelderMeadResult {
  x: number[];
  fx: number;
  /** Iterations over all runs. */
  iterations: number;
  /** Whether the last run met both tolerances before maxIterations. */
  converged: boolean;
}

interface Vertex {
  x: number[];
  f: number;
}

/** Minimizes f from x0. NaN values count as +∞, so f may reject points outside its domain. */
export function minimizeNelderMead(
  f: (x: readonly number[]) => number,
  x0: readonly number[],
  options: NelderMeadOptions = {},
): NelderMeadResult {
  const n = x0.length;
  if (n === 0 || !x0.every(Number.isFinite)) {
    throw new DomainError("BAD_INPUT", "Nelder–Mead needs a non-empty, finite starting point");
  }
  const settings = {
    xTolerance: options.xTolerance ?? 1e-8,
    fTolerance: options.fTolerance ?? 1e-10,
    maxIterations: options.maxIterations ?? 5000 * n,
    maxRestarts: options.maxRestarts ?? 5,
  };
  const coefficients = simplexCoefficients(n, options.adaptive ?? true);
  const objective = (x: readonly number[]) => {
    const value = f(x);
    return Number.isNaN(value) ? Number.POSITIVE_INFINITY : value;
  };
  const steps = initialSteps(x0, options.initialStep);

  let best: Vertex = { x: [...x0], f: objective(x0) };
  let iterations = 0;
  let converged = false;
  for (let run = 0; run <= settings.maxRestarts; run += 1) {
    const result = runSimplex(objective, best, steps, coefficients, settings);
    iterations += result.iterations;
    converged = result.converged;
    const improvement = best.f - result.best.f;
    if (result.best.f <= best.f) best = result.best;
    // A restart that finds nothing better means the minimum is confirmed.
    if (run > 0 && converged && !(improvement > settings.fTolerance)) break;
    if (!converged) break;
  }
  return { x: best.x, fx: best.f, iterations, converged };
}

interface SimplexCoefficients {
  reflection: number;
  expansion: number;
  contraction: number;
  shrink: number;
}

function simplexCoefficients(n: number, adaptive: boolean): SimplexCoefficients {
  if (!adaptive || n <= 2) return { reflection: 1, expansion: 2, contraction: 0.5, shrink: 0.5 };
  return {
    reflection: 1,
    expansion: 1 + 2 / n,
    contraction: 0.75 - 1 / (2 * n),
    shrink: 1 - 1 / n,
  };
}

function initialSteps(x0: readonly number[], step: NelderMeadOptions["initialStep"]): number[] {
  if (typeof step === "number") return x0.map(() => step);
  if (step !== undefined) {
    if (step.length !== x0.length || !step.every((s) => Number.isFinite(s) && s !== 0)) {
      throw new DomainError("BAD_INPUT", "initialStep needs one non-zero step per coordinate");
    }
    return [...step];
  }
  return x0.map((value) => (value === 0 ? 0.00025 : 0.05 * value));
}

interface RunSettings {
  xTolerance: number;
  fTolerance: number;
  maxIterations: number;
}

function runSimplex(
  objective: (x: readonly number[]) => number,
  start: Vertex,
  steps: readonly number[],
  { reflection, expansion, contraction, shrink }: SimplexCoefficients,
  { xTolerance, fTolerance, maxIterations }: RunSettings,
): { best: Vertex; iterations: number; converged: boolean } {
  const n = start.x.length;
  const simplex: Vertex[] = [start];
  for (let i = 0; i < n; i += 1) {
    const x = start.x.map((value, j) => (j === i ? value + (steps[j] ?? 0) : value));
    simplex.push({ x, f: objective(x) });
  }

  const vertex = (i: number): Vertex => simplex[i] as Vertex;
  // Points along the line through the centroid c and the worst vertex w: c + t (c − w).
  const along = (centroid: readonly number[], worst: readonly number[], t: number) =>
    centroid.map((c, j) => c + t * (c - (worst[j] ?? 0)));
  const evaluate = (x: number[]): Vertex => ({ x, f: objective(x) });

  let iterations = 0;
  while (true) {
    simplex.sort((p, q) => p.f - q.f);
    const best = vertex(0);
    if (hasConverged(simplex, xTolerance, fTolerance)) {
      return { best, iterations, converged: true };
    }
    if (iterations >= maxIterations) return { best, iterations, converged: false };
    iterations += 1;

    const worst = vertex(n);
    const secondWorst = vertex(n - 1);
    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i += 1) {
      vertex(i).x.forEach((value, j) => {
        centroid[j] = (centroid[j] ?? 0) + value / n;
      });
    }

    const reflected = evaluate(along(centroid, worst.x, reflection));
    if (reflected.f < best.f) {
      const expanded = evaluate(along(centroid, worst.x, reflection * expansion));
      simplex[n] = expanded.f < reflected.f ? expanded : reflected;
      continue;
    }
    if (reflected.f < secondWorst.f) {
      simplex[n] = reflected;
      continue;
    }
    // Contract towards the better of the worst vertex and its reflection.
    const outside = reflected.f < worst.f;
    const contracted = evaluate(
      along(centroid, worst.x, outside ? reflection * contraction : -contraction),
    );
    if (outside ? contracted.f <= reflected.f : contracted.f < worst.f) {
      simplex[n] = contracted;
      continue;
    }
    for (let i = 1; i <= n; i += 1) {
      const x = vertex(i).x.map((value, j) => {
        const anchor = best.x[j] ?? 0;
        return anchor + shrink * (value - anchor);
      });
      simplex[i] = evaluate(x);
    }
  }
}

function hasConverged(simplex: readonly Vertex[], xTolerance: number, fTolerance: number): boolean {
  const [best, ...others] = simplex as [Vertex, ...Vertex[]];
  return others.every(
    (other) =>
      Math.abs(other.f - best.f) <= fTolerance &&
      other.x.every((value, j) => Math.abs(value - (best.x[j] ?? 0)) <= xTolerance),
  );
}
