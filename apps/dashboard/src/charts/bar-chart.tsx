// A vertical bar chart in plain SVG: a y axis with nice ticks, one bar per datum, a tooltip
// (<title>) per bar, and x labels thinned out when there are many.
import { type Axis, axisScale, bandLayout, linearAxis } from "./chart-scale";

export interface BarDatum {
  label: string;
  value: number;
  /** The value as people read it (the tooltip); default: formatTick(value). */
  display?: string;
}

const WIDTH = 640;
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
  const y = axisScale(scale, [height - MARGIN.bottom, MARGIN.top]);
  const bands = bandLayout(data.length, [MARGIN.left, WIDTH - MARGIN.right]);
  const labelEvery = Math.max(1, Math.ceil(data.length / maxLabels));
  // Bars grow from zero, or from the axis floor when it is above zero (a log axis).
  const base = Math.max(0, scale.min);
  const zero = y(base);
  return (
    <svg
      className="chart"
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-label={label}
      data-testid={testId}
      preserveAspectRatio="xMidYMid meet"
    >
      {scale.ticks.map((tick) => (
        <g key={tick} className="chart-tick">
          <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(tick)} y2={y(tick)} />
          <text x={MARGIN.left - 6} y={y(tick)} dy="0.32em" textAnchor="end">
            {formatTick(tick)}
          </text>
        </g>
      ))}
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
              <text
                className="chart-label"
                x={bands.x(index) + bands.width / 2}
                y={height - MARGIN.bottom + 16}
                textAnchor="middle"
              >
                {datum.label}
              </text>
            ) : null}
          </g>
        );
      })}
      <line className="chart-axis" x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={zero} y2={zero} />
    </svg>
  );
}
