// A line chart in plain SVG at its box's width: several series over the same labels, nice y
// ticks, a dot with a tooltip per point, x labels thinned until none overlap, a legend, and a
// column-tall tap target per label whose values are read out under the chart.
import { useState } from "react";
import { ChartColumn, ChartFrame, ChartLegend, ChartReadout } from "./chart-frame";
import { frameLayout, placeXLabels, yLabelMargin } from "./chart-layout";
import { type Axis, linearAxis, linePath, scaleLinear } from "./chart-scale";
import { useChartBox } from "./use-chart-box";

export interface LineSeries {
  name: string;
  values: readonly (number | null)[];
  color: string;
  /** The value as people read it, for the tooltip. */
  display?: (value: number) => string;
}

const MARGIN = { top: 12, right: 16, bottom: 30 };

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
  const box = useChartBox();
  const [selected, setSelected] = useState<number | undefined>(undefined);
  const values = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const scale = axis ?? linearAxis(values);
  const margin = { ...MARGIN, left: yLabelMargin(scale.ticks.map(formatTick), box.measure) };
  const frame = frameLayout(scale, { width: box.width, height, margin });
  const { y } = frame;
  const plot = { left: margin.left, right: box.width - margin.right };
  // A single point sits in the middle; more spread across the plot.
  const middle = (plot.left + plot.right) / 2;
  const x = scaleLinear(
    [0, Math.max(1, labels.length - 1)],
    labels.length === 1 ? [middle, middle] : [plot.left + 8, plot.right - 8],
  );
  const xLabels = placeXLabels({
    labels,
    centers: labels.map((_, index) => x(index)),
    width: box.width,
    measure: box.measure,
    maxLabels,
  }).map((placement) => ({ ...placement, text: labels[placement.index] ?? "" }));
  // Each label's tap target reaches halfway to its neighbours, the outer ones to the plot's edge.
  const column = (index: number) => {
    const left = index === 0 ? plot.left : (x(index - 1) + x(index)) / 2;
    const right = index === labels.length - 1 ? plot.right : (x(index) + x(index + 1)) / 2;
    return { left, width: Math.max(0, right - left) };
  };
  const shown = (s: LineSeries, v: number) => (s.display ?? formatTick)(v);
  const readout =
    selected === undefined || selected >= labels.length
      ? undefined
      : `${labels[selected]}: ${series
          .map((s) => {
            const v = s.values[selected];
            return `${s.name} ${v === null || v === undefined ? "—" : shown(s, v)}`;
          })
          .join(" · ")}`;
  return (
    <figure className="chart-figure">
      <div ref={box.ref} className="chart-box">
        <ChartFrame
          frame={frame}
          xLabels={xLabels}
          label={label}
          testId={testId}
          formatTick={formatTick}
        >
          {labels.map((text, index) => {
            const isSelected = index === selected;
            const { left, width } = column(index);
            return (
              <ChartColumn
                key={`${text}-${index}`}
                x={left}
                width={width}
                top={margin.top}
                height={height - margin.bottom - margin.top}
                isSelected={isSelected}
                onToggle={() => setSelected(isSelected ? undefined : index)}
                title={text}
              >
                {isSelected ? (
                  <line
                    className="chart-guide"
                    x1={x(index)}
                    x2={x(index)}
                    y1={margin.top}
                    y2={height - margin.bottom}
                  />
                ) : null}
              </ChartColumn>
            );
          })}
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
                  // biome-ignore lint/a11y/noStaticElementInteractions: as the columns: a pointer shortcut to the same readout
                  <circle
                    key={index}
                    className="chart-dot"
                    cx={x(index)}
                    cy={y(v)}
                    r={3}
                    style={{ fill: s.color }}
                    onClick={() => setSelected(index === selected ? undefined : index)}
                  >
                    <title>{`${s.name}, ${labels[index] ?? ""}: ${shown(s, v)}`}</title>
                  </circle>
                ),
              )}
            </g>
          ))}
        </ChartFrame>
      </div>
      <ChartReadout testId={testId} text={readout} />
      <ChartLegend series={series} />
    </figure>
  );
}
