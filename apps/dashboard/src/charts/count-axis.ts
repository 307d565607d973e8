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
