// Retry policy for transient failures (5xx, timeouts, network errors): exponential backoff with
// "equal jitter", so retries from many workers spread out but never collapse to zero delay.

export interface RetryPolicy {
  /** Retries after the first attempt (default 4, so at most 5 attempts). */
  maxRetries: number;
  /** Ceiling of the first retry's delay (default 500 ms). */
  baseDelayMs: number;
  /** No single delay exceeds this (default 30 s). */
  maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxRetries: 4,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
};

/**
 * Delay before retry number `retry` (1-based): uniformly in [cap/2, cap] where
 * cap = min(maxDelayMs, baseDelayMs · 2^(retry-1)). `random` returns [0, 1) like Math.random.
 */
export function computeBackoffDelay(options: {
  retry: number;
  policy: Pick<RetryPolicy, "baseDelayMs" | "maxDelayMs">;
  random: () => number;
}): number {
  const { retry, policy, random } = options;
  const exponent = Math.max(0, retry - 1);
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
  const jitter = Math.min(Math.max(random(), 0), 1);
  return Math.round(cap / 2 + (cap / 2) * jitter);
}
