import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { defaultAnalyticsConfig } from "./analytics-config";
import { probabilityAlive } from "./clv/bg-nbd";
import { predictNextOrder, presentPredictions } from "./customer-predictions";
import { evaluatePredictionGates } from "./prediction-gates";

const cdnow = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const asOf = new Date("2026-12-01T00:00:00Z");
const config = defaultAnalyticsConfig;
const base = { asOf, bgNbd: cdnow, periodDays: 7, config };

describe("predictNextOrder", () => {
  it("puts the next order at asOf plus the median wait, in days", () => {
    const clv = { frequency: 2, recency: 30.43, T: 38.86 }; // CDNOW customer 1, in weeks
    const alive = probabilityAlive(cdnow, clv);
    const { nextOrderAt, withheld } = predictNextOrder({ ...base, clv, probabilityAlive: alive });
    expect(withheld).toBeNull();
    // (α + T)(2^(1/(r+x)) − 1) weeks = 43.274 × 0.3621 ≈ 15.67 weeks ≈ 109.7 days.
    const weeks = (cdnow.alpha + clv.T) * (2 ** (1 / (cdnow.r + 2)) - 1);
    const days = ((nextOrderAt?.getTime() ?? 0) - asOf.getTime()) / 86_400_000;
    expect(days).toBeCloseTo(weeks * 7, 6);
    expect(days).toBeCloseTo(109.686, 3);
  });

  it("withholds the date, saying why, without orders, model, repeat order or likely activity", () => {
    const clv = { frequency: 3, T: 40 };
    expect(predictNextOrder({ ...base, clv: null, probabilityAlive: null }).withheld).toBe(
      "no_orders",
    );
    expect(predictNextOrder({ ...base, bgNbd: null, clv, probabilityAlive: null }).withheld).toBe(
      "no_model",
    );
    expect(
      predictNextOrder({ ...base, clv: { frequency: 0, T: 10 }, probabilityAlive: 1 }).withheld,
    ).toBe("single_order");
    expect(predictNextOrder({ ...base, clv, probabilityAlive: 0.09 })).toEqual({
      nextOrderAt: null,
      withheld: "probably_inactive",
    });
    expect(predictNextOrder({ ...base, clv, probabilityAlive: 0.1 }).withheld).toBeNull();
  });
});

describe("presentPredictions", () => {
  const eligible = evaluatePredictionGates(
    {
      asOf,
      customersWithOrders: 900,
      repeatCustomers: 100,
      repeatCustomerMinOrders: 3,
      firstOrderAt: new Date("2025-01-01T00:00:00Z"),
      lastOrderAt: new Date("2026-11-30T00:00:00Z"),
    },
    config,
  );
  const stored = {
    expectedNextOrderAt: new Date("2027-01-10T00:00:00Z"),
    predictionWithheldReason: null,
    churnRisk: 0.25,
    churnRiskLabel: "low",
    predictedPurchases365d: 2.5,
    predictedValue365d: new Decimal("187.456"),
  };

  it("shows every figure of an eligible store's repeat customer", () => {
    expect(presentPredictions(stored, eligible)).toEqual({
      nextOrderAt: stored.expectedNextOrderAt,
      churnProbability: 0.25,
      churnBand: "low",
      predictedOrders365d: 2.5,
      predictedSpend365d: new Decimal("187.46"),
      withheldReason: null,
    });
  });

  it("withholds everything when the store fails a gate, naming the failed gates", () => {
    const failing = {
      ...eligible,
      eligible: false,
      gates: eligible.gates.map((gate) =>
        gate.id === "customersWithOrders" ? { ...gate, passed: false } : gate,
      ),
    };
    const shown = presentPredictions(stored, failing);
    expect(shown).toMatchObject({
      nextOrderAt: null,
      churnProbability: null,
      predictedSpend365d: null,
    });
    expect(shown.withheldReason?.code).toBe("store_not_eligible");
    expect(shown.withheldReason?.message).toContain("At least 500 customers with orders");
    expect(shown.withheldReason?.message).not.toContain("days of order history");
    expect(presentPredictions(stored, null).withheldReason?.code).toBe("store_not_eligible");
  });

  it("keeps a one-order customer's 365-day figures but not their date or churn", () => {
    const shown = presentPredictions(
      {
        ...stored,
        expectedNextOrderAt: null,
        predictionWithheldReason: "single_order",
        churnRisk: 0,
      },
      eligible,
    );
    expect(shown).toMatchObject({
      nextOrderAt: null,
      churnProbability: null,
      churnBand: null,
      predictedOrders365d: 2.5,
    });
    expect(shown.predictedSpend365d?.toString()).toBe("187.46");
    expect(shown.withheldReason?.message).toMatch(/repeat order/);
  });

  it("keeps a likely-gone customer's churn but not their date", () => {
    const shown = presentPredictions(
      {
        ...stored,
        expectedNextOrderAt: null,
        predictionWithheldReason: "probably_inactive",
        churnRisk: 0.95,
        churnRiskLabel: "high",
      },
      eligible,
    );
    expect(shown).toMatchObject({ nextOrderAt: null, churnProbability: 0.95, churnBand: "high" });
    expect(shown.withheldReason?.code).toBe("probably_inactive");
  });
});
