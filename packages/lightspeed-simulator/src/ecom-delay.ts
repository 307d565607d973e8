// How long an eCom order takes to reach X-Series. No SLA is documented; one store reports weeks or
// more (reference §9, UNCONFIRMED), so the default mixes minutes with a long tail up to months.
import type { SeededRandom } from "./seeded-random";
import { DAY_MS, HOUR_MS, MINUTE_MS } from "./wire-format";

/** Delays are drawn uniformly in [minMs, maxMs] from a bucket chosen by weight. */
export interface EcomDelayBucket {
  weight: number;
  minMs: number;
  maxMs: number;
}

/** A fixed delay in ms, a weighted bucket distribution, or a custom draw. */
export type EcomDelayOption =
  | number
  | readonly EcomDelayBucket[]
  | ((random: SeededRandom) => number);

export const defaultEcomDelay: readonly EcomDelayBucket[] = [
  { weight: 55, minMs: 1 * MINUTE_MS, maxMs: 20 * MINUTE_MS },
  { weight: 20, minMs: 20 * MINUTE_MS, maxMs: 6 * HOUR_MS },
  { weight: 12, minMs: 6 * HOUR_MS, maxMs: 3 * DAY_MS },
  { weight: 9, minMs: 3 * DAY_MS, maxMs: 21 * DAY_MS },
  { weight: 4, minMs: 21 * DAY_MS, maxMs: 120 * DAY_MS },
];

export function drawEcomDelay(option: EcomDelayOption, random: SeededRandom): number {
  if (typeof option === "number") return option;
  if (typeof option === "function") return Math.max(0, option(random));
  const bucket = random.weighted(option.map((value) => ({ weight: value.weight, value })));
  return bucket.minMs + Math.floor(random.next() * (bucket.maxMs - bucket.minMs + 1));
}
