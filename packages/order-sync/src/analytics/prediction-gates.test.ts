import { describe, expect, it } from "vitest";
import { defaultAnalyticsConfig } from "./analytics-config";
import { evaluatePredictionGates, type StorePredictionFacts } from "./prediction-gates";

const asOf = new Date("2026-12-01T12:00:00Z");
const healthy: StorePredictionFacts = {
  asOf,
  customersWithOrders: 500,
  repeatCustomers: 10,
  repeatCustomerMinOrders: 3,
  firstOrderAt: new Date("2026-06-04T23:00:00Z"), // 180 UTC days before asOf
  lastOrderAt: new Date("2026-11-02T00:00:00Z"), // 29 days before
};
const passed = (facts: StorePredictionFacts, config = defaultAnalyticsConfig) =>
  Object.fromEntries(
    evaluatePredictionGates(facts, config).gates.map((gate) => [gate.id, gate.passed]),
  );

describe("evaluatePredictionGates", () => {
  it("passes a store exactly at every default threshold, with its figures", () => {
    const report = evaluatePredictionGates(healthy, defaultAnalyticsConfig);
    expect(report.eligible).toBe(true);
    expect(report.gates.map((gate) => [gate.id, gate.threshold, gate.value])).toEqual([
      ["customersWithOrders", 500, 500],
      ["historyDays", 180, 180],
      ["recentOrder", 30, 29],
      ["repeatCustomers", 10, 10],
    ]);
    expect(report.gates[3]?.description).toBe("At least 10 customers with 3 or more orders");
  });

  it("fails each gate one short of its threshold, and only that gate", () => {
    expect(passed({ ...healthy, customersWithOrders: 499 })).toMatchObject({
      customersWithOrders: false,
      historyDays: true,
    });
    expect(passed({ ...healthy, firstOrderAt: new Date("2026-06-05T00:00:00Z") })).toMatchObject({
      historyDays: false,
      customersWithOrders: true,
    });
    expect(passed({ ...healthy, lastOrderAt: new Date("2026-11-01T23:59:00Z") })).toMatchObject({
      recentOrder: false,
    });
    expect(passed({ ...healthy, repeatCustomers: 9 })).toMatchObject({ repeatCustomers: false });
    expect(
      evaluatePredictionGates({ ...healthy, repeatCustomers: 9 }, defaultAnalyticsConfig),
    ).toMatchObject({ eligible: false });
  });

  it("fails a store without orders, with no figures to show", () => {
    const report = evaluatePredictionGates(
      {
        ...healthy,
        customersWithOrders: 0,
        repeatCustomers: 0,
        firstOrderAt: null,
        lastOrderAt: null,
      },
      defaultAnalyticsConfig,
    );
    expect(report.eligible).toBe(false);
    expect(report.gates.map((gate) => gate.value)).toEqual([0, null, null, 0]);
  });

  it("follows configured thresholds", () => {
    const config = {
      ...defaultAnalyticsConfig,
      predictions: {
        ...defaultAnalyticsConfig.predictions,
        gates: { ...defaultAnalyticsConfig.predictions.gates, minCustomersWithOrders: 300 },
      },
    };
    expect(passed({ ...healthy, customersWithOrders: 300 }, config).customersWithOrders).toBe(true);
  });

  it("does not judge repeat customers counted at another order count than configured", () => {
    const report = evaluatePredictionGates(
      { ...healthy, repeatCustomerMinOrders: 2, repeatCustomers: 80 },
      defaultAnalyticsConfig,
    );
    expect(report.gates[3]).toMatchObject({ value: null, passed: false });
  });
});
