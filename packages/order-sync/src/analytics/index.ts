// `@greenloop/order-sync/analytics`: customer and store metrics from canonical orders, RFM and
// segments, churn risk, and the CLV models (BG/NBD, Gamma-Gamma). Pure functions, no I/O.
export {
  type AnalyticsConfig,
  assertValidAnalyticsConfig,
  defaultAnalyticsConfig,
  type InactivitySegment,
  inactivitySegments,
  type LoyaltyTierRule,
  type PredictionGateThresholds,
  type PredictionSettings,
} from "./analytics-config";
export {
  type AnalyticsOrder,
  type AnalyticsOrderItem,
  netSpendOf,
  type OrderChannel,
  selectCountedOrders,
} from "./analytics-order";
export {
  type AffinityOptions,
  type BasketCounts,
  type CategoryPair,
  categoryPairsOf,
  categorySharesBySegment,
  countBaskets,
  type SegmentCategoryShare,
} from "./category-affinity";
export {
  type CategoryFigures,
  type CategoryMix,
  type CategoryMixPeriod,
  categoryNameOf,
  compareCategories,
  summarizeCategoryMix,
  UNCATEGORISED,
} from "./category-mix";
export {
  assessChurnRisk,
  type ChurnRisk,
  type ChurnRiskLabel,
  churnRiskLabelOf,
} from "./churn-risk";
export * from "./clv/index";
export { buildCohortRetention, type CohortRow } from "./cohort-retention";
export {
  type BuildLifecycleOptions,
  buildLifecycle,
  type LifecycleCounts,
  type LifecycleGranularity,
  type LifecyclePeriod,
} from "./customer-lifecycle";
export {
  type CustomerFavouriteLists,
  type CustomerMetricsResult,
  computeCustomerMetrics,
  customerMetricsFromSummary,
} from "./customer-metrics";
export {
  type CustomerOrderSummary,
  clvSummaryOf,
  emptyCustomerOrderSummary,
  summarizeCustomerOrders,
} from "./customer-order-summary";
export {
  type CustomerPredictions,
  type NextOrderPrediction,
  type PredictionWithheld,
  type PredictionWithheldCode,
  predictionWithheldCodes,
  predictNextOrder,
  presentPredictions,
  type StoredPredictionFigures,
} from "./customer-predictions";
export { type FavouriteItem, favouriteProductsOf } from "./favourite-items";
export { formatMoney } from "./format-money";
export {
  evaluatePredictionGates,
  type PredictionGate,
  type PredictionGateId,
  type PredictionGateReport,
  predictionGateIds,
  type StorePredictionFacts,
} from "./prediction-gates";
export {
  type RfmCustomer,
  type RfmScore,
  type RfmScores,
  type RfmSegment,
  rfmSegment,
  rfmSegments,
  scoreRfm,
} from "./rfm";
export { type RfmThresholds, rfmThresholdsOf, scoreWithThresholds } from "./rfm-thresholds";
export { type SegmentSummary, summarizeSegments } from "./segment-summary";
export { type SpendShare, spendSharesOf } from "./spend-shares";
export { resolveFirstOrderDates, type StoreOrder } from "./store-order";
export { type StoreSummary, summarizeStore } from "./store-summary";
export { utcDayNumber } from "./utc-calendar";
