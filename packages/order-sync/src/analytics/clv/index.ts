// CLV models: BG/NBD (purchases, probability alive) and Gamma-Gamma (spend per purchase), fitted
// by maximum likelihood, plus the summary of transactions they take. Pure functions, no I/O.
export {
  type BgNbdCustomer,
  type BgNbdFit,
  type BgNbdParams,
  bgNbdLogLikelihood,
  conditionalExpectedPurchases,
  expectedPurchases,
  type FitBgNbdOptions,
  fitBgNbd,
  probabilityAlive,
  probabilityOfPurchases,
} from "./bg-nbd";
export {
  type CalibrationHoldoutCustomer,
  type CalibrationHoldoutData,
  type CalibrationHoldoutOptions,
  type CustomerTransaction,
  calibrationAndHoldoutData,
  evaluateHoldout,
  type HoldoutEvaluation,
  type HoldoutEvaluationOptions,
} from "./calibration-holdout";
export {
  type CustomerLifetimeValueInput,
  customerLifetimeValue,
} from "./customer-lifetime-value";
export {
  conditionalExpectedAverageSpend,
  type FitGammaGammaOptions,
  fitGammaGamma,
  type GammaGammaCustomer,
  type GammaGammaFit,
  type GammaGammaParams,
  gammaGammaLogLikelihood,
} from "./gamma-gamma";
export { medianTimeToNextPurchase } from "./next-purchase";
export {
  type AccuracyDecile,
  measurePredictionAccuracy,
  type PredictedAndActual,
  type PredictionAccuracy,
} from "./prediction-accuracy";
export {
  type RfmSummary,
  type SummarizeTransactionsOptions,
  summarizeTransactions,
  type Transaction,
} from "./rfm-summary";
export { digamma, hyp2f1, logBeta, logGamma } from "./special-functions";
export { spendFrequencyCorrelation } from "./spend-frequency-correlation";
