// The arithmetic behind the hand-rolled SVG charts: nice axis ticks, linear scales, paths.

export interface NiceScale {
  min: number;
  max: number;
  step: number;
  ticks: number[];
}

/** The "nice" step (1, 2, 2.5 or 5 × 10ⁿ) closest above `rough`. */
export function niceStep(rough: number): number {
  if (!Number.isFinite(rough) || rough <= 0) return 1;
  const exponent = Math.floor(Math.log10(rough));
  const base = 10 ** exponent;
  const fraction = rough / base;
  const nice =
    fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
  return nice * base;
}

/**
 * Axis bounds and ticks covering [min, max] with about `count` intervals; the range always
 * includes zero (bars and amounts start there), and an empty or flat range still gets an axis.
 */
export function niceScale(values: readonly number[], count = 4): NiceScale {
  const finite = values.filter(Number.isFinite);
  let low = Math.min(0, ...finite);
  let high = Math.max(0, ...finite);
  if (low === high) high = low + 1;
  const step = niceStep((high - low) / Math.max(1, count));
  low = Math.floor(low / step) * step;
  high = Math.ceil(high / step) * step;
  const ticks: number[] = [];
  // Rounded to the step's precision so 0.1 + 0.2 style noise never reaches a label.
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  for (let tick = low; tick <= high + step / 2; tick += step) {
    ticks.push(Number(tick.toFixed(decimals)));
  }
  return { min: low, max: high, step, ticks };
}

/** A linear map from [d0, d1] to [r0, r1]; a zero-width domain maps to the range's middle. */
export function scaleLinear(
  [d0, d1]: readonly [number, number],
  [r0, r1]: readonly [number, number],
): (value: number) => number {
  const width = d1 - d0;
  if (width === 0) return () => (r0 + r1) / 2;
  return (value) => r0 + ((value - d0) / width) * (r1 - r0);
}

/** Evenly spaced band positions for `count` bars across [start, end], with a gap ratio. */
export function bandLayout(
  count: number,
  [start, end]: readonly [number, number],
  gap = 0.2,
): { step: number; width: number; x: (index: number) => number } {
  const step = count > 0 ? (end - start) / count : 0;
  const width = step * (1 - gap);
  return { step, width, x: (index) => start + index * step + (step - width) / 2 };
}

/** An SVG path through the points ("M x y L x y …"); gaps (null y) break the line. */
export function linePath(points: readonly { x: number; y: number | null }[]): string {
  const parts: string[] = [];
  let pen = false;
  for (const { x, y } of points) {
    if (y === null || !Number.isFinite(y)) {
      pen = false;
      continue;
    }
    parts.push(`${pen ? "L" : "M"}${round(x)} ${round(y)}`);
    pen = true;
  }
  return parts.join(" ");
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** A cell colour for a share 0…1 in a heat map: light to the accent green. */
export function heatColor(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return "transparent";
  const clamped = Math.min(1, Math.max(0, share));
  // hsl(150 …) from 96% to 32% lightness: readable dark text up to ~55%, white beyond.
  const lightness = Math.round(96 - clamped * 64);
  return `hsl(150 45% ${lightness}%)`;
}

/** Whether text on `heatColor(share)` should be light. */
export function heatTextIsLight(share: number | null | undefined): boolean {
  return share !== null && share !== undefined && Number.isFinite(share) && share > 0.55;
}

/**
 * A y axis: its bounds and ticks in data units, and an optional map into the plotted unit
 * (a log axis maps through log10). Without one, charts use `niceScale`.
 */
export interface Axis {
  min: number;
  max: number;
  ticks: number[];
  map?: (value: number) => number;
}

export function linearAxis(values: readonly number[], count = 4): Axis {
  const { min, max, ticks } = niceScale(values, count);
  return { min, max, ticks };
}

/** Durations people name, in seconds: 1 min, 10 min, 1 h, 6 h, 1 d, 1 wk, 30 d, 90 d, 1 yr. */
const durationTicks = [60, 600, 3_600, 21_600, 86_400, 604_800, 2_592_000, 7_776_000, 31_536_000];

/**
 * A log axis for durations that span minutes to months (sync delays): a median of minutes and a
 * worst case of months both stay readable. Ticks are named durations around the values.
 */
export function durationLogAxis(values: readonly number[]): Axis {
  const positive = values.filter((value) => Number.isFinite(value) && value > 0);
  const low = positive.length > 0 ? Math.min(...positive) : 60;
  const high = positive.length > 0 ? Math.max(...positive) : 3_600;
  const first = durationTicks.findLastIndex((tick) => tick <= low);
  const lastIndex = durationTicks.findIndex((tick) => tick >= high);
  const from = Math.max(0, first);
  const to = lastIndex < 0 ? durationTicks.length - 1 : lastIndex;
  const ticks = durationTicks.slice(from, Math.max(from + 1, to) + 1);
  const min = ticks[0] ?? 60;
  const max = Math.max(ticks.at(-1) ?? 3_600, high);
  return {
    min,
    max,
    ticks,
    map: (value) => Math.log10(Math.max(min, value)),
  };
}

/** A value's position on an axis: map it, then scale it linearly onto [r0, r1]. */
export function axisScale(axis: Axis, range: readonly [number, number]): (value: number) => number {
  const map = axis.map ?? ((value: number) => value);
  const scale = scaleLinear([map(axis.min), map(axis.max)], range);
  return (value) => scale(map(value));
}
