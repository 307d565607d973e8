// How late eCom orders reach X-Series: percentiles overall and per week, the slowest orders,
// and the backlog not there yet.
import { useMemo, useState } from "react";
import { useApiQuery } from "../../api/use-api";
import { BarChart } from "../../charts/bar-chart";
import { durationLogAxis } from "../../charts/chart-scale";
import { LineChart } from "../../charts/line-chart";
import { seriesOf } from "../../charts/line-series";
import { DataTable } from "../../components/data-table";
import { LabelledSelect } from "../../components/labelled-select";
import { QuerySection } from "../../components/query-section";
import { StatGrid } from "../../components/stat-grid";
import { num } from "../../components/table-columns";
import { rangeStart } from "../../dates/range-start";
import { formatDayKey, formatStoreTime } from "../../format/format-date";
import { formatDuration } from "../../format/format-duration";
import { formatCount } from "../../format/format-number";
import { useStoreTime } from "../../store-time/store-time-context";

/** Weeks back from now; 0 is all time. */
const sinceOptions = [
  { value: 12, label: "last 12 weeks" },
  { value: 26, label: "last 26 weeks" },
  { value: 52, label: "last year" },
  { value: 0, label: "all time" },
];

export function DelaysSection() {
  const { timeZone, now } = useStoreTime();
  const [weeks, setWeeks] = useState<number>(26);
  const since = useMemo(
    () => (weeks > 0 ? rangeStart(now(), "week", weeks, timeZone) : undefined),
    [weeks, timeZone],
  );
  const delays = useApiQuery((api) => api.sync.delays, {
    ...(since ? { since } : {}),
    slowest: 10,
  });
  return (
    <QuerySection
      title="eCom → X-Series sync delay"
      testId="delays"
      wide
      actions={
        <LabelledSelect
          label="Orders placed"
          value={weeks}
          options={sinceOptions}
          onChange={setWeeks}
          testId="delays-since"
        />
      }
      query={delays}
      loadingLabel="Loading sync delays…"
    >
      {(data) => {
        // Delays run from minutes to months: a log axis keeps the median and the worst readable.
        const percentiles = [data.p50, data.p90, data.p99, data.max].filter(
          (value): value is number => value !== null,
        );
        const weekly = data.weeks.flatMap((week) =>
          [week.p50, week.p90].filter((value): value is number => value !== null),
        );
        return (
          <>
            <StatGrid
              idPrefix="delays"
              items={[
                { id: "count", label: "Orders synced", value: formatCount(data.count) },
                { id: "p50", label: "Median (p50)", value: formatDuration(data.p50) },
                { id: "p90", label: "p90", value: formatDuration(data.p90) },
                { id: "p99", label: "p99", value: formatDuration(data.p99) },
                { id: "max", label: "Slowest", value: formatDuration(data.max) },
                {
                  id: "backlog",
                  label: "Not in X-Series yet",
                  value: formatCount(data.backlog.count),
                  hint: data.backlog.oldestPlacedAt
                    ? `oldest placed ${formatStoreTime(data.backlog.oldestPlacedAt, { timeZone })}`
                    : undefined,
                  tone: data.backlog.count > 0 ? "warn" : "good",
                },
              ]}
            />
            {data.count === 0 ? (
              <p className="muted empty">No eCom order has reached X-Series in this range yet.</p>
            ) : (
              <div className="grid two">
                <div>
                  <h3>Delay distribution (log scale)</h3>
                  <BarChart
                    testId="chart-delay-distribution"
                    label="Sync delay percentiles"
                    color="var(--chart-3)"
                    data={[
                      { label: "median", value: data.p50 ?? 0 },
                      { label: "p90", value: data.p90 ?? 0 },
                      { label: "p99", value: data.p99 ?? 0 },
                      { label: "slowest", value: data.max ?? 0 },
                    ]}
                    axis={durationLogAxis(percentiles)}
                    formatTick={formatDuration}
                  />
                </div>
                <div>
                  <h3>Per week placed (log scale)</h3>
                  <LineChart
                    testId="chart-delay-weekly"
                    label="Median and p90 sync delay per week"
                    labels={data.weeks.map((week) => formatDayKey(week.weekStart))}
                    series={seriesOf(data.weeks, [
                      { name: "Median", color: "var(--chart-1)", value: (week) => week.p50 },
                      { name: "p90", color: "var(--chart-3)", value: (week) => week.p90 },
                    ])}
                    axis={durationLogAxis(weekly)}
                    formatTick={formatDuration}
                  />
                </div>
              </div>
            )}
            {data.weeks.length > 0 ? (
              <details>
                <summary>Weeks ({data.weeks.length})</summary>
                <DataTable
                  testId="delays-weeks"
                  columns={[
                    "Week of",
                    num("Synced"),
                    num("Median"),
                    num("p90"),
                    num("Max"),
                    num("Still missing"),
                  ]}
                >
                  {[...data.weeks].reverse().map((week) => (
                    <tr key={week.weekStart} data-testid="delay-week-row">
                      <td>{formatDayKey(week.weekStart)}</td>
                      <td className="num">{formatCount(week.count)}</td>
                      <td className="num">{formatDuration(week.p50)}</td>
                      <td className="num">{formatDuration(week.p90)}</td>
                      <td className="num">{formatDuration(week.max)}</td>
                      <td className="num">{formatCount(week.stillMissing)}</td>
                    </tr>
                  ))}
                </DataTable>
              </details>
            ) : null}
            {data.slowest.length > 0 ? (
              <>
                <h3>Slowest orders</h3>
                <DataTable
                  testId="delays-slowest"
                  columns={["eCom order", "Placed", "Reached X-Series", num("Delay")]}
                >
                  {data.slowest.map((order) => (
                    <tr key={order.ecomOrderNumber} data-testid="slow-order-row">
                      <td>#{order.ecomOrderNumber}</td>
                      <td>{formatStoreTime(order.placedAt, { timeZone })}</td>
                      <td>{formatStoreTime(order.reachedAt, { timeZone })}</td>
                      <td className="num">{formatDuration(order.delaySeconds)}</td>
                    </tr>
                  ))}
                </DataTable>
              </>
            ) : null}
          </>
        );
      }}
    </QuerySection>
  );
}
