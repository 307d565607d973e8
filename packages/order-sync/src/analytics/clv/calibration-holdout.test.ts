import { beforeAll, describe, expect, it } from "vitest";
import { conditionalExpectedPurchases } from "./bg-nbd";
import {
  type CustomerTransaction,
  calibrationAndHoldoutData,
  evaluateHoldout,
  type HoldoutEvaluation,
} from "./calibration-holdout";
import { readCdnowSampleTransactions, readCdnowSummary } from "./testing/cdnow-data";

// The published CDNOW set-up (Fader, Hardie & Lee 2005, "Counting Your Customers the Easy Way",
// Marketing Science 24(2), Sec. 5–7): the 2,357-customer 1/10th sample, calibrated on weeks 1–39
// (to 1997-09-30) and forecast over the 39-week holdout, weeks 40–78 (to 1998-06-30).
const calibrationEnd = new Date("1997-09-30T00:00:00Z");
const observationEnd = new Date("1998-06-30T00:00:00Z");
// The published calibration fit; confirmed by lifetimes'
// tests/test_estimation.py::test_params_out_is_close_to_Hardie_paper and CLVTools'
// test_correctness_bgnbd.R (see shared/data/cdnow/README.md).
const published = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
// Hardie's BG/NBD Excel sheet (brucehardie.com/notes/004), as lifetimes'
// test_conditional_expectation_returns_same_value_as_Hardie_excel_sheet checks it (tolerance
// 0.001): customer ID 1 (x = 2, t_x = 30.43, T = 38.86) is expected to make 1.226 purchases in
// the 39-week holdout.
const customerOneHoldoutExpectation = 1.226;
// The log-likelihood of the calibration fit. The paper publishes −9582.4 on the rounded summary;
// CLVTools, fitting from the transactions (unrounded t_x and T, as here), reports −9582.429.
const publishedLogLikelihood = -9582.4;
const clvToolsLogLikelihoodFromTransactions = -9582.429;

const transactions: CustomerTransaction[] = readCdnowSampleTransactions().map((t) => ({
  customerId: String(t.customerId),
  at: t.at,
  amount: t.amount,
}));
let evaluation: HoldoutEvaluation;

beforeAll(() => {
  evaluation = evaluateHoldout(transactions, { calibrationEnd, observationEnd });
});

describe("calibrationAndHoldoutData", () => {
  it("rebuilds the published calibration summary of all 2,357 CDNOW customers", () => {
    const data = calibrationAndHoldoutData(transactions, { calibrationEnd, observationEnd });
    const summary = new Map(readCdnowSummary().map((row) => [String(row.id), row]));
    expect(data.customers).toHaveLength(2357);
    expect(data.holdoutPeriods).toBe(39);
    expect(data.calibrationStart.toISOString()).toBe("1997-01-01T00:00:00.000Z");
    for (const customer of data.customers) {
      const row = summary.get(customer.customerId);
      expect(customer.frequency).toBe(row?.frequency);
      // The published file rounds weeks to 2 decimals.
      expect(Math.abs(customer.recency - (row?.recency ?? Number.NaN))).toBeLessThanOrEqual(0.005);
      expect(Math.abs(customer.T - (row?.T ?? Number.NaN))).toBeLessThanOrEqual(0.005);
    }
  });

  it("counts holdout purchase days, several orders on one day once", () => {
    const data = calibrationAndHoldoutData(transactions, { calibrationEnd, observationEnd });
    // Counted independently (Python, from CDNOW_sample.txt): 1,959 transaction rows fall in the
    // holdout, on 1,882 distinct customer-days (and in 1,788 distinct customer-ISO-weeks).
    const total = data.customers.reduce((sum, c) => sum + c.holdoutPurchases, 0);
    expect(total).toBe(1882);
  });

  it("leaves out buyers whose first purchase is in the holdout, and later purchases", () => {
    const day = (iso: string) => new Date(`${iso}T15:00:00Z`);
    const data = calibrationAndHoldoutData(
      [
        { customerId: "early", at: day("2024-01-01"), amount: 10 },
        { customerId: "early", at: day("2024-01-08"), amount: 10 },
        { customerId: "early", at: day("2024-01-15"), amount: 5 },
        { customerId: "early", at: day("2024-01-15"), amount: 5 },
        { customerId: "early", at: day("2024-01-16"), amount: 5 },
        { customerId: "early", at: day("2024-02-01"), amount: 5 },
        { customerId: "late", at: day("2024-01-20"), amount: 10 },
      ],
      { calibrationEnd: day("2024-01-14"), observationEnd: day("2024-01-28") },
    );
    expect(data.customers).toEqual([
      { customerId: "early", frequency: 1, recency: 1, T: 13 / 7, holdoutPurchases: 2 },
    ]);
    expect(data.holdoutPeriods).toBe(2);
  });

  it("rejects a holdout that does not end after the calibration period", () => {
    expect(() =>
      calibrationAndHoldoutData(transactions, {
        calibrationEnd,
        observationEnd: calibrationEnd,
      }),
    ).toThrow(/holdout must end after the calibration period/);
  });
});

