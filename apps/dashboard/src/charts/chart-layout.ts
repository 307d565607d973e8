// The geometry every SVG chart shares: a fixed drawing width (the viewBox scales it), margins
// around the plot, the y axis placed between them, and which x labels to print when there are
// too many to fit.
import { type Axis, axisScale } from "./chart-scale";

export const CHART_WIDTH = 640;

export interface ChartMargin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** A chart's frame: its size, margins and y axis (ticks in data units, `y` into pixels). */
export interface ChartFrameLayout {
  height: number;
  margin: ChartMargin;
  ticks: readonly number[];
  y: (value: number) => number;
  /** Where the x labels' baseline sits. */
  labelY: number;
}

/** The plot's vertical pixel range, bottom first (the y scale's range: up is more). */
export function plotYRange(height: number, margin: ChartMargin): [number, number] {
  return [height - margin.bottom, margin.top];
}

export function frameLayout(axis: Axis, height: number, margin: ChartMargin): ChartFrameLayout {
  return {
    height,
    margin,
    ticks: axis.ticks,
    y: axisScale(axis, plotYRange(height, margin)),
    labelY: height - margin.bottom + 16,
  };
}

/** Every how many-th x label to print so that at most about `maxLabels` show. */
export function labelStride(count: number, maxLabels: number): number {
  return Math.max(1, Math.ceil(count / maxLabels));
}
