// The Gamma-Gamma model assumes spend per purchase is independent of how often a customer buys.
// lifetimes' Quickstart checks it with the Pearson correlation over repeat buyers (CDNOW: 0.1139);
// a value far from 0 means the model's spend predictions are biased.
import type { GammaGammaCustomer } from "./gamma-gamma";

/** Pearson correlation of frequency and monetaryValue over the customers with frequency > 0. */
export function spendFrequencyCorrelation(data: readonly GammaGammaCustomer[]): number {
  const repeatBuyers = data.filter((customer) => customer.frequency > 0);
  const n = repeatBuyers.length;
  if (n < 2) return Number.NaN;
  const meanX = repeatBuyers.reduce((sum, c) => sum + c.frequency, 0) / n;
  const meanM = repeatBuyers.reduce((sum, c) => sum + c.monetaryValue, 0) / n;
  let covariance = 0;
  let varianceX = 0;
  let varianceM = 0;
  for (const { frequency, monetaryValue } of repeatBuyers) {
    const dx = frequency - meanX;
    const dm = monetaryValue - meanM;
    covariance += dx * dm;
    varianceX += dx * dx;
    varianceM += dm * dm;
  }
  return covariance / Math.sqrt(varianceX * varianceM);
}
