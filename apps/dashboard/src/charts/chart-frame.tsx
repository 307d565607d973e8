// The frame a bar or line chart draws in: the SVG at its box's width (one unit = one CSS pixel,
// so text keeps its size on a phone) with its accessible name, the y axis's gridlines and tick
// labels, the x labels chosen by the layout, and the line that reads out a tapped value.
import type { ReactNode } from "react";
import { CHART_FONT_SIZE, type ChartFrameLayout, type XLabelPlacement } from "./chart-layout";
import "./chart.css";

export function ChartFrame({
  frame: { width, height, margin, ticks, y, labelY },
  xLabels,
  label,
  testId,
  formatTick,
  children,
}: {
  frame: ChartFrameLayout;
  /** The x labels to print, already thinned so none overlap. */
  xLabels: readonly (XLabelPlacement & { text: string })[];
  /** What the chart shows, for screen readers. */
  label: string;
  testId: string;
  formatTick: (value: number) => string;
  children: ReactNode;
}) {
  return (
    <svg
      className="chart"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={label}
      data-testid={testId}
      preserveAspectRatio="xMidYMid meet"
      style={{ fontSize: CHART_FONT_SIZE }}
    >
      {ticks.map((tick) => (
        <g key={tick} className="chart-tick">
          <line x1={margin.left} x2={width - margin.right} y1={y(tick)} y2={y(tick)} />
          <text x={margin.left - 6} y={y(tick)} dy="0.32em" textAnchor="end">
            {formatTick(tick)}
          </text>
        </g>
      ))}
      {children}
      {xLabels.map(({ index, x, text }) => (
        <text key={`${index}-${text}`} className="chart-label" x={x} y={labelY} textAnchor="middle">
          {text}
        </text>
      ))}
    </svg>
  );
}

/** The tapped bar's or point's value in words: a phone has no hover for the tooltips. */
export function ChartReadout({ testId, text }: { testId: string; text: string | undefined }) {
  if (text === undefined) return null;
  return (
    <p className="chart-readout" data-testid={`${testId}-readout`} aria-live="polite">
      {text}
    </p>
  );
}
