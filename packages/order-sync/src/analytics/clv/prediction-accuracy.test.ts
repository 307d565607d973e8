import { describe, expect, it } from "vitest";
import { measurePredictionAccuracy } from "./prediction-accuracy";

describe("measurePredictionAccuracy", () => {
  it("computes MAE, RMSE, Pearson's r and the totals", () => {
    // Worked by hand: errors −1, 0, 1, 2 → MAE 1, RMSE √1.5.
    const accuracy = measurePredictionAccuracy([
      { predicted: 0, actual: 1 },
      { predicted: 1, actual: 1 },
      { predicted: 2, actual: 1 },
      { predicted: 3, actual: 1 },
    ]);
    expect(accuracy.customers).toBe(4);
    expect(accuracy.predictedTotal).toBe(6);
    expect(accuracy.actualTotal).toBe(4);
    expect(accuracy.mae).toBeCloseTo((1 + 0 + 1 + 2) / 4, 12);
    expect(accuracy.rmse).toBeCloseTo(Math.sqrt((1 + 0 + 1 + 4) / 4), 12);
    // The actuals do not vary: r is undefined, not 0 or NaN.
    expect(accuracy.correlation).toBeNull();
  });

  it("gives Pearson's r of predicted and actual", () => {
    const accuracy = measurePredictionAccuracy([
      { predicted: 1, actual: 2 },
      { predicted: 2, actual: 1 },
      { predicted: 3, actual: 4 },
      { predicted: 4, actual: 3 },
    ]);
    // p̄ = ā = 2.5; the centred products are 0.75 each, Σ = 3; Σ(p−p̄)² = Σ(a−ā)² = 5 → r = 0.6.
    expect(accuracy.correlation).toBeCloseTo(0.6, 12);
    expect(
      measurePredictionAccuracy([
        { predicted: 1, actual: 3 },
        { predicted: 2, actual: 2 },
        { predicted: 3, actual: 1 },
      ]).correlation,
    ).toBeCloseTo(-1, 12);
  });

  it("groups customers into ten deciles of the prediction, lowest first", () => {
    // 25 customers, predictions in reverse order of input: deciles of 2 or 3 customers.
    const rows = Array.from({ length: 25 }, (_, i) => ({ predicted: 25 - i, actual: i % 3 }));
    const { deciles, predictedTotal, actualTotal } = measurePredictionAccuracy(rows);
    expect(deciles.map((d) => d.decile)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(deciles.map((d) => d.customers)).toEqual([2, 3, 2, 3, 2, 3, 2, 3, 2, 3]);
    // The lowest predictions (1 and 2) are the first decile, the highest (23–25) the last.
    expect(deciles[0]).toMatchObject({ predictedSum: 3, predictedMean: 1.5 });
    expect(deciles[9]).toMatchObject({ predictedSum: 72, predictedMean: 24 });
    expect(deciles.reduce((sum, d) => sum + d.predictedSum, 0)).toBe(predictedTotal);
    expect(deciles.reduce((sum, d) => sum + d.actualSum, 0)).toBe(actualTotal);
    for (const d of deciles) expect(d.actualMean).toBeCloseTo(d.actualSum / d.customers, 12);
  });

  it("leaves deciles empty when there are fewer than ten customers", () => {
    const { deciles } = measurePredictionAccuracy([{ predicted: 1, actual: 0 }]);
    expect(deciles.filter((d) => d.customers === 0)).toHaveLength(9);
    expect(deciles.find((d) => d.customers === 1)).toMatchObject({
      predictedMean: 1,
      actualMean: 0,
    });
  });

  it("rejects no customers and non-finite or negative figures, naming the row", () => {
    expect(() => measurePredictionAccuracy([])).toThrow(/at least one customer/);
    expect(() =>
      measurePredictionAccuracy([
        { predicted: 1, actual: 1 },
        { predicted: Number.NaN, actual: 1 },
      ]),
    ).toThrow(
      expect.objectContaining({
        code: "BAD_INPUT",
        details: expect.objectContaining({ index: 1 }),
      }),
    );
    expect(() => measurePredictionAccuracy([{ predicted: 1, actual: -1 }])).toThrow(/≥ 0/);
  });
});
