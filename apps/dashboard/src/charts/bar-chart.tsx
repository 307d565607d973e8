// A vertical bar chart in plain SVG: a y axis with nice ticks, one bar per datum, a tooltip
// (<title>) per bar, and x labels thinned out when there are many.
import { ChartFrame, XLabel } from "./chart-frame";
import { CHART_WIDTH, frameLayout, labelStride } from "./chart-layout";
import { type Axis, bandLayout, linearAxis } from "./chart-scale";

export interface BarDatum {
  label: string;
  value: number;
  /** The value as people read it (the tooltip); default: formatTick(value). */
  display?: string;
}

const MARGIN = { top: 12, right: 12, bottom: 30, left: 64 };

export function BarChart({
  data,
  formatTick,
  height = 220,
  testId,
  label,
  color = "var(--chart-1)",
  maxLabels = 8,
  axis,
}: {
  data: readonly BarDatum[];
  formatTick: (value: number) => string;
  height?: number;
  testId: string;
  /** What the chart shows, for screen readers. */
  label: string;
  color?: string;
  maxLabels?: number;
  /** Default: a linear axis from zero. */
  axis?: Axis;
}) {
  const scale = axis ?? linearAxis(data.map((datum) => datum.value));
  const frame = frameLayout(scale, height, MARGIN);
  const { y } = frame;
  const bands = bandLayout(data.length, [MARGIN.left, CHART_WIDTH - MARGIN.right]);
  const labelEvery = labelStride(data.length, maxLabels);
  // Bars grow from zero, or from the axis floor when it is above zero (a log axis).
  const base = Math.max(0, scale.min);
  const zero = y(base);
  return (
    <ChartFrame frame={frame} label={label} testId={testId} formatTick={formatTick}>
      {data.map((datum, index) => {
        const top = y(Math.max(base, datum.value));
        const bottom = y(Math.min(base, datum.value));
        return (
          <g key={`${datum.label}-${index}`}>
            <rect
              className="chart-bar"
              x={bands.x(index)}
              y={top}
              width={Math.max(1, bands.width)}
              height={Math.max(datum.value === 0 ? 0 : 1, bottom - top)}
              style={{ fill: color }}
              data-testid={`${testId}-bar`}
              data-label={datum.label}
              data-value={datum.value}
            >
              <title>{`${datum.label}: ${datum.display ?? formatTick(datum.value)}`}</title>
            </rect>
            {index % labelEvery === 0 ? (
              <XLabel frame={frame} x={bands.x(index) + bands.width / 2}>
                {datum.label}
              </XLabel>
            ) : null}
          </g>
        );
      })}
      <line
        className="chart-axis"
        x1={MARGIN.left}
        x2={CHART_WIDTH - MARGIN.right}
        y1={zero}
        y2={zero}
      />
    </ChartFrame>
  );
}
