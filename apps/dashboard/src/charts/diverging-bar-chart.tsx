// Stacked bars both ways from zero: the series that add (customers gained) stack upwards, the
// ones that take away (customers lost) downwards, one column per label, on a whole-number count
// axis. Drawn in the bar chart's frame (text at its CSS size, x labels thinned until none
// overlap); a tap on a column reads every series' value for it out under the chart.
import { useState } from "react";
import { ChartColumn, ChartFrame, ChartLegend, ChartReadout } from "./chart-frame";
import { bandChartLayout } from "./chart-layout";
import { divergingCountAxis } from "./count-axis";
import { useChartBox } from "./use-chart-box";

export interface DivergingSeries {
  name: string;
  color: string;
  /** One count per label, 0 or more; drawn below zero when `down`. */
  values: readonly number[];
  down?: boolean;
}

export function DivergingBarChart({
  labels,
  series,
  formatTick,
  height = 240,
  testId,
  label,
  maxLabels = 8,
}: {
  labels: readonly string[];
  series: readonly DivergingSeries[];
  formatTick: (value: number) => string;
  height?: number;
  testId: string;
  /** What the chart shows, for screen readers. */
  label: string;
  maxLabels?: number;
}) {
  const box = useChartBox();
  const [selected, setSelected] = useState<number | undefined>(undefined);
  const total = (index: number, down: boolean) =>
    series.reduce((sum, s) => (Boolean(s.down) === down ? sum + (s.values[index] ?? 0) : sum), 0);
  const scale = divergingCountAxis(
    Math.max(0, ...labels.map((_, index) => total(index, false))),
    Math.max(0, ...labels.map((_, index) => total(index, true))),
  );
  const { margin, frame, plot, bands, xLabels } = bandChartLayout({
    axis: scale,
    labels: labels,
    width: box.width,
    height,
    measure: box.measure,
    formatTick,
    maxLabels,
  });
  const { y } = frame;
  const readoutOf = (index: number) =>
    `${labels[index] ?? ""}: ${series
      .map((s) => `${s.name} ${formatTick(s.values[index] ?? 0)}`)
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
            // Each series' segment starts where the one before it in its direction ended.
            let up = 0;
            let down = 0;
            return (
              <ChartColumn
                key={`${text}-${index}`}
                x={plot.left + index * bands.step}
                width={bands.step}
                top={margin.top}
                height={height - margin.bottom - margin.top}
                isSelected={isSelected}
                onToggle={() => setSelected(isSelected ? undefined : index)}
                title={readoutOf(index)}
              >
                {series.map((s) => {
                  const value = s.values[index] ?? 0;
                  const from = s.down ? -down : up;
                  const to = s.down ? -(down + value) : up + value;
                  if (s.down) down += value;
                  else up += value;
                  if (value === 0) return null;
                  const top = y(Math.max(from, to));
                  return (
                    <rect
                      key={s.name}
                      className={isSelected ? "chart-bar is-selected" : "chart-bar"}
                      x={bands.x(index)}
                      y={top}
                      width={Math.max(1, bands.width)}
                      height={Math.max(1, y(Math.min(from, to)) - top)}
                      style={{ fill: s.color }}
                      data-testid={`${testId}-segment`}
                      data-series={s.name}
                      data-label={text}
                      data-value={value}
                    >
                      <title>{`${s.name}, ${text}: ${formatTick(value)}`}</title>
                    </rect>
                  );
                })}
              </ChartColumn>
            );
          })}
          <line className="chart-axis" x1={plot.left} x2={plot.right} y1={y(0)} y2={y(0)} />
        </ChartFrame>
      </div>
      <ChartReadout
        testId={testId}
        text={selected === undefined ? undefined : readoutOf(selected)}
      />
      <ChartLegend series={series} />
    </figure>
  );
}
