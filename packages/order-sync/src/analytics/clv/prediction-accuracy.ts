// How close predicted purchase counts came to the actual ones, per customer and by decile of the
// prediction: the figures a calibration/holdout run reports.
import { DomainError } from "../../errors/domain-error";

export interface PredictedAndActual {
  /** Expected purchases in the holdout (a model's expectation: a real number). */
  predicted: number;
  /** Purchases the customer actually made in the holdout. */
  actual: number;
}

export interface AccuracyDecile {
  /** 1 = the tenth of customers with the lowest predictions, 10 = the highest. */
  decile: number;
  customers: number;
  predictedSum: number;
  actualSum: number;
  /** Means per customer; 0 for an empty decile (fewer than ten customers in all). */
  predictedMean: number;
  actualMean: number;
}

export interface PredictionAccuracy {
  customers: number;
  /** Mean absolute error per customer, in purchases. */
  mae: number;
  /** Root mean squared error per customer, in purchases. */
  rmse: number;
  /** Pearson's r of predicted and actual; null when either side does not vary (r is undefined). */
  correlation: number | null;
  predictedTotal: number;
  actualTotal: number;
  deciles: AccuracyDecile[];
}

const DECILES = 10;

/**
 * Ten groups of customers sorted by prediction (ties in input order, so the same data always
 * gives the same groups), sizes differing by at most one: the calibration chart's points.
 */
function decilesOf(rows: readonly PredictedAndActual[]): AccuracyDecile[] {
  const sorted = rows
    .map((row, index) => ({ ...row, index }))
    .sort((p, q) => p.predicted - q.predicted || p.index - q.index);
  return Array.from({ length: DECILES }, (_, i) => {
    const group = sorted.slice(
      Math.floor((i * sorted.length) / DECILES),
      Math.floor(((i + 1) * sorted.length) / DECILES),
    );
    const predictedSum = group.reduce((sum, row) => sum + row.predicted, 0);
    const actualSum = group.reduce((sum, row) => sum + row.actual, 0);
    const mean = (sum: number) => (group.length > 0 ? sum / group.length : 0);
    return {
      decile: i + 1,
      customers: group.length,
      predictedSum,
      actualSum,
      predictedMean: mean(predictedSum),
      actualMean: mean(actualSum),
    };
  });
}

function pearson(rows: readonly PredictedAndActual[]): number | null {
  const n = rows.length;
  const meanP = rows.reduce((sum, row) => sum + row.predicted, 0) / n;
  const meanA = rows.reduce((sum, row) => sum + row.actual, 0) / n;
  let covariance = 0;
  let varianceP = 0;
  let varianceA = 0;
  for (const { predicted, actual } of rows) {
    covariance += (predicted - meanP) * (actual - meanA);
    varianceP += (predicted - meanP) ** 2;
    varianceA += (actual - meanA) ** 2;
  }
  if (varianceP === 0 || varianceA === 0) return null;
  return covariance / Math.sqrt(varianceP * varianceA);
}

export function measurePredictionAccuracy(rows: readonly PredictedAndActual[]): PredictionAccuracy {
  if (rows.length === 0) {
    throw new DomainError("BAD_INPUT", "prediction accuracy needs at least one customer");
  }
  for (const [index, { predicted, actual }] of rows.entries()) {
    if (!(Number.isFinite(predicted) && Number.isFinite(actual) && predicted >= 0 && actual >= 0)) {
      throw new DomainError("BAD_INPUT", "predicted and actual purchases must be finite and ≥ 0", {
        details: { index, predicted, actual },
      });
    }
  }
  let absolute = 0;
  let squared = 0;
  let predictedTotal = 0;
  let actualTotal = 0;
  for (const { predicted, actual } of rows) {
    absolute += Math.abs(predicted - actual);
    squared += (predicted - actual) ** 2;
    predictedTotal += predicted;
    actualTotal += actual;
  }
  return {
    customers: rows.length,
    mae: absolute / rows.length,
    rmse: Math.sqrt(squared / rows.length),
    correlation: pearson(rows),
    predictedTotal,
    actualTotal,
    deciles: decilesOf(rows),
  };
}
