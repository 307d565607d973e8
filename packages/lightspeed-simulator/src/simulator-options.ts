// Options of the simulated store and of the HTTP simulator, with their defaults in one place.
import type { EcomDelayOption } from "./ecom-delay";
import type { RateLimitOptions } from "./rate-limiter";
import type { ClockMode } from "./simulated-clock";
import type { WebhookOptions } from "./webhook-dispatcher";

/** How much history the generator creates before `start`. Zeros give an empty store. */
export interface StoreSize {
  customers: number;
  inStoreSales: number;
  ecomOrders: number;
  months: number;
}

export const defaultStoreSize: StoreSize = {
  customers: 60,
  inStoreSales: 300,
  ecomOrders: 80,
  months: 6,
};

export interface SimulatedStoreOptions {
  /** Everything generated derives from it. Default 1. */
  seed?: number;
  /** Default "greenloopdemo". */
  domainPrefix?: string;
  /** Bearer token the API requires. Default `sim-token-${seed}`. */
  token?: string;
  /** Start of the simulated clock; history lies before it. Default 2026-01-01T00:00:00Z. */
  start?: Date;
  /** "manual" (default): only advanceClock moves time. "real": time also follows the wall clock. */
  clock?: ClockMode;
  store?: Partial<StoreSize>;
  /** eCom → X-Series arrival delay distribution. Default: defaultEcomDelay (minutes … months). */
  ecomDelay?: EcomDelayOption;
  /** Default limit 300 × registers + 50 per 5 minutes (3 registers → 950). */
  rateLimit?: RateLimitOptions;
  webhook?: WebhookOptions;
  /** The 16-character store id after "ecw:" in synced sales' `source`. */
  ecomStoreId?: string;
  /** Store time zone for the eCom export and notes. Default "America/Chicago". */
  timeZone?: string;
  /** Sync due eCom orders whenever the clock moves or the API is called. Default true. */
  autoSyncEcom?: boolean;
  /**
   * The date versions served under `/api/{YYYY-MM}/...`, oldest first. Default
   * DEFAULT_DATE_VERSIONS. An older version is answered by the oldest of these; a newer one or a
   * month in between gets 404.
   */
  dateVersions?: string[];
}

export interface SimulatorOptions extends SimulatedStoreOptions {
  /** Default 0 (a free port). */
  port?: number;
  /** Default "127.0.0.1". */
  host?: string;
  /**
   * Run the real-time background loop (every second: sync due eCom orders, deliver due webhooks).
   * Default: on when `webhook.url` is set or `clock` is "real".
   */
  background?: boolean;
}

export const DEFAULT_SEED = 1;
export const DEFAULT_DOMAIN_PREFIX = "greenloopdemo";
export const DEFAULT_START = new Date("2026-01-01T00:00:00Z");
export const DEFAULT_ECOM_STORE_ID = "e5d1c0a9b8f7e6d4";
export const DEFAULT_TIME_ZONE = "America/Chicago";
/**
 * The quarterly releases published so far (reference §1: 2026-01 and 2026-04 in the versioning
 * page, 2026-07 the newest OpenAPI); each is supported for at least 12 months.
 */
export const DEFAULT_DATE_VERSIONS = ["2026-01", "2026-04", "2026-07"];

export function defaultToken(seed: number): string {
  return `sim-token-${seed}`;
}
