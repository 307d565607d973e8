// Test-only: customer summaries drawn from the BG/NBD and Gamma-Gamma models themselves (seeded,
// so every run sees the same data), for benchmarks at a scale CDNOW does not reach and for checking
// that a fit recovers the parameters it was simulated with.
import { SeededRandom } from "@greenloop/lightspeed-simulator";
import type { BgNbdParams } from "../bg-nbd";
import type { GammaGammaParams } from "../gamma-gamma";

/** Uniform on (0, 1), from the simulator's seeded stream, shifted off 0 so logarithms stay finite. */
export function seededRandom(seed: number): () => number {
  const random = new SeededRandom(seed);
  return () => random.next() + 0.5 / 2 ** 32;
}

function standardNormal(random: () => number): number {
  // Box–Muller; one of the pair is enough here.
  return Math.sqrt(-2 * Math.log(random())) * Math.cos(2 * Math.PI * random());
}

/** Gamma(shape, 1) by Marsaglia & Tsang (2000), boosted by U^(1/shape) for shapes below 1. */
export function standardGamma(shape: number, random: () => number): number {
  if (shape < 1) return standardGamma(shape + 1, random) * random() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  while (true) {
    const z = standardNormal(random);
    const v = (1 + c * z) ** 3;
    if (v <= 0) continue;
    const u = random();
    if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
  }
}

export interface SimulatedCustomer {
  frequency: number;
  recency: number;
  T: number;
  /** Mean spend per repeat purchase; 0 without repeat purchases. */
  monetaryValue: number;
}

export interface SimulationOptions {
  customers: number;
  seed: number;
  /** In the time unit of `purchases.alpha`. */
  purchases: BgNbdParams;
  spend: GammaGammaParams;
  /** First purchases fall uniformly in [0, acquisitionPeriod); observation ends at `end`. */
  acquisitionPeriod: number;
  end: number;
}

/**
 * Per customer: a purchase rate λ ~ gamma(r, α) and a drop-out probability p ~ beta(a, b);
 * repeat purchases as a Poisson process of rate λ, after each of which the customer leaves with
 * probability p (the BG/NBD story); a spend rate ν ~ gamma(q, γ) and each repeat purchase's spend
 * ~ gamma(p_spend, ν) (the Gamma-Gamma one). Times are continuous, so no two customers share a
 * summary and the BG/NBD fit cannot group them.
 */
export function simulateCustomers(options: SimulationOptions): SimulatedCustomer[] {
  const random = seededRandom(options.seed);
  const { r, alpha, a, b } = options.purchases;
  const { p, q, v } = options.spend;
  return Array.from({ length: options.customers }, () => {
    const T = options.end - random() * options.acquisitionPeriod;
    const rate = standardGamma(r, random) / alpha;
    const betaA = standardGamma(a, random);
    const dropOut = betaA / (betaA + standardGamma(b, random));
    const spendRate = standardGamma(q, random) / v;
    let frequency = 0;
    let recency = 0;
    let spent = 0;
    for (let t = -Math.log(random()) / rate; t <= T; t += -Math.log(random()) / rate) {
      frequency += 1;
      recency = t;
      spent += standardGamma(p, random) / spendRate;
      if (random() < dropOut) break;
    }
    return { frequency, recency, T, monetaryValue: frequency > 0 ? spent / frequency : 0 };
  });
}
