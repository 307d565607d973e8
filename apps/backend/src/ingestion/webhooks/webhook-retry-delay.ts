// The worker's retry ladder for a delivery it could not process: exponential from `baseDelayMs`,
// capped at `maxDelayMs`, ±25 % jitter. With the defaults and 20 attempts the retries span about
// 48 hours, like Lightspeed's own sender (reference §8.4), before the delivery is dead-lettered.

export interface WebhookBackoff {
  /** Delay before the first retry (default 1 minute). */
  baseDelayMs: number;
  /** No single delay exceeds this (default 4 hours). */
  maxDelayMs: number;
  /** [0, 1) like Math.random (injected by tests). */
  random: () => number;
}

export const defaultWebhookBackoff: WebhookBackoff = {
  baseDelayMs: 60_000,
  maxDelayMs: 4 * 60 * 60_000,
  random: Math.random,
};

/** Delay before the retry that follows failed attempt number `attempt` (1-based). */
export function computeWebhookRetryDelay(attempt: number, backoff: WebhookBackoff): number {
  const exponent = Math.min(Math.max(0, attempt - 1), 40);
  const cap = Math.min(backoff.maxDelayMs, backoff.baseDelayMs * 2 ** exponent);
  const jitter = Math.min(Math.max(backoff.random(), 0), 1);
  return Math.round(cap * (0.75 + 0.5 * jitter));
}