describe("evaluateHoldout", () => {
  it("fits the published CDNOW calibration parameters from the transactions", () => {
    expect(evaluation.params.converged).toBe(true);
    for (const key of ["r", "alpha", "a", "b"] as const) {
      expect(Math.abs(evaluation.params[key] - published[key])).toBeLessThanOrEqual(0.0005);
    }
    expect(Math.abs(evaluation.params.logLikelihood - publishedLogLikelihood)).toBeLessThan(0.05);
    expect(evaluation.params.logLikelihood).toBeCloseTo(clvToolsLogLikelihoodFromTransactions, 3);
  });

  it("predicts customer 1's holdout purchases as Hardie's spreadsheet does", () => {
    const one = evaluation.rows.find((row) => row.customerId === "1");
    expect(one).toMatchObject({ frequency: 2 });
    expect(Math.abs((one?.predicted ?? 0) - customerOneHoldoutExpectation)).toBeLessThan(0.001);
  });

  it("predicts the holdout total the published parameters give, against 1,882 actual", () => {
    // The published parameters applied to the published summary, through the model alone: our
    // pipeline (summaries from transactions, our own fit, a 39-week horizon) must land there.
    const atPublished = readCdnowSummary().reduce(
      (sum, customer) => sum + conditionalExpectedPurchases(published, 39, customer),
      0,
    );
    expect(atPublished).toBeGreaterThan(1600);
    expect(Math.abs(evaluation.predictedTotal - atPublished)).toBeLessThan(1.5);
    expect(evaluation.actualTotal).toBe(1882);
    expect(evaluation.customers).toBe(2357);
    expect(evaluation.holdoutPeriods).toBe(39);
  });

  it("reports errors and correlation consistent with its own rows", () => {
    const { rows } = evaluation;
    const mae =
      rows.reduce((sum, row) => sum + Math.abs(row.predicted - row.holdoutPurchases), 0) /
      rows.length;
    expect(evaluation.mae).toBeCloseTo(mae, 10);
    expect(evaluation.rmse).toBeGreaterThan(evaluation.mae);
    // CDNOW's holdout purchases follow the predictions clearly, not perfectly.
    expect(evaluation.correlation).toBeGreaterThan(0.5);
    expect(evaluation.correlation).toBeLessThan(0.8);
    // The top decile of predictions holds about half of the predicted and actual purchases.
    const top = evaluation.deciles[9];
    expect(top?.customers).toBe(236);
    expect((top?.predictedSum ?? 0) / evaluation.predictedTotal).toBeGreaterThan(0.45);
    expect((top?.actualSum ?? 0) / evaluation.actualTotal).toBeGreaterThan(0.4);
  });

  it("says in words when there is too little data", () => {
    const few = transactions.filter((t) => Number(t.customerId) <= 5);
    expect(() => evaluateHoldout(few, { calibrationEnd, observationEnd })).toThrow(
      /Too little data for a holdout test: 5 customer\(s\) bought before 1997-09-30, at least 10/,
    );
    const oneTimers = transactions.filter((t) => t.at.getTime() <= Date.UTC(1997, 0, 1));
    expect(() => evaluateHoldout(oneTimers, { calibrationEnd, observationEnd })).toThrow(
      /no customer came back before 1997-09-30/,
    );
  });
});
