// How accurate the purchase predictions are on this store: the latest calibration/holdout test
// (`pnpm cli analytics holdout`), predicted vs actual purchases by decile of the prediction.
import type { RouterOutputs } from "@greenloop/app-client";
import { useApiQuery } from "../../api/use-api";
import { LineChart } from "../../charts/line-chart";
import { seriesOf } from "../../charts/line-series";
import { QuerySection } from "../../components/query-section";
import { StatGrid } from "../../components/stat-grid";
import { formatDate, formatDateTime } from "../../format/format-date";
import { formatCount, formatDecimal } from "../../format/format-number";
import { useStoreTime } from "../../store-time/store-time-context";

type HoldoutRun = NonNullable<RouterOutputs["analytics"]["holdout"]>;

const DAY_MS = 86_400_000;
/**
 * The test's windows are whole UTC days (the analytics count a purchase per UTC day), so they are
 * shown as those days; when it ran is the store's time, like every other moment here.
 */
const windowDay = (date: Date) => formatDate(date, { timeZone: "UTC" });

export function HoldoutSection() {
  const holdout = useApiQuery((api) => api.analytics.holdout, undefined);
  return (
    <QuerySection
      title="How accurate are the predictions?"
      testId="holdout"
      query={holdout}
      isEmpty={(run) => run === null}
      emptyTestId="holdout-empty"
      empty={
        <>
          No holdout run yet — run <code>pnpm cli analytics holdout</code>
        </>
      }
    >
      {(run) => (run ? <HoldoutResult run={run} /> : null)}
    </QuerySection>
  );
}

function HoldoutResult({ run }: { run: HoldoutRun }) {
  const { timeZone } = useStoreTime();
  const holdoutStart = new Date(run.calibrationEnd.getTime() + DAY_MS);
  const labels = run.deciles.map((decile) => `D${decile.decile}`);
  return (
    <>
      <p className="muted small" data-testid="holdout-window">
        Fitted on {windowDay(run.calibrationStart)} – {windowDay(run.calibrationEnd)}, predicted{" "}
        {windowDay(holdoutStart)} – {windowDay(run.observationEnd)} ({run.holdoutWeeks} weeks); ran{" "}
        {formatDateTime(run.ranAt, { timeZone })}.
      </p>
      <StatGrid
        small
        idPrefix="holdout"
        items={[
          { id: "customers", label: "Customers tested", value: formatCount(run.customers) },
          {
            id: "mae",
            label: "Mean absolute error",
            value: formatDecimal(run.mae),
            hint: "purchases per customer",
          },
          { id: "rmse", label: "RMSE", value: formatDecimal(run.rmse) },
          {
            id: "correlation",
            label: "Correlation",
            value: formatDecimal(run.correlation),
            hint: "predicted vs actual, per customer",
          },
          {
            id: "predictedTotal",
            label: "Predicted purchases",
            value: formatDecimal(run.predictedTotal, { digits: 1 }),
          },
          { id: "actualTotal", label: "Actual purchases", value: formatCount(run.actualTotal) },
        ]}
      />
      <LineChart
        testId="chart-holdout"
        label="Predicted and actual purchases per customer, by decile of the prediction"
        labels={labels}
        series={seriesOf(run.deciles, [
          { name: "Predicted", color: "var(--chart-1)", value: (d) => d.predictedMean },
          { name: "Actual", color: "var(--chart-2)", value: (d) => d.actualMean },
        ])}
        formatTick={(value) => formatDecimal(value)}
      />
      <p className="muted small">
        Customers sorted by predicted purchases into ten groups (D1 lowest, D10 highest): the mean
        predicted and actual purchases per customer in each.
      </p>
    </>
  );
}
