// The frame a bar or line chart draws in: the SVG with its accessible name, the y axis's
// gridlines and tick labels, and the x labels under the plot.
import type { ReactNode } from "react";
import { CHART_WIDTH, type ChartFrameLayout } from "./chart-layout";

export function ChartFrame({
  frame: { height, margin, ticks, y },
  label,
  testId,
  formatTick,
  children,
}: {
  frame: ChartFrameLayout;
  /** What the chart shows, for screen readers. */
  label: string;
  testId: string;
  formatTick: (value: number) => string;
  children: ReactNode;
}) {
  return (
    <svg
      className="chart"
      viewBox={`0 0 ${CHART_WIDTH} ${height}`}
      role="img"
      aria-label={label}
      data-testid={testId}
      preserveAspectRatio="xMidYMid meet"
    >
      {ticks.map((tick) => (
        <g key={tick} className="chart-tick">
          <line x1={margin.left} x2={CHART_WIDTH - margin.right} y1={y(tick)} y2={y(tick)} />
          <text x={margin.left - 6} y={y(tick)} dy="0.32em" textAnchor="end">
            {formatTick(tick)}
          </text>
        </g>
      ))}
      {children}
    </svg>
  );
}

/** One label under the plot, centred on `x`. */
export function XLabel({
  frame,
  x,
  children,
}: {
  frame: ChartFrameLayout;
  x: number;
  children: ReactNode;
}) {
  return (
    <text className="chart-label" x={x} y={frame.labelY} textAnchor="middle">
      {children}
    </text>
  );
}
