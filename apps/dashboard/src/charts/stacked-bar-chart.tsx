// A vertical bar chart whose bars are stacks (a category mix per period), in plain SVG at its
// box's width, with the same axis, thinned x labels and tap read-out as BarChart, and a legend
// (its own, not ChartLegend: each entry carries the `<testId>-legend` test id).
import { useState } from "react";
import { ChartColumn, ChartFrame, ChartReadout } from "./chart-frame";
import { bandChartLayout } from "./chart-layout";
import { linearAxis } from "./chart-scale";
import { useChartBox } from "./use-chart-box";

export interface StackedSeries {
  key: string;
  name: string;
  color: string;
  /** One value per column (0 where the series has nothing there). */
  values: readonly number[];
  /** The values as people read them (tooltips and the read-out). */
  display: readonly string[];
}

export function StackedBarChart({
  labels,
  series,
  formatTick,
  height = 220,
  testId,
  label,
  maxLabels = 8,
}: {
  labels: readonly string[];
  series: readonly StackedSeries[];
  formatTick: (value: number) => string;
  height?: number;
  testId: string;
  label: string;
  maxLabels?: number;
}) {
  const box = useChartBox();
  const [selected, setSelected] = useState<number | undefined>(undefined);
  // Negative parts (more returned than sold) draw as nothing: a stack shows what was sold.
  const totals = labels.map((_, column) =>
    series.reduce((sum, s) => sum + Math.max(0, s.values[column] ?? 0), 0),
  );
  const scale = linearAxis(totals);
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
  const describe = (column: number) =>
    `${labels[column]}: ${
      series
        .filter((s) => (s.values[column] ?? 0) !== 0)
        .map((s) => `${s.name} ${s.display[column]}`)
        .join(", ") || "nothing"
    }`;
  return (
    <div ref={box.ref} className="chart-box">
      <ChartFrame
        frame={frame}
        xLabels={xLabels}
        label={label}
        testId={testId}
        formatTick={formatTick}
      >
        {labels.map((columnLabel, column) => {
          let base = 0;
          const isSelected = column === selected;
          return (
            <ChartColumn
              key={`${columnLabel}-${column}`}
              x={plot.left + column * bands.step}
              width={bands.step}
              top={margin.top}
              height={height - margin.bottom - margin.top}
              isSelected={isSelected}
              onToggle={() => setSelected(isSelected ? undefined : column)}
              title={describe(column)}
            >
              {series.map((s) => {
                const value = Math.max(0, s.values[column] ?? 0);
                if (value === 0) return null;
                const top = y(base + value);
                const bottom = y(base);
                base += value;
                return (
                  <rect
                    key={s.key}
                    className="chart-bar"
                    x={bands.x(column)}
                    y={top}
                    width={Math.max(1, bands.width)}
                    height={Math.max(1, bottom - top)}
                    style={{ fill: s.color }}
                    data-testid={`${testId}-part`}
                    data-label={columnLabel}
                    data-series={s.key}
                    data-value={value}
                  >
                    <title>{`${columnLabel}: ${s.name} ${s.display[column]}`}</title>
                  </rect>
                );
              })}
            </ChartColumn>
          );
        })}
        <line className="chart-axis" x1={plot.left} x2={plot.right} y1={y(0)} y2={y(0)} />
      </ChartFrame>
      <ChartReadout
        testId={testId}
        text={selected === undefined ? undefined : describe(selected)}
      />
      <div className="legend">
        {series.map((s) => (
          <span key={s.key} className="legend-item" data-testid={`${testId}-legend`}>
            <span className="legend-swatch" style={{ background: s.color }} />
            {s.name}
          </span>
        ))}
      </div>
    </div>
  );
}
