// Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV", JMR; Fader & Hardie 2013,
// note 025): each customer's spend per purchase is gamma(p, ν) with ν ~ gamma(q, γ) across
// customers. It assumes spend is independent of purchase frequency (check it with
// `spendFrequencyCorrelation`).
import { DomainError } from "../../errors/domain-error";
import { gammaGammaObjective, logDensity, sumLogDensity } from "./gamma-gamma-likelihood";
import { minimizeLbfgs, type ValueAndGradient } from "./lbfgs";

export interface GammaGammaParams {
  /** Shape of the per-purchase spend distribution. */
  p: number;
  /** Shape of the distribution of customers' spend rates ν. */
  q: number;
  /** γ, the scale of that distribution (lifetimes calls it v), in money. */
  v: number;
}

export interface GammaGammaCustomer {
  /** Repeat purchases, whose spend monetaryValue averages. */
  frequency: number;
  /** Mean spend per repeat purchase (z̄); the first purchase is excluded. */
  monetaryValue: number;
}

export interface GammaGammaFit extends GammaGammaParams {
  /** Σ of the repeat buyers' log-densities of z̄ (as lifetimes computes it, Jacobian included). */
  logLikelihood: number;
  converged: boolean;
  /** How many customers (frequency > 0) the fit used. */
  customers: number;
}

export interface FitGammaGammaOptions {
  /** L2 penalty on the parameters, as lifetimes' `penalizer_coef`. */
  penalizer?: number;
  initialParams?: GammaGammaParams;
  /** Iterations of the optimizer (L-BFGS steps; default 1000). */
  maxIterations?: number;
}

function assertValidParams({ p, q, v }: GammaGammaParams): void {
  if (![p, q, v].every((value) => Number.isFinite(value) && value > 0)) {
    throw new DomainError("BAD_INPUT", "Gamma-Gamma parameters must be positive", {
      details: { p, q, v },
    });
  }
}

function assertValidCustomer({ frequency, monetaryValue }: GammaGammaCustomer): void {
  const valid =
    Number.isInteger(frequency) &&
    frequency >= 0 &&
    Number.isFinite(monetaryValue) &&
    (frequency === 0 || monetaryValue > 0);
  if (!valid) {
    throw new DomainError(
      "BAD_INPUT",
      "invalid Gamma-Gamma customer: repeat buyers need a positive mean spend",
      { details: { frequency, monetaryValue } },
    );
  }
}

/** ln of the spend likelihood of one repeat buyer (frequency > 0). */
export function gammaGammaLogLikelihood(
  params: GammaGammaParams,
  customer: GammaGammaCustomer,
): number {
  assertValidParams(params);
  assertValidCustomer(customer);
  if (customer.frequency === 0) {
    throw new DomainError("BAD_INPUT", "the Gamma-Gamma likelihood needs a repeat buyer");
  }
  return logDensity(params, customer.frequency, customer.monetaryValue);
}

/** The fit as a problem in log-parameters (so they stay positive); the benchmark reuses it. */
export interface GammaGammaFitProblem {
  start: number[];
  /** The mean negative log-likelihood (plus the penalty) and its gradient. */
  objective: (logParams: readonly number[]) => ValueAndGradient;
  /** The objective's value alone, as Nelder–Mead used it. */
  objectiveValue: (logParams: readonly number[]) => number;
  fitAt: (logParams: readonly number[], converged: boolean) => GammaGammaFit;
}

/** On the customers with repeat purchases: the others carry no spend information. */
export function gammaGammaFitProblem(
  data: readonly GammaGammaCustomer[],
  options: Pick<FitGammaGammaOptions, "penalizer" | "initialParams"> = {},
): GammaGammaFitProblem {
  for (const customer of data) assertValidCustomer(customer);
  const repeatBuyers = data.filter((customer) => customer.frequency > 0);
  if (repeatBuyers.length === 0) {
    throw new DomainError("BAD_INPUT", "Gamma-Gamma needs customers with repeat purchases");
  }
  const penalizer = options.penalizer ?? 0;
  const start = options.initialParams ?? { p: 1, q: 1, v: 1 };
  assertValidParams(start);

  const unpack = ([logP = 0, logQ = 0, logV = 0]: readonly number[]) => ({
    p: Math.exp(logP),
    q: Math.exp(logQ),
    v: Math.exp(logV),
  });
  return {
    start: [start.p, start.q, start.v].map(Math.log),
    objective: gammaGammaObjective(repeatBuyers, penalizer),
    objectiveValue: (logParams) => {
      const params = unpack(logParams);
      const penalty = penalizer * (params.p ** 2 + params.q ** 2 + params.v ** 2);
      return -sumLogDensity(params, repeatBuyers) / repeatBuyers.length + penalty;
    },
    fitAt: (logParams, converged) => {
      const params = unpack(logParams);
      return {
        ...params,
        logLikelihood: sumLogDensity(params, repeatBuyers),
        converged,
        customers: repeatBuyers.length,
      };
    },
  };
}

/**
 * Maximum-likelihood fit: L-BFGS with the analytic gradient on the mean negative log-likelihood
 * in log-parameters, to a gradient of at most 1e-10 as for BG/NBD (on CDNOW: about 25
 * evaluations instead of Nelder–Mead's 640, and within 1e-10 of the MLE).
 */
export function fitGammaGamma(
  data: readonly GammaGammaCustomer[],
  options: FitGammaGammaOptions = {},
): GammaGammaFit {
  const problem = gammaGammaFitProblem(data, options);
  const result = minimizeLbfgs(problem.objective, problem.start, {
    gradientTolerance: 1e-10,
    ...(options.maxIterations === undefined ? {} : { maxIterations: options.maxIterations }),
  });
  return problem.fitAt(result.x, result.converged && Number.isFinite(result.fx));
}

/**
 * E[Z | x, z̄]: expected mean spend per future purchase, p(γ + x z̄)/(px + q − 1), a weighted
 * average of the population mean pγ/(q − 1) and the customer's own z̄ with weight px/(px + q − 1).
 * For customers without repeat purchases it is the population mean (needs q > 1).
 */
export function conditionalExpectedAverageSpend(
  params: GammaGammaParams,
  customer: GammaGammaCustomer,
): number {
  assertValidParams(params);
  assertValidCustomer(customer);
  const { p, q, v } = params;
  const x = customer.frequency;
  const denominator = p * x + q - 1;
  if (!(denominator > 0)) {
    throw new DomainError("BAD_INPUT", "expected spend is infinite when p·x + q ≤ 1", {
      details: { p, q, frequency: x },
    });
  }
  const m = x > 0 ? customer.monetaryValue : 0;
  return (p * (v + x * m)) / denominator;
}
