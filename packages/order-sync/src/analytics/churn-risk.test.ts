import { describe, expect, it } from "vitest";
import { defaultAnalyticsConfig } from "./analytics-config";
import { assessChurnRisk, churnRiskLabelOf } from "./churn-risk";

const config = defaultAnalyticsConfig;

describe("assessChurnRisk", () => {
  it("does use 1 − P(alive) when the model gives one", () => {
    const result = assessChurnRisk(
      { probabilityAlive: 0.25, daysSinceLastOrder: 1, meanDaysBetweenOrders: 30 },
      config,
    );
    expect(result).toEqual({ risk: 0.75, label: "high", method: "probabilityAlive" });
    expect(
      assessChurnRisk(
        { probabilityAlive: 1, daysSinceLastOrder: 400, meanDaysBetweenOrders: 5 },
        config,
      ),
    ).toEqual({ risk: 0, label: "low", method: "probabilityAlive" });
  });

  it("does fall back to recency against the customer's own mean gap", () => {
    const atGap = assessChurnRisk({ daysSinceLastOrder: 20, meanDaysBetweenOrders: 20 }, config);
    expect(atGap?.risk).toBeCloseTo(1 - Math.exp(-1), 12);
    expect(atGap).toMatchObject({ label: "medium", method: "recencyGap" });
    expect(assessChurnRisk({ daysSinceLastOrder: 0, meanDaysBetweenOrders: 20 }, config)).toEqual({
      risk: 0,
      label: "low",
      method: "recencyGap",
    });
    expect(
      assessChurnRisk({ daysSinceLastOrder: 40, meanDaysBetweenOrders: 20 }, config)?.label,
    ).toBe("high");
  });

  it("does rate the same silence as riskier for a customer who usually buys more often", () => {
    const weekly = assessChurnRisk({ daysSinceLastOrder: 21, meanDaysBetweenOrders: 7 }, config);
    const monthly = assessChurnRisk({ daysSinceLastOrder: 21, meanDaysBetweenOrders: 30 }, config);
    expect(weekly?.risk).toBeGreaterThan(monthly?.risk ?? 1);
  });

  it("does use the configured gap for customers without a rhythm yet", () => {
    const oneOrder = assessChurnRisk(
      { daysSinceLastOrder: 60, meanDaysBetweenOrders: null },
      config,
    );
    const sameDay = assessChurnRisk({ daysSinceLastOrder: 60, meanDaysBetweenOrders: 0 }, config);
    expect(oneOrder?.risk).toBeCloseTo(1 - Math.exp(-1), 12);
    expect(sameDay).toEqual(oneOrder);
  });

  it("does return nothing for a customer without orders", () => {
    expect(
      assessChurnRisk({ daysSinceLastOrder: null, meanDaysBetweenOrders: null }, config),
    ).toBeNull();
  });

  it("does stay within 0..1", () => {
    for (const days of [0, 1, 10, 100, 10_000]) {
      for (const gap of [null, 0.5, 1, 30, 365]) {
        const risk = assessChurnRisk(
          { daysSinceLastOrder: days, meanDaysBetweenOrders: gap },
          config,
        )?.risk;
        expect(risk).toBeGreaterThanOrEqual(0);
        expect(risk).toBeLessThanOrEqual(1);
      }
    }
  });

  it("does reject a probability outside 0..1", () => {
    for (const probabilityAlive of [-0.1, 1.2, Number.NaN]) {
      expect(() =>
        assessChurnRisk(
          { probabilityAlive, daysSinceLastOrder: 1, meanDaysBetweenOrders: 1 },
          config,
        ),
      ).toThrow(expect.objectContaining({ code: "BAD_INPUT" }));
    }
  });
});

describe("churnRiskLabelOf", () => {
  it("does label at the configured thresholds, inclusive", () => {
    expect([0, 0.3999, 0.4, 0.6999, 0.7, 1].map((risk) => churnRiskLabelOf(risk, config))).toEqual([
      "low",
      "low",
      "medium",
      "medium",
      "high",
      "high",
    ]);
  });
});
