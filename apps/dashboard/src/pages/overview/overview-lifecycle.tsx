// The customer lifecycle per period ("leaky bucket"), following the Overview's period and range:
// customers gained (new, returning, won back) above the line and lost (lapsed, lost) below it,
// the numbers per period in a table, and what each state means with the store's thresholds.
import type { RouterOutputs } from "@greenloop/app-client";
import { useApiQuery } from "../../api/use-api";
import { DivergingBarChart, type DivergingSeries } from "../../charts/diverging-bar-chart";
import { DataTable } from "../../components/data-table";
import { QuerySection } from "../../components/query-section";
import { num } from "../../components/table-columns";
import type { Granularity } from "../../dates/range-start";
import { formatPeriod } from "../../format/format-date";
import { formatCount } from "../../format/format-number";
import { useStoreTime } from "../../store-time/store-time-context";
import "./overview-lifecycle.css";

type Lifecycle = RouterOutputs["analytics"]["lifecycle"];
type LifecyclePeriod = Lifecycle["periods"][number];
type CountField = Exclude<keyof LifecyclePeriod, "key" | "start" | "toDate">;

/** The states in the order they stack and read: gains first, then losses. */
const states: readonly {
  field: CountField;
  /** The test id of the state's table cells: `lifecycle-<id>`. */
  id: string;
  name: string;
  color: string;
  down?: boolean;
}[] = [
  { field: "returningCustomers", id: "returning", name: "Returning", color: "var(--chart-1)" },
  { field: "newCustomers", id: "new", name: "New", color: "var(--chart-2)" },
  { field: "wonBackCustomers", id: "won-back", name: "Won back", color: "var(--retail)" },
  { field: "lapsedCustomers", id: "lapsed", name: "Lapsed", color: "var(--warn)", down: true },
  { field: "lostCustomers", id: "lost", name: "Lost", color: "var(--bad)", down: true },
];

export function LifecycleSection({ period, from }: { period: Granularity; from: Date }) {
  const lifecycle = useApiQuery((api) => api.analytics.lifecycle, { period, from });
  return (
    <QuerySection
      title={`Customer lifecycle per ${period}`}
      testId="lifecycle"
      query={lifecycle}
      loadingLabel="Loading the customer lifecycle…"
    >
      {(data) => <LifecycleBlocks lifecycle={data} from={from} />}
    </QuerySection>
  );
}

function LifecycleBlocks({ lifecycle, from }: { lifecycle: Lifecycle; from: Date }) {
  const { timeZone } = useStoreTime();
  const { granularity, periods, thresholds } = lifecycle;
  const labelOf = (p: LifecyclePeriod) =>
    `${formatPeriod(p.start, granularity, { timeZone })}${p.toDate ? " (to date)" : ""}`;
  const series: DivergingSeries[] = states.map((state) => ({
    name: state.name,
    color: state.color,
    values: periods.map((p) => p[state.field]),
    ...(state.down ? { down: true } : {}),
  }));
  return (
    // The range asked for, so a test can ask the API for the same one.
    <div data-testid="lifecycle-view" data-from={from.toISOString()}>
      <DivergingBarChart
        testId="chart-lifecycle"
        label={`Customers gained and lost per ${granularity}`}
        labels={periods.map((p) => formatPeriod(p.start, granularity, { timeZone }))}
        series={series}
        // Losses are drawn below the line; their size reads without a minus sign.
        formatTick={(value) => formatCount(Math.abs(value))}
      />
      <ul className="muted small lifecycle-definitions" data-testid="lifecycle-definitions">
        <li>
          <strong>New</strong>: first order ever in the {granularity}. <strong>Won back</strong>:
          ordered again after {thresholds.wonBackAfterDays} days or more without an order.{" "}
          <strong>Returning</strong>: every other customer who ordered.
        </li>
        <li>
          Below the line, in the {granularity} the days run out without a new order that{" "}
          {granularity}: <strong>Lapsed</strong> after {thresholds.lapsedAfterDays} days,{" "}
          <strong>Lost</strong> after {thresholds.lostAfterDays} days. Days are the store's calendar
          days; only orders that count in analytics.
        </li>
      </ul>
      <DataTable
        testId="lifecycle-table"
        columns={["Period", ...states.map((state) => num(state.name))]}
      >
        {[...periods].reverse().map((p) => (
          <tr
            key={p.key}
            data-testid="lifecycle-row"
            data-period={p.key}
            data-to-date={p.toDate ? "true" : undefined}
          >
            <td>{labelOf(p)}</td>
            {states.map((state) => (
              <td
                key={state.id}
                className={state.down && p[state.field] > 0 ? "num negative" : "num"}
                data-testid={`lifecycle-${state.id}`}
              >
                {formatCount(p[state.field])}
              </td>
            ))}
          </tr>
        ))}
      </DataTable>
    </div>
  );
}
