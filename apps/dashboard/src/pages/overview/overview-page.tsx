// Overview: the store's numbers over a chosen range, the trend, the channel mix, the customer
// lifecycle, then segments, cohorts and the customers worth a look.
import type { RouterOutputs } from "@greenloop/app-client";
import { useMemo, useState } from "react";
import { useApiQuery } from "../../api/use-api";
import { useAuth } from "../../auth/auth-context";
import { BarChart } from "../../charts/bar-chart";
import { LineChart } from "../../charts/line-chart";
import { seriesOf } from "../../charts/line-series";
import { ShareBar } from "../../charts/share-bar";
import { DataTable } from "../../components/data-table";
import { LabelledSelect } from "../../components/labelled-select";
import { StatGrid } from "../../components/stat-grid";
import { QueryView } from "../../components/status-views";
import { num } from "../../components/table-columns";
import { Section } from "../../components/ui";
import { periodToDateLabel } from "../../dates/period-to-date";
import { type Granularity, rangeChoices, rangeStart } from "../../dates/range-start";
import { formatDate, formatPeriod, formatZoneName } from "../../format/format-date";
import { formatMoney, formatMoneyTick, moneyToPlot } from "../../format/format-money";
import { formatCount, formatShare } from "../../format/format-number";
import { useStoreTime } from "../../store-time/store-time-context";
import { CategoryAffinitySection, CategoryMixSection } from "./overview-categories";
import { AtRiskSection, ClvSection, TopCustomersSection } from "./overview-customers";
import { HoldoutSection } from "./overview-holdout";
import { LifecycleSection } from "./overview-lifecycle";
import { CohortsSection, SegmentsSection } from "./overview-segments";
import { SegmentPushSection } from "./segment-push-section";
import "./period-to-date.css";

type Summary = RouterOutputs["analytics"]["summary"];

const periodOptions = [
  { value: "month", label: "month" },
  { value: "week", label: "week" },
] as const satisfies readonly { value: Granularity; label: string }[];

export function OverviewPage() {
  const { isOperator } = useAuth();
  const [period, setPeriod] = useState<Granularity>("month");
  const [count, setCount] = useState(12);
  const { timeZone, now } = useStoreTime();
  // The store's weeks and months, as the API buckets them (the start stays put all day).
  const from = useMemo(() => rangeStart(now(), period, count, timeZone), [period, count, timeZone]);
  const summary = useApiQuery((api) => api.analytics.summary, { period, from });

  const controls = (
    <div className="controls">
      <LabelledSelect
        label="By"
        visibleLabel
        value={period}
        options={periodOptions}
        onChange={(next) => {
          setPeriod(next);
          setCount(rangeChoices[next][0] ?? 12);
        }}
        testId="overview-period"
      />
      <LabelledSelect
        label="Last"
        visibleLabel
        value={count}
        options={rangeChoices[period].map((choice) => ({
          value: choice,
          label: `${choice} ${period}s`,
        }))}
        onChange={setCount}
        testId="overview-range"
      />
    </div>
  );

  return (
    <div className="page" data-testid="page-overview">
      <div className="page-header">
        <h1>Overview</h1>
        {controls}
      </div>
      <QueryView query={summary} loadingLabel="Loading the store summary…">
        {(data) => <SummaryBlocks summary={data} />}
      </QueryView>
      <LifecycleSection period={period} from={from} />
      <div className="grid two">
        <CategoryMixSection period={period} from={from} />
        <CategoryAffinitySection from={from} />
      </div>
      <div className="grid two">
        <SegmentsSection />
        <ClvSection />
      </div>
      <HoldoutSection />
      {isOperator ? <SegmentPushSection /> : null}
      <CohortsSection />
      <div className="grid two">
        <TopCustomersSection />
        <AtRiskSection />
      </div>
    </div>
  );
}

