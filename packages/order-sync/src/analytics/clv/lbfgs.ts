// Limited-memory BFGS (Nocedal & Wright 2006, Algorithms 7.4 and 7.5) for the CLV fits: smooth
// objectives of 3–4 log-parameters with analytic gradients, where it needs tens of evaluations and
// Nelder–Mead thousands. Unconstrained: the fits optimize log-parameters, so every point is in the
// models' domain unless exp overflows, which the line search treats as a step too long.
import { DomainError } from "../../errors/domain-error";
import { type LinePoint, strongWolfeLineSearch } from "./line-search";

export interface ValueAndGradient {
  value: number;
  gradient: readonly number[];
}

export interface LbfgsOptions {
  /** Converged when no gradient component exceeds this in absolute value. */
  gradientTolerance?: number;
  /** How many recent (step, gradient change) pairs model the curvature. */
  memory?: number;
  /** Iterations (accepted steps); each costs one line search, usually one evaluation. */
  maxIterations?: number;
  /** Per line search. */
  maxLineSearchEvaluations?: number;
}

export interface LbfgsResult {
  x: number[];
  fx: number;
  gradient: number[];
  iterations: number;
  /** Evaluations of f and its gradient, the start included. */
  evaluations: number;
  /** Whether the gradient tolerance was met. */
  converged: boolean;
  /** "no-progress": no step along even the steepest descent decreased f. */
  stoppedBy: "gradient" | "max-iterations" | "no-progress";
}

interface Point extends LinePoint {
  x: number[];
  gradient: number[];
}

interface CurvaturePair {
  s: number[];
  y: number[];
  /** 1 / (y·s) */
  rho: number;
}

function dot(u: readonly number[], v: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < u.length; i += 1) sum += (u[i] ?? 0) * (v[i] ?? 0);
  return sum;
}

function maxAbs(v: readonly number[]): number {
  return v.reduce((max, value) => Math.max(max, Math.abs(value)), 0);
}

/** −H∇f by the two-loop recursion, H₀ = γI with γ = s·y / y·y of the newest pair. */
function searchDirection(gradient: readonly number[], pairs: readonly CurvaturePair[]): number[] {
  const q = gradient.map((g) => -g);
  const alphas: number[] = [];
  for (let k = pairs.length - 1; k >= 0; k -= 1) {
    const { s, y, rho } = pairs[k] as CurvaturePair;
    const alpha = rho * dot(s, q);
    alphas[k] = alpha;
    for (let i = 0; i < q.length; i += 1) q[i] = (q[i] ?? 0) - alpha * (y[i] ?? 0);
  }
  const newest = pairs.at(-1);
  const gamma = newest ? 1 / (newest.rho * dot(newest.y, newest.y)) : 1;
  for (let i = 0; i < q.length; i += 1) q[i] = gamma * (q[i] ?? 0);
  pairs.forEach(({ s, y, rho }, k) => {
    const beta = rho * dot(y, q);
    const alpha = alphas[k] ?? 0;
    for (let i = 0; i < q.length; i += 1) q[i] = (q[i] ?? 0) + (alpha - beta) * (s[i] ?? 0);
  });
  return q;
}

/** Minimizes f from x0, given f's value and gradient at once (they share most of the work). */
export function minimizeLbfgs(
  f: (x: readonly number[]) => ValueAndGradient,
  x0: readonly number[],
  options: LbfgsOptions = {},
): LbfgsResult {
  const n = x0.length;
  if (n === 0 || !x0.every(Number.isFinite)) {
    throw new DomainError("BAD_INPUT", "L-BFGS needs a non-empty, finite starting point");
  }
  const gradientTolerance = options.gradientTolerance ?? 1e-8;
  const memory = options.memory ?? 10;
  const maxIterations = options.maxIterations ?? 1000;
  const lineSearchOptions =
    options.maxLineSearchEvaluations === undefined
      ? {}
      : { maxEvaluations: options.maxLineSearchEvaluations };

  let evaluations = 0;
  const evaluateAt = (x: number[], direction: readonly number[], step: number): Point => {
    evaluations += 1;
    const { value, gradient } = f(x);
    if (gradient.length !== n) {
      throw new DomainError("INTERNAL", "the gradient has the wrong dimension", {
        details: { expected: n, actual: gradient.length },
      });
    }
    // NaN counts as +∞: outside the domain, never a minimum.
    const usable = Number.isNaN(value) ? Number.POSITIVE_INFINITY : value;
    return { x, gradient: [...gradient], value: usable, step, slope: dot(gradient, direction) };
  };

  let current = evaluateAt([...x0], new Array<number>(n).fill(0), 0);
  if (!(Number.isFinite(current.value) && current.gradient.every(Number.isFinite))) {
    throw new DomainError("BAD_INPUT", "L-BFGS needs a start where f and its gradient are finite", {
      details: { x0: [...x0], value: current.value },
    });
  }
  const pairs: CurvaturePair[] = [];
  let iterations = 0;
  const finish = (stoppedBy: LbfgsResult["stoppedBy"]): LbfgsResult => ({
    x: current.x,
    fx: current.value,
    gradient: current.gradient,
    iterations,
    evaluations,
    converged: maxAbs(current.gradient) <= gradientTolerance,
    stoppedBy,
  });

  while (true) {
    if (maxAbs(current.gradient) <= gradientTolerance) return finish("gradient");
    if (iterations >= maxIterations) return finish("max-iterations");

    let direction = searchDirection(current.gradient, pairs);
    let slope = dot(current.gradient, direction);
    if (!(slope < 0)) {
      // Rounding spoiled the curvature model: start it again from steepest descent.
      pairs.length = 0;
      direction = current.gradient.map((g) => -g);
      slope = dot(current.gradient, direction);
    }
    // Without curvature information, a first step of length 1 in x is a guess of the right scale.
    const initialStep = pairs.length === 0 ? Math.min(1, 1 / Math.sqrt(-slope)) : 1;
    const from = current;
    const { point } = strongWolfeLineSearch(
      (step) =>
        evaluateAt(
          from.x.map((value, i) => value + step * (direction[i] ?? 0)),
          direction,
          step,
        ),
      { step: 0, value: from.value, slope },
      initialStep,
      lineSearchOptions,
    );
    if (point === null || point.x.every((value, i) => value === from.x[i])) {
      if (pairs.length === 0) return finish("no-progress");
      pairs.length = 0;
      continue;
    }
    iterations += 1;
    const s = point.x.map((value, i) => value - (from.x[i] ?? 0));
    const y = point.gradient.map((value, i) => value - (from.gradient[i] ?? 0));
    const sy = dot(s, y);
    // Only a pair with positive curvature keeps the inverse Hessian model positive definite.
    if (sy > Number.EPSILON * dot(y, y)) {
      pairs.push({ s, y, rho: 1 / sy });
      if (pairs.length > memory) pairs.shift();
    }
    current = point;
  }
}
