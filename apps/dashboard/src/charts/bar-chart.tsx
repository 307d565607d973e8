// A vertical bar chart in plain SVG at its box's width: a y axis with nice ticks, one bar per
// datum with a tooltip (<title>), x labels thinned until none overlap, and a column-tall tap
// target per bar whose value is read out under the chart.
import { useState } from "react";
import { ChartColumn, ChartFrame, ChartReadout } from "./chart-frame";
import { bandChartLayout } from "./chart-layout";
import { type Axis, linearAxis } from "./chart-scale";
import { useChartBox } from "./use-chart-box";

export interface BarDatum {
  label: string;
  value: number;
  /** The value as people read it (the tooltip); default: formatTick(value). */
  display?: string;
}

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
  const box = useChartBox();
  const [selected, setSelected] = useState<number | undefined>(undefined);
  const scale = axis ?? linearAxis(data.map((datum) => datum.value));
  const { margin, frame, plot, bands, xLabels } = bandChartLayout({
    axis: scale,
    labels: data.map((datum) => datum.label),
    width: box.width,
    height,
    measure: box.measure,
    formatTick,
    maxLabels,
  });
  const { y } = frame;
  // Bars grow from zero, or from the axis floor when it is above zero (a log axis).
  const base = Math.max(0, scale.min);
  const zero = y(base);
  const tooltip = (datum: BarDatum) =>
    `${datum.label}: ${datum.display ?? formatTick(datum.value)}`;
  const chosen = selected === undefined ? undefined : data[selected];
  return (
    <div ref={box.ref} className="chart-box">
      <ChartFrame
        frame={frame}
        xLabels={xLabels}
        label={label}
        testId={testId}
        formatTick={formatTick}
      >
        {data.map((datum, index) => {
          const top = y(Math.max(base, datum.value));
          const bottom = y(Math.min(base, datum.value));
          const isSelected = index === selected;
          return (
            <ChartColumn
              key={`${datum.label}-${index}`}
              x={plot.left + index * bands.step}
              width={bands.step}
              top={margin.top}
              height={height - margin.bottom - margin.top}
              isSelected={isSelected}
              onToggle={() => setSelected(isSelected ? undefined : index)}
              title={tooltip(datum)}
            >
              <rect
                className={isSelected ? "chart-bar is-selected" : "chart-bar"}
                x={bands.x(index)}
                y={top}
                width={Math.max(1, bands.width)}
                height={Math.max(datum.value === 0 ? 0 : 1, bottom - top)}
                style={{ fill: color }}
                data-testid={`${testId}-bar`}
                data-label={datum.label}
                data-value={datum.value}
              >
                <title>{tooltip(datum)}</title>
              </rect>
            </ChartColumn>
          );
        })}
        <line className="chart-axis" x1={plot.left} x2={plot.right} y1={zero} y2={zero} />
      </ChartFrame>
      <ChartReadout testId={testId} text={chosen ? tooltip(chosen) : undefined} />
    </div>
  );
}
