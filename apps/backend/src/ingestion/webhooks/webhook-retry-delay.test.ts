import { describe, expect, it } from "vitest";
import { computeWebhookRetryDelay, defaultWebhookBackoff } from "./webhook-retry-delay";

describe("computeWebhookRetryDelay", () => {
  it("doubles from a minute, caps at four hours and spreads 20 attempts over about 48 hours", () => {
    const middle = { ...defaultWebhookBackoff, random: () => 0.5 };
    const delays = Array.from({ length: 19 }, (_, i) => computeWebhookRetryDelay(i + 1, middle));
    expect(delays.slice(0, 4)).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(Math.max(...delays)).toBe(4 * 3_600_000);
    expect(delays.reduce((sum, ms) => sum + ms, 0) / 3_600_000).toBeCloseTo(48.25, 2);
  });

  it("jitters by ±25 % and never returns less than three quarters of the step", () => {
    const at = (random: number) =>
      computeWebhookRetryDelay(3, { ...defaultWebhookBackoff, random: () => random });
    expect(at(0)).toBe(180_000);
    expect(at(0.999_999)).toBe(300_000);
    expect(computeWebhookRetryDelay(1_000, defaultWebhookBackoff)).toBeLessThanOrEqual(
      5 * 3_600_000,
    );
  });
});
