// BG/NBD purchase model (Fader, Hardie & Lee 2005, "Counting Your Customers the Easy Way").
// All times (recency, T, t) are in one unit of the caller's choice; α is in that unit too.
import { DomainError } from "../../errors/domain-error";
import { bgNbdObjective, type CustomerGroup, sumLogLikelihood } from "./bg-nbd-likelihood";
import { minimizeLbfgs, type ValueAndGradient } from "./lbfgs";
import { hyp2f1, logBeta, logGamma } from "./special-functions";

export interface BgNbdParams {
  /** Shape of the gamma distribution of purchase rates λ. */
  r: number;
  /** Scale of that distribution (a time, in the data's unit). */
  alpha: number;
  /** Beta distribution of the drop-out probability p after each purchase. */
  a: number;
  b: number;
}

export interface BgNbdCustomer {
  /** Repeat purchases (purchase days after the first one). */
  frequency: number;
  /** Time from the first purchase to the last one; 0 without repeat purchases. */
  recency: number;
  /** Time from the first purchase to the end of observation. */
  T: number;
}

export interface BgNbdFit extends BgNbdParams {
  /** Σ of the customers' log-likelihoods at the fit (the value Fader et al. publish). */
  logLikelihood: number;
  converged: boolean;
}

export interface FitBgNbdOptions {
  /** L2 penalty on the parameters, as lifetimes' `penalizer_coef` (0.001–0.1 for small data). */
  penalizer?: number;
  /** Where the optimizer starts (default r = α = a = b = 1 in the rescaled time, see below). */
  initialParams?: BgNbdParams;
  /** Iterations of the optimizer (L-BFGS steps; default 1000). */
  maxIterations?: number;
}

function assertValidCustomer({ frequency, recency, T }: BgNbdCustomer): void {
  const valid =
    Number.isInteger(frequency) &&
    frequency >= 0 &&
    Number.isFinite(recency) &&
    Number.isFinite(T) &&
    recency >= 0 &&
    recency <= T &&
    (frequency > 0 || recency === 0);
  if (!valid) {
    throw new DomainError("BAD_INPUT", "invalid BG/NBD customer summary", {
      details: { frequency, recency, T },
    });
  }
}

function assertValidParams({ r, alpha, a, b }: BgNbdParams): void {
  if (![r, alpha, a, b].every((value) => Number.isFinite(value) && value > 0)) {
    throw new DomainError("BAD_INPUT", "BG/NBD parameters must be positive", {
      details: { r, alpha, a, b },
    });
  }
}

/**
 * Keyed by the numbers themselves, in nested maps: a string key formats every recency and T, which
 * cost more than the whole L-BFGS fit on 100,000 customers with continuous times.
 */
function groupCustomers(data: readonly BgNbdCustomer[]): CustomerGroup[] {
  const groups: CustomerGroup[] = [];
  const byKey = new Map<number, Map<number, Map<number, CustomerGroup>>>();
  for (const { frequency, recency, T } of data) {
    assertValidCustomer({ frequency, recency, T });
    let byRecency = byKey.get(frequency);
    if (!byRecency) {
      byRecency = new Map();
      byKey.set(frequency, byRecency);
    }
    let byT = byRecency.get(recency);
    if (!byT) {
      byT = new Map();
      byRecency.set(recency, byT);
    }
    const group = byT.get(T);
    if (group) {
      group.weight += 1;
    } else {
      const created = { frequency, recency, T, weight: 1 };
      byT.set(T, created);
      groups.push(created);
    }
  }
  return groups;
}

/** ln L for one customer. */
export function bgNbdLogLikelihood(params: BgNbdParams, customer: BgNbdCustomer): number {
  assertValidParams(params);
  assertValidCustomer(customer);
  return sumLogLikelihood(params, [{ ...customer, weight: 1 }]);
}

/** The fit as a problem in log-parameters (so they stay positive); the benchmark reuses it. */
export interface BgNbdFitProblem {
  start: number[];
  /** The mean negative log-likelihood (plus the penalty) and its gradient. */
  objective: (logParams: readonly number[]) => ValueAndGradient;
  /** The objective's value alone, as Nelder–Mead used it. */
  objectiveValue: (logParams: readonly number[]) => number;
  /** The fit (in the data's time unit) at the optimizer's result. */
  fitAt: (logParams: readonly number[], converged: boolean) => BgNbdFit;
}

