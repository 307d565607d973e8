// The BG/NBD log-likelihood of a customer base (Fader, Hardie & Lee 2005, Eq. 6) and, for the
// fit, its mean over the customers as a function of the log-parameters with the analytic gradient.
import type { BgNbdParams } from "./bg-nbd";
import type { ValueAndGradient } from "./lbfgs";
import { digamma, logGamma } from "./special-functions";

/** Customers with the same (x, t_x, T) contribute identical terms: count them once. */
export interface CustomerGroup {
  frequency: number;
  recency: number;
  T: number;
  weight: number;
}

/** ln(eˣ + eʸ) without overflow; y may be −∞. */
function logAddExp(x: number, y: number): number {
  const max = Math.max(x, y);
  if (max === Number.NEGATIVE_INFINITY) return max;
  return max + Math.log(Math.exp(x - max) + Math.exp(y - max));
}

/**
 * Σ weight · ln L(r, α, a, b | x, t_x, T), Eq. 6 of the paper in the form of Fader & Hardie's
 * note 027: A₁ + A₂ + ln(e^A₃ + [x > 0] e^A₄), with the sum done as a log-sum-exp so neither
 * term underflows for heavy buyers with long histories.
 */
export function sumLogLikelihood(
  { r, alpha, a, b }: BgNbdParams,
  groups: readonly CustomerGroup[],
): number {
  // The gamma-function terms depend on x only; CDNOW has 30 distinct x for 2,357 customers.
  const byFrequency = new Map<number, number>();
  const common = -logGamma(r) + r * Math.log(alpha) + logGamma(a + b) - logGamma(b);
  let total = 0;
  for (const { frequency: x, recency, T, weight } of groups) {
    let gammaTerms = byFrequency.get(x);
    if (gammaTerms === undefined) {
      gammaTerms = common + logGamma(r + x) + logGamma(b + x) - logGamma(a + b + x);
      byFrequency.set(x, gammaTerms);
    }
    const a3 = -(r + x) * Math.log(alpha + T);
    const a4 =
      x > 0
        ? Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + recency)
        : Number.NEGATIVE_INFINITY;
    total += weight * (gammaTerms + logAddExp(a3, a4));
  }
  return total;
}

/**
 * f(ln r, ln α, ln a, ln b) = −Σ ln L / customers + penalizer · (r² + α² + a² + b²), the objective
 * of the fit, and ∇f. With w₃, w₄ the softmax weights of A₃ and A₄ (the log-sum-exp's own
 * derivative, so nothing underflows that the value does not):
 *   ∂ln L/∂r = ψ(r+x) − ψ(r) + ln α − w₃ ln(α+T) − w₄ ln(α+t_x)
 *   ∂ln L/∂α = r/α − (r+x) (w₃/(α+T) + w₄/(α+t_x))
 *   ∂ln L/∂a = ψ(a+b) − ψ(a+b+x) + w₄/a
 *   ∂ln L/∂b = ψ(a+b) − ψ(b) + ψ(b+x) − ψ(a+b+x) − w₄/(b+x−1)
 * and ∂/∂ln θ = θ ∂/∂θ. The terms in x alone are summed once per distinct x, weighted by how many
 * customers have it, so an evaluation costs three logarithms and an exponential per group.
 */
