// The store's own time: period boundaries in STORE_TIMEZONE, shared by the API and the dashboard.
export { storeDayNumber, storeDayStart } from "./store-day";
export { type StoreMonth, storeMonthAt, storeMonthIndex } from "./store-month";
export { type StorePeriodGranularity, storePeriodStart } from "./store-period-start";