/**
 * Like lifetimes, times are first rescaled so the largest T is 10: α then starts at a sensible
 * magnitude whatever the time unit, and is scaled back after.
 */
export function bgNbdFitProblem(
  data: readonly BgNbdCustomer[],
  options: Pick<FitBgNbdOptions, "penalizer" | "initialParams"> = {},
): BgNbdFitProblem {
  const groups = groupCustomers(data);
  if (groups.length === 0) throw new DomainError("BAD_INPUT", "BG/NBD needs customers to fit");
  if (!data.some((customer) => customer.frequency > 0)) {
    throw new DomainError("BAD_INPUT", "BG/NBD needs at least one customer with repeat purchases");
  }
  // Not Math.max(...spread): that overflows the call stack beyond ~100,000 groups.
  const maxT = groups.reduce((max, group) => Math.max(max, group.T), 0);
  const scale = maxT > 0 ? 10 / maxT : 1;
  const scaled = groups.map((group) => ({
    ...group,
    recency: group.recency * scale,
    T: group.T * scale,
  }));
  const penalizer = options.penalizer ?? 0;
  const start = options.initialParams
    ? { ...options.initialParams, alpha: options.initialParams.alpha * scale }
    : { r: 1, alpha: 1, a: 1, b: 1 };
  assertValidParams(start);

  const unpack = ([logR = 0, logAlpha = 0, logA = 0, logB = 0]: readonly number[]) => ({
    r: Math.exp(logR),
    alpha: Math.exp(logAlpha),
    a: Math.exp(logA),
    b: Math.exp(logB),
  });
  return {
    start: [start.r, start.alpha, start.a, start.b].map(Math.log),
    objective: bgNbdObjective(scaled, penalizer),
    objectiveValue: (logParams) => {
      const params = unpack(logParams);
      const penalty =
        penalizer * (params.r ** 2 + params.alpha ** 2 + params.a ** 2 + params.b ** 2);
      return -sumLogLikelihood(params, scaled) / data.length + penalty;
    },
    fitAt: (logParams, converged) => {
      const fitted = unpack(logParams);
      const params = { ...fitted, alpha: fitted.alpha / scale };
      return { ...params, logLikelihood: sumLogLikelihood(params, groups), converged };
    },
  };
}

/**
 * Maximum-likelihood fit: L-BFGS with the analytic gradient on the mean negative log-likelihood
 * in log-parameters, about 20 evaluations on CDNOW where Nelder–Mead needed 1,100. It stops when
 * no component of that gradient exceeds 1e-10: the CDNOW parameters are then within 1e-10 of the
 * MLE (relative; Nelder–Mead's within 6e-7), and tighter costs a step or two for nothing.
 */
export function fitBgNbd(data: readonly BgNbdCustomer[], options: FitBgNbdOptions = {}): BgNbdFit {
  const problem = bgNbdFitProblem(data, options);
  const result = minimizeLbfgs(problem.objective, problem.start, {
    gradientTolerance: 1e-10,
    ...(options.maxIterations === undefined ? {} : { maxIterations: options.maxIterations }),
  });
  return problem.fitAt(result.x, result.converged && Number.isFinite(result.fx));
}

/** Interpolates across a = 1, where the closed forms below are 0/0 (a removable singularity). */
const singularityHalfWidth = 1e-5;

/**
 * (a + b + x − 1)/(a − 1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; z)], z = t/(α+T+t):
 * the numerator of Eq. 10, and with x = T = 0 the unconditional Eq. 9. Euler's transformation
 * ₂F₁(A, B; C; z) = (1 − z)^(C−A−B) ₂F₁(C−A, C−B; C; z) turns the bracket into
 * 1 − (1 − z)^(a−1) ₂F₁(a+b−1−r, a−1; a+b+x−1; z), which neither overflows for heavy buyers nor
 * converges slowly near z = 1 (lifetimes falls back to this form when the first one overflows).
 */
function expectedPurchasesIfAlive(params: BgNbdParams, t: number, x: number, T: number): number {
  if (t === 0) return 0;
  const { a } = params;
  if (Math.abs(a - 1) >= singularityHalfWidth) return closedFormIfAlive(params, t, x, T);
  const low = 1 - singularityHalfWidth;
  const below = closedFormIfAlive({ ...params, a: low }, t, x, T);
  const above = closedFormIfAlive({ ...params, a: 1 + singularityHalfWidth }, t, x, T);
  return below + ((a - low) / (2 * singularityHalfWidth)) * (above - below);
}

