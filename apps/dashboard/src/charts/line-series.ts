// A line chart's series read off the same rows (periods, weeks): one line per named value.
import type { LineSeries } from "./line-chart";

export interface SeriesSpec<TRow> {
  name: string;
  color: string;
  value: (row: TRow) => number | null;
}

export function seriesOf<TRow>(
  rows: readonly TRow[],
  specs: readonly SeriesSpec<TRow>[],
): LineSeries[] {
  return specs.map(({ name, color, value }) => ({ name, color, values: rows.map(value) }));
}
