// Calibration/holdout evidence for BG/NBD, as lifetimes' calibration_and_holdout_data sets it up:
// summarize each customer on the transactions up to a cut-off, fit on those summaries, predict
// each customer's purchases in the holdout that follows, and compare with what they bought.
import { DomainError } from "../../errors/domain-error";
import { type BgNbdFit, conditionalExpectedPurchases, fitBgNbd } from "./bg-nbd";
import {
  measurePredictionAccuracy,
  type PredictedAndActual,
  type PredictionAccuracy,
} from "./prediction-accuracy";
import { type RfmSummary, summarizeTransactions, type Transaction, utcDay } from "./rfm-summary";

export interface CustomerTransaction extends Transaction {
  customerId: string;
}

export interface CalibrationHoldoutOptions {
  /** Last day of the calibration period, inclusive (a UTC day, as the RFM summary counts days). */
  calibrationEnd: Date;
  /** Last day of the holdout, inclusive; the holdout starts the day after calibrationEnd. */
  observationEnd: Date;
  /** Length of the time unit in days (default 7: weeks, the unit the stored BG/NBD fit uses). */
  periodDays?: number;
}

export interface CalibrationHoldoutCustomer extends Omit<RfmSummary, "monetaryValue"> {
  customerId: string;
  /** Purchase days in the holdout (several orders on one day count once, as in the calibration). */
  holdoutPurchases: number;
}

export interface CalibrationHoldoutData {
  /** Customers with a first purchase on or before calibrationEnd; holdout-only buyers are left out. */
  customers: CalibrationHoldoutCustomer[];
  /** The holdout's length in periods (39 for CDNOW's weeks 40–78). */
  holdoutPeriods: number;
  /** The day of the earliest purchase in the calibration period. */
  calibrationStart: Date;
}

const millisecondsPerDay = 86_400_000;

/** Per customer: (frequency, recency, T) up to calibrationEnd and purchase days after it. */
export function calibrationAndHoldoutData(
  transactions: readonly CustomerTransaction[],
  { calibrationEnd, observationEnd, periodDays = 7 }: CalibrationHoldoutOptions,
): CalibrationHoldoutData {
  const calibrationDay = utcDay(calibrationEnd);
  const observationDay = utcDay(observationEnd);
  if (observationDay <= calibrationDay) {
    throw new DomainError("BAD_INPUT", "the holdout must end after the calibration period", {
      details: {
        calibrationEnd: calibrationEnd.toISOString(),
        observationEnd: observationEnd.toISOString(),
      },
    });
  }
  const byCustomer = new Map<string, Transaction[]>();
  for (const transaction of transactions) {
    const list = byCustomer.get(transaction.customerId);
    if (list) list.push(transaction);
    else byCustomer.set(transaction.customerId, [transaction]);
  }
  const customers: CalibrationHoldoutCustomer[] = [];
  let firstDay = calibrationDay;
  for (const [customerId, list] of byCustomer) {
    const summary = summarizeTransactions(list, { observationEnd: calibrationEnd, periodDays });
    if (!summary) continue;
    const holdoutDays = new Set<number>();
    for (const { at } of list) {
      const day = utcDay(at);
      if (day > calibrationDay && day <= observationDay) holdoutDays.add(day);
      else if (day <= calibrationDay) firstDay = Math.min(firstDay, day);
    }
    customers.push({
      customerId,
      frequency: summary.frequency,
      recency: summary.recency,
      T: summary.T,
      holdoutPurchases: holdoutDays.size,
    });
  }
  return {
    customers,
    holdoutPeriods: (observationDay - calibrationDay) / periodDays,
    calibrationStart: new Date(firstDay * millisecondsPerDay),
  };
}

export interface HoldoutEvaluationOptions extends CalibrationHoldoutOptions {
  /** L2 penalty of the fit (lifetimes' penalizer_coef); the store's analytics use 0.001. */
  penalizer?: number;
  /** Fewer calibration customers than this is too little data to judge (default 10: one per decile). */
  minimumCustomers?: number;
}

export interface HoldoutEvaluation extends PredictionAccuracy {
  holdoutPeriods: number;
  periodDays: number;
  calibrationStart: Date;
  calibrationEnd: Date;
  observationEnd: Date;
  /** BG/NBD fitted on the calibration period alone. */
  params: BgNbdFit;
  /** Each calibration customer's summary, prediction and actual holdout purchases. */
  rows: Array<CalibrationHoldoutCustomer & { predicted: number }>;
}

/**
 * Fits BG/NBD on the calibration period and scores E[Y(holdout) | x, t_x, T] for each customer
 * against their holdout purchases. Too little data is a BAD_INPUT error saying what is missing.
 */
export function evaluateHoldout(
  transactions: readonly CustomerTransaction[],
  options: HoldoutEvaluationOptions,
): HoldoutEvaluation {
  const periodDays = options.periodDays ?? 7;
  const minimumCustomers = options.minimumCustomers ?? 10;
  const data = calibrationAndHoldoutData(transactions, { ...options, periodDays });
  const { customers } = data;
  if (customers.length < minimumCustomers) {
    throw new DomainError(
      "BAD_INPUT",
      `Too little data for a holdout test: ${customers.length} customer(s) bought before ${options.calibrationEnd.toISOString().slice(0, 10)}, at least ${minimumCustomers} are needed. Use a shorter holdout or wait for more history.`,
      { details: { customers: customers.length, minimumCustomers } },
    );
  }
  if (!customers.some((customer) => customer.frequency > 0)) {
    throw new DomainError(
      "BAD_INPUT",
      `Too little data for a holdout test: no customer came back before ${options.calibrationEnd.toISOString().slice(0, 10)}, so there is nothing to fit the purchase model on. Use a shorter holdout or wait for more history.`,
      { details: { customers: customers.length } },
    );
  }
  const params = fitBgNbd(customers, { penalizer: options.penalizer ?? 0 });
  const rows = customers.map((customer) => ({
    ...customer,
    predicted: conditionalExpectedPurchases(params, data.holdoutPeriods, customer),
  }));
  const scored: PredictedAndActual[] = rows.map((row) => ({
    predicted: row.predicted,
    actual: row.holdoutPurchases,
  }));
  return {
    ...measurePredictionAccuracy(scored),
    holdoutPeriods: data.holdoutPeriods,
    periodDays,
    calibrationStart: data.calibrationStart,
    calibrationEnd: options.calibrationEnd,
    observationEnd: options.observationEnd,
    params,
    rows,
  };
}