function closedFormIfAlive(params: BgNbdParams, t: number, x: number, T: number): number {
  const { r, alpha, a, b } = params;
  const z = t / (alpha + T + t);
  const hypergeometric = hyp2f1(a + b - 1 - r, a - 1, a + b + x - 1, z);
  const bracket = 1 - (1 - z) ** (a - 1) * hypergeometric;
  return ((a + b + x - 1) / (a - 1)) * bracket;
}

function assertValidTime(t: number): void {
  if (!(Number.isFinite(t) && t >= 0)) {
    throw new DomainError("BAD_INPUT", "the horizon t must be a non-negative time", {
      details: { t },
    });
  }
}

/** E[X(t)]: expected repeat purchases in (0, t] of a new customer (Eq. 9). */
export function expectedPurchases(params: BgNbdParams, t: number): number {
  assertValidParams(params);
  assertValidTime(t);
  return expectedPurchasesIfAlive(params, t, 0, 0);
}

/** P(alive | x, t_x, T) (Fader, Hardie & Lee, note 021); 1 for customers without repeats. */
export function probabilityAlive(params: BgNbdParams, customer: BgNbdCustomer): number {
  assertValidParams(params);
  assertValidCustomer(customer);
  const { r, alpha, a, b } = params;
  const { frequency: x, recency, T } = customer;
  if (x === 0) return 1;
  // P = 1 / (1 + e^d), evaluated so that e^d cannot overflow.
  const d = Math.log(a / (b + x - 1)) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + recency));
  return d > 0 ? Math.exp(-d) / (1 + Math.exp(-d)) : 1 / (1 + Math.exp(d));
}

/** E[Y(t) | x, t_x, T]: expected repeat purchases in the next t of this customer (Eq. 10). */
export function conditionalExpectedPurchases(
  params: BgNbdParams,
  t: number,
  customer: BgNbdCustomer,
): number {
  assertValidTime(t);
  // Eq. 10's denominator 1 + [x > 0] a/(b+x−1) ((α+T)/(α+t_x))^(r+x) is 1 / P(alive).
  const alive = probabilityAlive(params, customer);
  return alive * expectedPurchasesIfAlive(params, t, customer.frequency, customer.T);
}

function logNegativeBinomial(r: number, p: number, j: number): number {
  return logGamma(r + j) - logGamma(r) - logGamma(j + 1) + r * Math.log1p(-p) + j * Math.log(p);
}

/** P(N ≥ n) for N ~ NegBin(r, p): summed from whichever side avoids 1 − (almost 1). */
function negativeBinomialTail(r: number, p: number, n: number): number {
  let head = 0;
  let headTerm = Math.exp(logNegativeBinomial(r, p, 0));
  for (let j = 0; j < n; j += 1) {
    head += headTerm;
    headTerm *= ((r + j) / (j + 1)) * p;
  }
  if (head <= 0.5) return 1 - head;
  let term = Math.exp(logNegativeBinomial(r, p, n));
  let tail = 0;
  for (let j = n; term > 1e-17 * tail && j < n + 10_000_000; j += 1) {
    tail += term;
    term *= ((r + j) / (j + 1)) * p;
  }
  return tail;
}

/** P(X(t) = n): probability of exactly n repeat purchases in (0, t] for a new customer (Eq. 8). */
export function probabilityOfPurchases(params: BgNbdParams, t: number, n: number): number {
  assertValidParams(params);
  assertValidTime(t);
  if (!(Number.isInteger(n) && n >= 0)) {
    throw new DomainError("BAD_INPUT", "n must be a non-negative integer", { details: { n } });
  }
  const { r, alpha, a, b } = params;
  if (t === 0) return n === 0 ? 1 : 0;
  const p = t / (alpha + t);
  const logBetaAB = logBeta(a, b);
  // Still alive after n purchases, and exactly n purchases by t.
  const aliveTerm = Math.exp(logBeta(a, b + n) - logBetaAB + logNegativeBinomial(r, p, n));
  if (n === 0) return aliveTerm;
  // Dropped out right after the n-th purchase, which happened by t.
  const droppedTerm =
    Math.exp(logBeta(a + 1, b + n - 1) - logBetaAB) * negativeBinomialTail(r, p, n);
  return aliveTerm + droppedTerm;
}
