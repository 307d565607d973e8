import { describe, expect, it } from "vitest";
import { computeBackoffDelay } from "./backoff";

describe("computeBackoffDelay", () => {
  const policy = { baseDelayMs: 500, maxDelayMs: 30_000 };

  it("doubles the ceiling with every retry, jittered between half and all of it", () => {
    const low = [1, 2, 3, 4].map((retry) =>
      computeBackoffDelay({ retry, policy, random: () => 0 }),
    );
    const high = [1, 2, 3, 4].map((retry) =>
      computeBackoffDelay({ retry, policy, random: () => 0.999999 }),
    );
    expect(low).toEqual([250, 500, 1000, 2000]);
    expect(high).toEqual([500, 1000, 2000, 4000]);
    expect(computeBackoffDelay({ retry: 2, policy, random: () => 0.5 })).toBe(750);
  });

  it("never exceeds the maximum delay", () => {
    for (const retry of [7, 10, 50, 1000]) {
      const delay = computeBackoffDelay({ retry, policy, random: () => 0.999999 });
      expect(delay).toBeLessThanOrEqual(30_000);
      expect(delay).toBeGreaterThanOrEqual(15_000);
    }
  });

  it("stays within bounds when random misbehaves", () => {
    expect(computeBackoffDelay({ retry: 1, policy, random: () => 7 })).toBe(500);
    expect(computeBackoffDelay({ retry: 1, policy, random: () => -1 })).toBe(250);
  });
});