function SummaryBlocks({ summary }: { summary: Summary }) {
  const { timeZone } = useStoreTime();
  const labels = summary.periods.map((p) =>
    formatPeriod(p.start, summary.granularity, { timeZone }),
  );
  // The current period is still running: labelled "to date", never compared as a drop.
  const toDate = (start: Date) =>
    periodToDateLabel(start, summary.granularity, { asOf: summary.asOf, timeZone });
  const { RETAIL, ECOM } = summary.channelMix;
  return (
    <>
      <p className="muted range-note" data-testid="summary-range">
        {formatDate(summary.from, { timeZone })} – {formatDate(summary.asOf, { timeZone })} (
        {formatZoneName({ timeZone })})
        {summary.periods.some((p) => toDate(p.start)) ? `, ${summary.granularity} to date` : ""}
      </p>
      <StatGrid
        testId="summary"
        idPrefix="summary"
        items={[
          { id: "totalSpend", label: "Net revenue", value: formatMoney(summary.totalSpend) },
          { id: "orderCount", label: "Orders", value: formatCount(summary.orderCount) },
          {
            id: "customerCount",
            label: "Customers",
            value: formatCount(summary.customerCount),
            hint: "with an order in the range",
          },
          {
            id: "averageOrderValue",
            label: "Average order",
            value: formatMoney(summary.averageOrderValue),
          },
          {
            id: "attributedSpend",
            label: "From known customers",
            value: formatMoney(summary.attributedSpend),
          },
          {
            id: "anonymousOrderCount",
            label: "Walk-in orders",
            value: formatCount(summary.anonymousOrderCount),
            hint: "no customer attached",
          },
        ]}
      />

      <div className="grid two">
        <Section title={`Net revenue per ${summary.granularity}`} testId="trend-revenue">
          {summary.periods.length === 0 ? (
            <p className="muted empty">No orders in this range.</p>
          ) : (
            <BarChart
              testId="chart-revenue"
              label={`Net revenue per ${summary.granularity}`}
              data={summary.periods.map((p, index) => ({
                label: labels[index] ?? p.key,
                value: moneyToPlot(p.netSpend),
                display: formatMoney(p.netSpend),
              }))}
              formatTick={(value) => formatMoneyTick(value)}
            />
          )}
        </Section>
        <Section title="Channel mix" testId="channel-mix">
          <ShareBar
            testId="channel-mix-spend"
            label="Share of net revenue by channel"
            parts={[
              {
                key: "RETAIL",
                label: "In store",
                share: RETAIL.spendShare,
                color: "var(--retail)",
                detail: `${formatMoney(RETAIL.netSpend)} · ${formatShare(RETAIL.spendShare)}`,
              },
              {
                key: "ECOM",
                label: "Online",
                share: ECOM.spendShare,
                color: "var(--ecom)",
                detail: `${formatMoney(ECOM.netSpend)} · ${formatShare(ECOM.spendShare)}`,
              },
            ]}
          />
          <DataTable columns={["Channel", num("Orders"), num("Order share"), num("Net revenue")]}>
            {(["RETAIL", "ECOM"] as const).map((channel) => {
              const figures = summary.channelMix[channel];
              return (
                <tr key={channel} data-testid={`channel-row-${channel}`}>
                  <td>{channel === "RETAIL" ? "In store (X-Series)" : "Online (eCom)"}</td>
                  <td className="num" data-testid={`channel-${channel}-orders`}>
                    {formatCount(figures.orderCount)}
                  </td>
                  <td className="num">{formatShare(figures.orderShare)}</td>
                  <td className="num" data-testid={`channel-${channel}-spend`}>
                    {formatMoney(figures.netSpend)}
                  </td>
                </tr>
              );
            })}
          </DataTable>
          {summary.periods.length > 1 ? (
            <LineChart
              testId="chart-channel-orders"
              label="Orders per channel"
              height={180}
              labels={labels}
              series={seriesOf(summary.periods, [
                {
                  name: "In-store orders",
                  color: "var(--retail)",
                  value: (p) => p.channelMix.RETAIL.orderCount,
                },
                {
                  name: "Online orders",
                  color: "var(--ecom)",
                  value: (p) => p.channelMix.ECOM.orderCount,
                },
              ])}
              formatTick={(value) => formatCount(value)}
            />
          ) : null}
        </Section>
      </div>

      <div className="grid two">
        <Section title={`Customers per ${summary.granularity}`} testId="trend-customers">
          {summary.periods.length === 0 ? (
            <p className="muted empty">No orders in this range.</p>
          ) : (
            <LineChart
              testId="chart-customers"
              label="New and returning customers"
              labels={labels}
              series={seriesOf(summary.periods, [
                { name: "Returning", color: "var(--chart-1)", value: (p) => p.returningCustomers },
                { name: "New", color: "var(--chart-2)", value: (p) => p.newCustomers },
              ])}
              formatTick={(value) => formatCount(value)}
            />
          )}
        </Section>
        <Section title="By period" testId="trend-table">
          <DataTable
            columns={[
              "Period",
              num("Orders"),
              num("Net revenue"),
              num("Change"),
              num("Avg order"),
              num("New"),
              num("Returning"),
              num("Online"),
            ]}
          >
            {[...summary.periods].reverse().map((p) => {
              const toDateLabel = toDate(p.start);
              return (
                <tr
                  key={p.key}
                  data-testid="period-row"
                  data-period={p.key}
                  data-to-date={toDateLabel ? "true" : undefined}
                >
                  <td>
                    {formatPeriod(p.start, summary.granularity, { timeZone })}
                    {toDateLabel ? (
                      <span className="muted small period-to-date" data-testid="period-to-date">
                        {" "}
                        ({toDateLabel})
                      </span>
                    ) : null}
                  </td>
                  <td className="num">{formatCount(p.orderCount)}</td>
                  <td className="num">{formatMoney(p.netSpend)}</td>
                  {/* A running period against a whole one is no drop: no change shown for it. */}
                  <td
                    className={
                      !toDateLabel && p.netSpendChange?.isNegative() ? "num negative" : "num"
                    }
                    data-testid="period-change"
                    title={toDateLabel ? "Not compared: the period is not over" : undefined}
                  >
                    {toDateLabel
                      ? "to date"
                      : p.netSpendChange
                        ? formatMoney(p.netSpendChange)
                        : "—"}
                  </td>
                  <td className="num">{formatMoney(p.averageOrderValue)}</td>
                  <td className="num">{formatCount(p.newCustomers)}</td>
                  <td className="num">{formatCount(p.returningCustomers)}</td>
                  <td className="num">{formatShare(p.channelMix.ECOM.orderShare)}</td>
                </tr>
              );
            })}
          </DataTable>
        </Section>
      </div>
    </>
  );
}
