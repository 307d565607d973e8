// Lightspeed's rate limit (reference §7): `X-RateLimit-Limit` / `X-RateLimit-Remaining` on every
// response, 429 with `Retry-After` as an HTTP date. We slow down before the bucket is empty and,
// once a 429 comes anyway, wait exactly as long as we are told.

/** The limit as last reported by the server. */
export interface RateLimitSnapshot {
  limit: number | null;
  remaining: number | null;
  /** Epoch ms when the window resets, if the server said so (see `parseRateLimitHeaders`). */
  resetAt: number | null;
  /** Epoch ms (our clock) when the snapshot was taken. */
  observedAt: number;
}

export interface RateLimitPolicy {
  /** Slow down before the limit is hit (default true). */
  pace: boolean;
  /**
   * The limit window: 300 s per reference §7. Whether it is fixed or sliding is UNCONFIRMED; pacing
   * assumes only that `limit` requests per window is sustainable.
   */
  windowMs: number;
  /** Start pacing once `remaining` drops to this share of `limit` (default 0.1 → 35 of 350). */
  reserveFraction: number;
  /** Upper bound on one wait, whatever the server asks (default 10 min). */
  maxWaitMs: number;
  /** How many 429s in a row one request tolerates before failing UNAVAILABLE (default 5). */
  maxRateLimitedAttempts: number;
  /**
   * What an HTTP-date `Retry-After` is measured against. `server` (default): the response's own
   * `Date` header, so our clock's skew (or a simulator's virtual clock) cannot stretch or cut the
   * wait; falls back to the local clock when `Date` is missing. `local`: always our `now()`.
   */
  retryAfterClock: "server" | "local";
}

export const defaultRateLimitPolicy: RateLimitPolicy = {
  pace: true,
  windowMs: 300_000,
  reserveFraction: 0.1,
  maxWaitMs: 600_000,
  maxRateLimitedAttempts: 5,
  retryAfterClock: "server",
};

/** "Now" for reading `Retry-After`: the server's `Date` header when the policy says so. */
export function resolveRetryAfterNow(options: {
  headers: Headers;
  localNow: number;
  clock: RateLimitPolicy["retryAfterClock"];
}): number {
  if (options.clock === "local") return options.localNow;
  const serverNow = Date.parse(options.headers.get("date") ?? "");
  return Number.isNaN(serverNow) ? options.localNow : serverNow;
}

/**
 * Reads the rate-limit headers. `X-RateLimit-Reset` is documented only for the token endpoint and only
 * second-hand (UNCONFIRMED, reference §2.3): read as epoch seconds when it looks like one, as seconds
 * from now when small, or as an HTTP date; ignored when absent, which is the documented case.
 */
export function parseRateLimitHeaders(headers: Headers, now: number): RateLimitSnapshot {
  const reset = headers.get("x-ratelimit-reset");
  let resetAt: number | null = null;
  if (reset !== null) {
    const seconds = Number(reset.trim());
    if (reset.trim() !== "" && Number.isFinite(seconds)) {
      resetAt = seconds > 1e9 ? seconds * 1000 : now + seconds * 1000;
    } else {
      const date = Date.parse(reset);
      resetAt = Number.isNaN(date) ? null : date;
    }
  }
  return {
    limit: parseCount(headers.get("x-ratelimit-limit")),
    remaining: parseCount(headers.get("x-ratelimit-remaining")),
    resetAt,
    observedAt: now,
  };
}

function parseCount(value: string | null): number | null {
  if (value === null || !/^\s*\d+\s*$/.test(value)) return null;
  return Number(value);
}

/**
 * How long to wait before the next request so we do not run into a 429. Above the reserve: no wait.
 * Within it: spread what is left until the reset when we know it, otherwise go no faster than the
 * sustainable `limit / window` rate, counted from the last response.
 */
export function computePacingDelay(options: {
  snapshot: RateLimitSnapshot | null;
  now: number;
  policy: Pick<RateLimitPolicy, "pace" | "windowMs" | "reserveFraction">;
}): number {
  const { snapshot, now, policy } = options;
  if (!policy.pace || snapshot === null) return 0;
  const { limit, remaining, resetAt, observedAt } = snapshot;
  if (limit === null || remaining === null || limit <= 0) return 0;
  const reserve = Math.max(1, Math.ceil(limit * policy.reserveFraction));
  if (remaining > reserve) return 0;
  if (resetAt !== null && resetAt > now) {
    return Math.ceil((resetAt - now) / (remaining + 1));
  }
  const interval = Math.ceil(policy.windowMs / limit);
  return Math.max(0, observedAt + interval - now);
}

/**
 * Milliseconds to wait according to a `Retry-After` value. Lightspeed sends an HTTP date (reference §7);
 * delta-seconds are accepted too because RFC 9110 allows them. `null` when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  if (text === "") return null;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/**
 * The Vend-era 429 body carried `retry-after` as a timestamp (reference §7, [SDK-NODE]); read it when
 * the header is missing. Numbers are epoch seconds when large, seconds from now otherwise.
 */
export function parseRetryAfterBody(body: unknown, now: number): number | null {
  if (typeof body !== "object" || body === null) return null;
  const value = (body as Record<string, unknown>)["retry-after"];
  if (typeof value === "number" && Number.isFinite(value)) {
    return value > 1e9 ? Math.max(0, value * 1000 - now) : Math.ceil(value * 1000);
  }
  return typeof value === "string" ? parseRetryAfter(value, now) : null;
}
