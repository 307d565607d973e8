// The Gamma-Gamma spend likelihood of the repeat buyers and, for the fit, its mean as a function of
// the log-parameters with the analytic gradient.
import type { GammaGammaCustomer, GammaGammaParams } from "./gamma-gamma";
import type { ValueAndGradient } from "./lbfgs";
import { digamma, logGamma } from "./special-functions";

/**
 * ln f(z̄ | p, q, γ, x): the density of the mean of x gamma(p, ν) spends, mixed over ν. Includes
 * the x^(px) z̄^(px−1) Jacobian, so the sum over CDNOW is −4055.92 (as in lifetimes and CLVTools).
 */
export function logDensity({ p, q, v }: GammaGammaParams, x: number, m: number): number {
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
export function sumLogDensity(
  params: GammaGammaParams,
  repeatBuyers: readonly GammaGammaCustomer[],
): number {
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

/**
 * f(ln p, ln q, ln γ) = −Σ ln f / customers + penalizer · (p² + q² + γ²), the objective of the
 * fit, and ∇f. Per customer, with m = z̄:
 *   ∂ln f/∂p = x (ψ(px+q) − ψ(px) + ln m + ln x − ln(xm+γ))
 *   ∂ln f/∂q = ψ(px+q) − ψ(q) + ln γ − ln(xm+γ)
 *   ∂ln f/∂γ = q/γ − (px+q)/(xm+γ)
 * and ∂/∂ln θ = θ ∂/∂θ. The terms in x alone are summed once per distinct x and the ones in m
 * alone once for all, so an evaluation costs one logarithm per customer.
 */
export function gammaGammaObjective(
  repeatBuyers: readonly GammaGammaCustomer[],
  penalizer: number,
): (logParams: readonly number[]) => ValueAndGradient {
  const customers = repeatBuyers.length;
  // Plain loops: Float64Array.from with a mapping function is several times slower.
  const frequency = new Float64Array(customers);
  const spent = new Float64Array(customers);
  const countOfFrequency = new Map<number, number>();
  let sumLogM = 0;
  let sumXLogM = 0;
  for (let i = 0; i < customers; i += 1) {
    const { frequency: x, monetaryValue: m } = repeatBuyers[i] as GammaGammaCustomer;
    frequency[i] = x;
    spent[i] = x * m;
    countOfFrequency.set(x, (countOfFrequency.get(x) ?? 0) + 1);
    sumLogM += Math.log(m);
    sumXLogM += x * Math.log(m);
  }
  const byFrequency = [...countOfFrequency].map(([x, count]) => ({ x, count, logX: Math.log(x) }));

  return ([logP = 0, logQ = 0, logV = 0]) => {
    const [p, q, v] = [logP, logQ, logV].map(Math.exp) as [number, number, number];
    const logVValue = Math.log(v);
    let sum = customers * (-logGamma(q) + q * logVValue) - sumLogM + p * sumXLogM;
    let dP = sumXLogM;
    let dQ = customers * (-digamma(q) + logVValue);
    let dV = (customers * q) / v;
    for (const { x, count, logX } of byFrequency) {
      const px = p * x;
      const psiPXQ = digamma(px + q);
      sum += count * (logGamma(px + q) - logGamma(px) + px * logX);
      dP += count * x * (psiPXQ - digamma(px) + logX);
      dQ += count * psiPXQ;
    }
    for (let i = 0; i < customers; i += 1) {
      const x = frequency[i] ?? 0;
      const total = (spent[i] ?? 0) + v;
      const logTotal = Math.log(total);
      const pxq = p * x + q;
      sum -= pxq * logTotal;
      dP -= x * logTotal;
      dQ -= logTotal;
      dV -= pxq / total;
    }

    const params = [p, q, v];
    const derivatives = [dP, dQ, dV];
    const penalty = penalizer * params.reduce((total, theta) => total + theta * theta, 0);
    return {
      value: -sum / customers + penalty,
      gradient: params.map(
        (theta, i) => (-theta * (derivatives[i] ?? 0)) / customers + 2 * penalizer * theta * theta,
      ),
    };
  };
}
