// The X-Series rate limit (reference §7): `300 × registers + 50` requests per 5-minute window,
// counted in simulated time. Fixed vs sliding window is UNCONFIRMED; we use a fixed window that
// opens at the first request, and once it is exhausted nothing succeeds until it resets.

export interface RateLimitOptions {
  limit?: number;
  windowMs?: number;
}

export type RateLimitDecision =
  | { allowed: true; limit: number; remaining: number }
  | { allowed: false; limit: number; remaining: 0; retryAtMs: number };

export const DEFAULT_RATE_LIMIT_WINDOW_MS = 5 * 60 * 1000;

export function defaultRateLimit(registerCount: number): number {
  return 300 * registerCount + 50;
}

export class RateLimiter {
  private windowStartMs: number | null = null;
  private used = 0;

  constructor(
    readonly limit: number,
    readonly windowMs: number = DEFAULT_RATE_LIMIT_WINDOW_MS,
  ) {}

  take(nowMs: number): RateLimitDecision {
    if (this.windowStartMs === null || nowMs >= this.windowStartMs + this.windowMs) {
      this.windowStartMs = nowMs;
      this.used = 0;
    }
    if (this.used >= this.limit) {
      return {
        allowed: false,
        limit: this.limit,
        remaining: 0,
        retryAtMs: this.windowStartMs + this.windowMs,
      };
    }
    this.used += 1;
    return { allowed: true, limit: this.limit, remaining: this.limit - this.used };
  }

  reset(): void {
    this.windowStartMs = null;
    this.used = 0;
  }
}