export function bgNbdObjective(
  groups: readonly CustomerGroup[],
  penalizer: number,
): (logParams: readonly number[]) => ValueAndGradient {
  // Plain loops: Float64Array.from with a mapping function costs about a dozen evaluations.
  const n = groups.length;
  const frequencies: number[] = [];
  const indexOfFrequency = new Map<number, number>();
  const frequencyIndex = new Int32Array(n);
  const recency = new Float64Array(n);
  const T = new Float64Array(n);
  const weight = new Float64Array(n);
  let customers = 0;
  for (let i = 0; i < n; i += 1) {
    const group = groups[i] as CustomerGroup;
    let k = indexOfFrequency.get(group.frequency);
    if (k === undefined) {
      k = frequencies.push(group.frequency) - 1;
      indexOfFrequency.set(group.frequency, k);
    }
    frequencyIndex[i] = k;
    recency[i] = group.recency;
    T[i] = group.T;
    weight[i] = group.weight;
    customers += group.weight;
  }
  const weightOfFrequency = new Float64Array(frequencies.length);
  for (let i = 0; i < n; i += 1) {
    const k = frequencyIndex[i] ?? 0;
    weightOfFrequency[k] = (weightOfFrequency[k] ?? 0) + (weight[i] ?? 0);
  }
  // Per distinct x at the current b: ln(b + x − 1) and its reciprocal.
  const logB1 = new Float64Array(frequencies.length);
  const inverseB1 = new Float64Array(frequencies.length);

  return ([logR = 0, logAlpha = 0, logA = 0, logB = 0]) => {
    const [r, alpha, a, b] = [logR, logAlpha, logA, logB].map(Math.exp) as [
      number,
      number,
      number,
      number,
    ];
    const logAlphaValue = Math.log(alpha);
    const psiAB = digamma(a + b);
    let sum = customers * (-logGamma(r) + r * logAlphaValue + logGamma(a + b) - logGamma(b));
    let dR = customers * (-digamma(r) + logAlphaValue);
    let dAlpha = (customers * r) / alpha;
    let dA = customers * psiAB;
    let dB = customers * (psiAB - digamma(b));
    frequencies.forEach((x, k) => {
      const w = weightOfFrequency[k] ?? 0;
      const psiABX = digamma(a + b + x);
      sum += w * (logGamma(r + x) + logGamma(b + x) - logGamma(a + b + x));
      dR += w * digamma(r + x);
      dA -= w * psiABX;
      dB += w * (digamma(b + x) - psiABX);
      logB1[k] = x > 0 ? Math.log(b + x - 1) : 0;
      inverseB1[k] = x > 0 ? 1 / (b + x - 1) : 0;
    });

    const logAValue = Math.log(a);
    let weightedW4 = 0;
    for (let i = 0; i < n; i += 1) {
      const k = frequencyIndex[i] ?? 0;
      const x = frequencies[k] ?? 0;
      const w = weight[i] ?? 0;
      const rx = r + x;
      const alphaT = alpha + (T[i] ?? 0);
      const logAlphaT = Math.log(alphaT);
      const a3 = -rx * logAlphaT;
      if (x === 0) {
        sum += w * a3;
        dR -= w * logAlphaT;
        dAlpha -= (w * rx) / alphaT;
        continue;
      }
      const alphaR = alpha + (recency[i] ?? 0);
      const logAlphaR = Math.log(alphaR);
      const a4 = logAValue - (logB1[k] ?? 0) - rx * logAlphaR;
      // Softmax of (A₃, A₄) from e^−|A₃−A₄|, which cannot overflow.
      const e = Math.exp(-Math.abs(a3 - a4));
      const larger = 1 / (1 + e);
      const smaller = e / (1 + e);
      const w3 = a3 >= a4 ? larger : smaller;
      const w4 = a3 >= a4 ? smaller : larger;
      sum += w * (Math.max(a3, a4) + Math.log1p(e));
      dR -= w * (w3 * logAlphaT + w4 * logAlphaR);
      dAlpha -= w * rx * (w3 / alphaT + w4 / alphaR);
      weightedW4 += w * w4;
      dB -= w * w4 * (inverseB1[k] ?? 0);
    }
    dA += weightedW4 / a;

    const params = [r, alpha, a, b];
    const derivatives = [dR, dAlpha, dA, dB];
    const penalty = penalizer * params.reduce((total, theta) => total + theta * theta, 0);
    return {
      value: -sum / customers + penalty,
      gradient: params.map(
        (theta, i) => (-theta * (derivatives[i] ?? 0)) / customers + 2 * penalizer * theta * theta,
      ),
    };
  };
}
