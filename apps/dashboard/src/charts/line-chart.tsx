// A line chart in plain SVG: several series over the same labels, nice y ticks, a dot with a
// tooltip per point, and a legend.
import { type Axis, axisScale, linearAxis, linePath, scaleLinear } from "./chart-scale";

export interface LineSeries {
  name: string;
  values: readonly (number | null)[];
  color: string;
  /** The value as people read it, for the tooltip. */
  display?: (value: number) => string;
}

const WIDTH = 640;
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
  const y = axisScale(scale, [height - MARGIN.bottom, MARGIN.top]);
  const x = scaleLinear(
    [0, Math.max(1, labels.length - 1)],
    labels.length === 1
      ? [(MARGIN.left + WIDTH - MARGIN.right) / 2, (MARGIN.left + WIDTH - MARGIN.right) / 2]
      : [MARGIN.left + 8, WIDTH - MARGIN.right - 8],
  );
  const labelEvery = Math.max(1, Math.ceil(labels.length / maxLabels));
  return (
    <figure className="chart-figure">
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
        {labels.map((text, index) =>
          index % labelEvery === 0 ? (
            <text
              key={`${text}-${index}`}
              className="chart-label"
              x={x(index)}
              y={height - MARGIN.bottom + 16}
              textAnchor="middle"
            >
              {text}
            </text>
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
      </svg>
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
