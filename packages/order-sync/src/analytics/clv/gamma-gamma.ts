// Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV", JMR; Fader & Hardie 2013,
// note 025): each customer's spend per purchase is gamma(p, ν) with ν ~ gamma(q, γ) across
// customers. It assumes spend is independent of purchase frequency (check it with
// `spendFrequencyCorrelation`).
import { DomainError } from "../../errors/domain-error";
import { minimizeNelderMead } from "./nelder-mead";
import { logGamma } from "./special-functions";

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

/**
 * ln f(z̄ | p, q, γ, x): the density of the mean of x gamma(p, ν) spends, mixed over ν. Includes
 * the x^(px) z̄^(px−1) Jacobian, so the sum over CDNOW is −4055.92 (as in lifetimes and CLVTools).
 */
function logDensity({ p, q, v }: GammaGammaParams, x: number, m: number): number {
  const px = p * x;
  return (
    logGamma(px + q) -
    logGamma(px) -
    logGamma(q) +
    q * Math.log(v) +
    (px - 1) * Math.log(m) +
    px * Math.log(x) -
    (px + q) * Math.log(x * m + v)
  );
}

/** Σ ln f over repeat buyers; the gamma functions depend on x only, so they are computed per x. */
function sumLogDensity(params: GammaGammaParams, repeatBuyers: readonly GammaGammaCustomer[]) {
  const { p, q, v } = params;
  const byFrequency = new Map<number, number>();
  const common = -logGamma(q) + q * Math.log(v);
  let total = 0;
  for (const { frequency: x, monetaryValue: m } of repeatBuyers) {
    const px = p * x;
    let gammaTerms = byFrequency.get(x);
    if (gammaTerms === undefined) {
      gammaTerms = common + logGamma(px + q) - logGamma(px) + px * Math.log(x);
      byFrequency.set(x, gammaTerms);
    }
    total += gammaTerms + (px - 1) * Math.log(m) - (px + q) * Math.log(x * m + v);
  }
  return total;
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

/**
 * Maximum-likelihood fit on the customers with repeat purchases (the others carry no spend
 * information and are skipped). Log-parameters, Nelder–Mead on the mean negative log-likelihood.
 */
export function fitGammaGamma(
  data: readonly GammaGammaCustomer[],
  options: FitGammaGammaOptions = {},
): GammaGammaFit {
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
  const sumLogLikelihood = (params: GammaGammaParams) => sumLogDensity(params, repeatBuyers);
  const objective = (logParams: readonly number[]) => {
    const params = unpack(logParams);
    const penalty = penalizer * (params.p ** 2 + params.q ** 2 + params.v ** 2);
    return -sumLogLikelihood(params) / repeatBuyers.length + penalty;
  };
  const result = minimizeNelderMead(objective, [start.p, start.q, start.v].map(Math.log), {
    initialStep: 0.5,
    xTolerance: 1e-9,
    fTolerance: 1e-13,
    ...(options.maxIterations === undefined ? {} : { maxIterations: options.maxIterations }),
  });
  const params = unpack(result.x);
  return {
    ...params,
    logLikelihood: sumLogLikelihood(params),
    converged: result.converged && Number.isFinite(result.fx),
    customers: repeatBuyers.length,
  };
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
