// The geometry every SVG chart shares. Charts draw at the width their box has (measured in the
// browser), so one SVG unit is one CSS pixel and text keeps its size on a phone; the margins fit
// the y labels, the y ticks and x labels are thinned out until they no longer collide.
import { type Axis, axisScale, bandLayout } from "./chart-scale";

/** The width a chart draws at before its box has been measured. */
export const CHART_WIDTH = 640;

/** The axis labels' font size in CSS pixels (drawn 1:1, so also on screen). */
export const CHART_FONT_SIZE = 12;

/** The space between a y tick label and the plot. */
const Y_LABEL_GAP = 6;

/** The least space between two x labels, so neighbours never read as one. */
const X_LABEL_GAP = 8;

/** Text width in pixels at CHART_FONT_SIZE; the browser measures, tests pass a fake. */
export type MeasureText = (text: string) => number;

export interface ChartMargin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** A chart's frame: its size, margins and y axis (ticks in data units, `y` into pixels). */
export interface ChartFrameLayout {
  width: number;
  height: number;
  margin: ChartMargin;
  /** The y ticks that get a gridline and a label (thinned when the plot is short). */
  ticks: readonly number[];
  y: (value: number) => number;
  /** Where the x labels' baseline sits. */
  labelY: number;
}

/** The plot's vertical pixel range, bottom first (the y scale's range: up is more). */
export function plotYRange(height: number, margin: ChartMargin): [number, number] {
  return [height - margin.bottom, margin.top];
}

export function frameLayout(
  axis: Axis,
  { width = CHART_WIDTH, height, margin }: { width?: number; height: number; margin: ChartMargin },
): ChartFrameLayout {
  const range = plotYRange(height, margin);
  const y = axisScale(axis, range);
  return {
    width,
    height,
    margin,
    ticks: dropCrowdedTicks(thinTicks(axis.ticks, range[0] - range[1]), y),
    y,
    labelY: height - margin.bottom + 16,
  };
}

/**
 * The left margin that fits the widest y tick label, so a narrow chart does not give a fixed
 * 64 px to labels like "0" or "$2K".
 */
export function yLabelMargin(tickLabels: readonly string[], measure: MeasureText): number {
  const widest = Math.max(0, ...tickLabels.map(measure));
  return Math.ceil(widest + Y_LABEL_GAP + 2);
}

/**
 * The y ticks to keep so their labels sit at least 1.6 lines apart on a plot this tall: every
 * n-th from the first (the axis floor, usually zero), with an n that also keeps the top tick
 * when one does not thin much further than needed.
 */
export function thinTicks(
  ticks: readonly number[],
  plotHeight: number,
  fontSize = CHART_FONT_SIZE,
): number[] {
  if (ticks.length < 3) return [...ticks];
  const intervals = ticks.length - 1;
  const needed = Math.max(1, Math.ceil((fontSize * 1.6) / Math.max(plotHeight / intervals, 1)));
  let stride = needed;
  while (intervals % stride !== 0 && stride < needed * 2) stride++;
  if (intervals % stride !== 0) stride = needed;
  return ticks.filter((_, index) => index % stride === 0);
}

/**
 * Drops each tick that sits closer than 1.6 lines to the last one kept, from the floor up: on a
 * log axis the named durations (30 d, 90 d, 1 yr) bunch together where an even stride cannot see.
 */
export function dropCrowdedTicks(
  ticks: readonly number[],
  y: (value: number) => number,
  fontSize = CHART_FONT_SIZE,
): number[] {
  const kept: number[] = [];
  for (const tick of ticks) {
    const last = kept.at(-1);
    if (last === undefined || Math.abs(y(tick) - y(last)) >= fontSize * 1.6) kept.push(tick);
  }
  return kept;
}

/** Every how many-th x label to print so that at most about `maxLabels` show. */
export function labelStride(count: number, maxLabels: number): number {
  return Math.max(1, Math.ceil(count / maxLabels));
}

/** An x label to print: which datum, and where its centre goes. */
export interface XLabelPlacement {
  index: number;
  x: number;
}

/**
 * Which x labels to print and where: every n-th label, starting with the first, with the
 * smallest n (at least the `maxLabels` stride) at which no two printed labels overlap. A label
 * is kept inside the chart (moved in from an edge) rather than drawn past it.
 */
export function placeXLabels({
  labels,
  centers,
  width,
  measure,
  maxLabels = 8,
}: {
  labels: readonly string[];
  /** Each label's preferred centre: its bar's or point's x. */
  centers: readonly number[];
  width: number;
  measure: MeasureText;
  maxLabels?: number;
}): XLabelPlacement[] {
  const count = Math.min(labels.length, centers.length);
  if (count === 0) return [];
  const widths = labels.slice(0, count).map(measure);
  const placed = (index: number): { x: number; left: number; right: number } => {
    const half = (widths[index] ?? 0) / 2;
    const preferred = centers[index] ?? 0;
    // Too wide for the chart: centred; otherwise moved in just far enough to stay inside.
    const x = half * 2 >= width ? width / 2 : Math.min(Math.max(preferred, half), width - half);
    return { x, left: x - half, right: x + half };
  };
  for (let stride = labelStride(count, maxLabels); stride <= count; stride++) {
    const chosen: number[] = [];
    for (let index = 0; index < count; index += stride) chosen.push(index);
    const boxes = chosen.map(placed);
    const fits = boxes.every((box, i) => {
      const next = boxes[i + 1];
      return next === undefined || box.right + X_LABEL_GAP <= next.left;
    });
    if (fits) return chosen.map((index, i) => ({ index, x: boxes[i]?.x ?? 0 }));
  }
  return [{ index: 0, x: placed(0).x }];
}

/** Every bar chart's margins but the left one, which fits its y tick labels. */
const BAND_CHART_MARGIN = { top: 12, right: 12, bottom: 30 };

/**
 * A bar chart's geometry, one band per label: the frame fitted to the y tick labels, the plot's
 * edges, the bands, and which x labels print where (thinned until none overlap).
 */
export function bandChartLayout({
  axis,
  labels,
  width,
  height,
  measure,
  formatTick,
  maxLabels,
}: {
  axis: Axis;
  labels: readonly string[];
  width: number;
  height: number;
  measure: MeasureText;
  formatTick: (value: number) => string;
  maxLabels?: number;
}) {
  const margin = { ...BAND_CHART_MARGIN, left: yLabelMargin(axis.ticks.map(formatTick), measure) };
  const frame = frameLayout(axis, { width, height, margin });
  const plot = { left: margin.left, right: width - margin.right };
  const bands = bandLayout(labels.length, [plot.left, plot.right]);
  const xLabels = placeXLabels({
    labels,
    centers: labels.map((_, index) => bands.x(index) + bands.width / 2),
    width,
    measure,
    ...(maxLabels === undefined ? {} : { maxLabels }),
  }).map((placement) => ({ ...placement, text: labels[placement.index] ?? "" }));
  return { margin, frame, plot, bands, xLabels };
}
