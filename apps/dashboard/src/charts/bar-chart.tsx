// A vertical bar chart in plain SVG at its box's width: a y axis with nice ticks, one bar per
// datum with a tooltip (<title>), x labels thinned until none overlap, and a column-tall tap
// target per bar whose value is read out under the chart.
import { useState } from "react";
import { ChartFrame, ChartReadout } from "./chart-frame";
import { frameLayout, placeXLabels, yLabelMargin } from "./chart-layout";
import { type Axis, bandLayout, linearAxis } from "./chart-scale";
import { useChartBox } from "./use-chart-box";

export interface BarDatum {
  label: string;
  value: number;
  /** The value as people read it (the tooltip); default: formatTick(value). */
  display?: string;
}

const MARGIN = { top: 12, right: 12, bottom: 30 };

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
  const margin = { ...MARGIN, left: yLabelMargin(scale.ticks.map(formatTick), box.measure) };
  const frame = frameLayout(scale, { width: box.width, height, margin });
  const { y } = frame;
  const plot = { left: margin.left, right: box.width - margin.right };
  const bands = bandLayout(data.length, [plot.left, plot.right]);
  const xLabels = placeXLabels({
    labels: data.map((datum) => datum.label),
    centers: data.map((_, index) => bands.x(index) + bands.width / 2),
    width: box.width,
    measure: box.measure,
    maxLabels,
  }).map((placement) => ({ ...placement, text: data[placement.index]?.label ?? "" }));
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
            // biome-ignore lint/a11y/noStaticElementInteractions: a pointer shortcut to the tooltip; the values are in the tables and the SVG's titles
            <g
              key={`${datum.label}-${index}`}
              className="chart-column"
              onClick={() => setSelected(isSelected ? undefined : index)}
            >
              <rect
                className={isSelected ? "chart-hit is-selected" : "chart-hit"}
                x={plot.left + index * bands.step}
                y={margin.top}
                width={bands.step}
                height={Math.max(0, height - margin.bottom - margin.top)}
              >
                <title>{tooltip(datum)}</title>
              </rect>
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
            </g>
          );
        })}
        <line className="chart-axis" x1={plot.left} x2={plot.right} y1={zero} y2={zero} />
      </ChartFrame>
      <ChartReadout testId={testId} text={chosen ? tooltip(chosen) : undefined} />
    </div>
  );
}
