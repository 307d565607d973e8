// Sync-delay statistics. Percentiles use the nearest-rank method: the p-th percentile of n sorted
// values is the value at rank ⌈p·n/100⌉ (1-based), always one of the observed delays (no
// interpolation), so "p90 = 3 days" means at least 90 % of orders took 3 days or less.

export interface DelayStats {
  count: number;
  /** Seconds; null when there is no delay to summarise. */
  p50: number | null;
  p90: number | null;
  p99: number | null;
  max: number | null;
}

/** Nearest-rank percentile of ascending `sorted`; `p` in (0, 100]. null for no values. */
export function nearestRankPercentile(sorted: readonly number[], p: number): number | null {
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  if (sorted.length === 0) return null;
  // p·n first: for whole p the product is an exact integer, so 90·10/100 is exactly 9 (whereas
  // 0.9·10 is 9.000000000000002 in floating point, and its ceiling 10 would be one rank too high).
  const rank = Math.ceil((p * sorted.length) / 100);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? null;
}

export function summarizeDelays(delaysSeconds: readonly number[]): DelayStats {
  const sorted = [...delaysSeconds].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: nearestRankPercentile(sorted, 50),
    p90: nearestRankPercentile(sorted, 90),
    p99: nearestRankPercentile(sorted, 99),
    max: sorted.at(-1) ?? null,
  };
}
