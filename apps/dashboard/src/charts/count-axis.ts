// A y axis for counts (orders, customers): whole-number ticks only. The generic nice scale would
// tick 0, 0.25, 0.5… for a single order, which a count axis shows as "0, 0, 1, 1".
import type { Axis } from "./chart-scale";
import { niceStep } from "./chart-scale";

export function countAxis(values: readonly number[], count = 4): Axis {
  const high = Math.max(1, ...values.filter(Number.isFinite));
  const nice = niceStep(high / count);
  // Below 1 there is no whole step; 2.5 is the one nice step above 1 that is not whole.
  const step = nice < 1 ? 1 : nice === 2.5 ? 2 : nice;
  const max = Math.ceil(high / step) * step;
  const ticks = Array.from({ length: max / step + 1 }, (_, index) => index * step);
  return { min: 0, max, ticks };
}

/**
 * A count axis both ways from zero (gains up, losses down): whole-number ticks on one step for
 * both sides, zero among them, so the bars above and below the line read on the same scale.
 */
export function divergingCountAxis(up: number, down: number, count = 4): Axis {
  const high = Math.max(0, up);
  const low = Math.max(0, down);
  const nice = niceStep(Math.max(1, high + low) / count);
  const step = nice < 1 ? 1 : nice === 2.5 ? 2 : nice;
  const max = Math.max(step, Math.ceil(high / step) * step);
  const min = low === 0 ? 0 : -Math.ceil(low / step) * step;
  const ticks = Array.from({ length: (max - min) / step + 1 }, (_, index) => min + index * step);
  return { min, max, ticks };
}
