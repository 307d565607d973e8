import { describe, expect, it } from "vitest";
import {
  computePacingDelay,
  defaultRateLimitPolicy,
  parseRateLimitHeaders,
  parseRetryAfter,
  parseRetryAfterBody,
  type RateLimitSnapshot,
} from "./rate-limit";

const now = Date.parse("2020-07-15T15:04:00Z");

describe("parseRetryAfter", () => {
  it("reads the documented HTTP date as the time left until then", () => {
    expect(parseRetryAfter("Wed, 15 Jul 2020 15:04:05 GMT", now)).toBe(5000);
  });

  it("reads delta-seconds too", () => {
    expect(parseRetryAfter("120", now)).toBe(120_000);
    expect(parseRetryAfter(" 1.5 ", now)).toBe(1500);
  });

  it("never returns a negative wait for a date in the past", () => {
    expect(parseRetryAfter("Wed, 15 Jul 2020 15:03:00 GMT", now)).toBe(0);
  });

  it("returns null when absent or unreadable", () => {
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter("", now)).toBeNull();
    expect(parseRetryAfter("later", now)).toBeNull();
  });
});

describe("parseRetryAfterBody", () => {
  it("reads the Vend-era body field as epoch seconds or a date", () => {
    expect(parseRetryAfterBody({ "retry-after": now / 1000 + 30 }, now)).toBe(30_000);
    expect(parseRetryAfterBody({ "retry-after": "Wed, 15 Jul 2020 15:04:10 GMT" }, now)).toBe(
      10_000,
    );
    expect(parseRetryAfterBody({ error: "Too Many Requests" }, now)).toBeNull();
    expect(parseRetryAfterBody(null, now)).toBeNull();
  });
});

describe("parseRateLimitHeaders", () => {
  it("reads limit and remaining, case-insensitively", () => {
    const headers = new Headers({ "x-ratelimit-limit": "350", "X-RateLimit-Remaining": "349" });
    expect(parseRateLimitHeaders(headers, now)).toEqual({
      limit: 350,
      remaining: 349,
      resetAt: null,
      observedAt: now,
    });
  });

  it("reads an optional reset as epoch seconds or seconds from now", () => {
    const epoch = new Headers({ "x-ratelimit-reset": String(now / 1000 + 60) });
    expect(parseRateLimitHeaders(epoch, now).resetAt).toBe(now + 60_000);
    const delta = new Headers({ "x-ratelimit-reset": "60" });
    expect(parseRateLimitHeaders(delta, now).resetAt).toBe(now + 60_000);
  });

  it("ignores garbage", () => {
    const headers = new Headers({ "x-ratelimit-limit": "lots", "x-ratelimit-remaining": "-1" });
    const snapshot = parseRateLimitHeaders(headers, now);
    expect(snapshot.limit).toBeNull();
    expect(snapshot.remaining).toBeNull();
  });
});

describe("computePacingDelay", () => {
  const policy = defaultRateLimitPolicy;
  const snapshot = (limit: number, remaining: number, resetAt: number | null = null) =>
    ({ limit, remaining, resetAt, observedAt: now }) satisfies RateLimitSnapshot;

  it("does not wait while well under the limit", () => {
    expect(computePacingDelay({ snapshot: snapshot(350, 200), now, policy })).toBe(0);
    expect(computePacingDelay({ snapshot: null, now, policy })).toBe(0);
  });

  it("slows to the sustainable rate inside the reserve", () => {
    // 300 s / 350 requests → one request every 858 ms.
    expect(computePacingDelay({ snapshot: snapshot(350, 35), now, policy })).toBe(858);
    expect(computePacingDelay({ snapshot: snapshot(350, 0), now: now + 500, policy })).toBe(358);
    expect(computePacingDelay({ snapshot: snapshot(350, 0), now: now + 1000, policy })).toBe(0);
  });

  it("spreads what is left until a known reset", () => {
    const resetAt = now + 10_000;
    expect(computePacingDelay({ snapshot: snapshot(100, 4, resetAt), now, policy })).toBe(2000);
    expect(computePacingDelay({ snapshot: snapshot(100, 0, resetAt), now, policy })).toBe(10_000);
  });

  it("does nothing when pacing is off", () => {
    const off = { ...policy, pace: false };
    expect(computePacingDelay({ snapshot: snapshot(350, 0), now, policy: off })).toBe(0);
  });
});
