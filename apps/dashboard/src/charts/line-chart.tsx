// A line chart in plain SVG: several series over the same labels, nice y ticks, a dot with a
// tooltip per point, and a legend.
import { ChartFrame, XLabel } from "./chart-frame";
import { CHART_WIDTH, frameLayout, labelStride } from "./chart-layout";
import { type Axis, linearAxis, linePath, scaleLinear } from "./chart-scale";

export interface LineSeries {
  name: string;
  values: readonly (number | null)[];
  color: string;
  /** The value as people read it, for the tooltip. */
  display?: (value: number) => string;
}

const MARGIN = { top: 12, right: 16, bottom: 30, left: 64 };

export function LineChart({
  labels,
  series,
  formatTick,
  height = 220,
  testId,
  label,
  maxLabels = 8,
  axis,
}: {
  labels: readonly string[];
  series: readonly LineSeries[];
  formatTick: (value: number) => string;
  height?: number;
  testId: string;
  label: string;
  maxLabels?: number;
  /** Default: a linear axis from zero. */
  axis?: Axis;
}) {
  const values = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const scale = axis ?? linearAxis(values);
  const frame = frameLayout(scale, height, MARGIN);
  const { y } = frame;
  // A single point sits in the middle; more spread across the plot.
  const middle = (MARGIN.left + CHART_WIDTH - MARGIN.right) / 2;
  const x = scaleLinear(
    [0, Math.max(1, labels.length - 1)],
    labels.length === 1 ? [middle, middle] : [MARGIN.left + 8, CHART_WIDTH - MARGIN.right - 8],
  );
  const labelEvery = labelStride(labels.length, maxLabels);
  return (
    <figure className="chart-figure">
      <ChartFrame frame={frame} label={label} testId={testId} formatTick={formatTick}>
        {labels.map((text, index) =>
          index % labelEvery === 0 ? (
            <XLabel key={`${text}-${index}`} frame={frame} x={x(index)}>
              {text}
            </XLabel>
          ) : null,
        )}
        {series.map((s) => (
          <g key={s.name} data-testid={`${testId}-series`} data-series={s.name}>
            <path
              className="chart-line"
              d={linePath(
                s.values.map((v, index) => ({ x: x(index), y: v === null ? null : y(v) })),
              )}
              style={{ stroke: s.color }}
            />
            {s.values.map((v, index) =>
              v === null ? null : (
                <circle
                  key={index}
                  className="chart-dot"
                  cx={x(index)}
                  cy={y(v)}
                  r={3}
                  style={{ fill: s.color }}
                >
                  <title>{`${s.name}, ${labels[index] ?? ""}: ${(s.display ?? formatTick)(v)}`}</title>
                </circle>
              ),
            )}
          </g>
        ))}
      </ChartFrame>
      <figcaption className="legend">
        {series.map((s) => (
          <span key={s.name} className="legend-item">
            <span className="legend-swatch" style={{ background: s.color }} />
            {s.name}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
