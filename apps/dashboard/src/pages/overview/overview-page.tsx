// Overview: the store's numbers over a chosen range, the trend, the channel mix, then segments,
// cohorts and the customers worth a look.
import type { RouterOutputs } from "@greenloop/app-client";
import { useMemo, useState } from "react";
import { useApiQuery } from "../../api/use-api";
import { BarChart } from "../../charts/bar-chart";
import { LineChart } from "../../charts/line-chart";
import { ShareBar } from "../../charts/share-bar";
import { QueryView } from "../../components/status-views";
import { Section, Stat } from "../../components/ui";
import { type Granularity, rangeChoices, rangeStart } from "../../dates/range-start";
import { formatDate, formatPeriod } from "../../format/format-date";
import { formatMoney, formatMoneyTick, moneyToPlot } from "../../format/format-money";
import { formatCount, formatShare } from "../../format/format-number";
import { AtRiskSection, ClvSection, TopCustomersSection } from "./overview-customers";
import { CohortsSection, SegmentsSection } from "./overview-segments";

type Summary = RouterOutputs["analytics"]["summary"];

export function OverviewPage() {
  const [period, setPeriod] = useState<Granularity>("month");
  const [count, setCount] = useState(12);
  const from = useMemo(() => rangeStart(new Date(), period, count), [period, count]);
  const summary = useApiQuery((api) => api.analytics.summary, { period, from });

  const controls = (
    <div className="controls">
      <label>
        By{" "}
        <select
          value={period}
          onChange={(event) => {
            const next = event.target.value as Granularity;
            setPeriod(next);
            setCount(rangeChoices[next][0] ?? 12);
          }}
          data-testid="overview-period"
        >
          <option value="month">month</option>
          <option value="week">week</option>
        </select>
      </label>
      <label>
        Last{" "}
        <select
          value={count}
          onChange={(event) => setCount(Number(event.target.value))}
          data-testid="overview-range"
        >
          {rangeChoices[period].map((choice) => (
            <option key={choice} value={choice}>
              {choice} {period}s
            </option>
          ))}
        </select>
      </label>
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
      <div className="grid two">
        <SegmentsSection />
        <ClvSection />
      </div>
      <CohortsSection />
      <div className="grid two">
        <TopCustomersSection />
        <AtRiskSection />
      </div>
    </div>
  );
}

function SummaryBlocks({ summary }: { summary: Summary }) {
  const labels = summary.periods.map((p) => formatPeriod(p.start, summary.granularity));
  const { RETAIL, ECOM } = summary.channelMix;
  return (
    <>
      <p className="muted range-note" data-testid="summary-range">
        {formatDate(summary.from, { timeZone: "UTC" })} –{" "}
        {formatDate(summary.asOf, { timeZone: "UTC" })} (UTC)
      </p>
      <div className="stats" data-testid="summary">
        <Stat
          label="Net revenue"
          value={formatMoney(summary.totalSpend)}
          testId="summary-totalSpend"
        />
        <Stat label="Orders" value={formatCount(summary.orderCount)} testId="summary-orderCount" />
        <Stat
          label="Customers"
          value={formatCount(summary.customerCount)}
          hint="with an order in the range"
          testId="summary-customerCount"
        />
        <Stat
          label="Average order"
          value={formatMoney(summary.averageOrderValue)}
          testId="summary-averageOrderValue"
        />
        <Stat
          label="From known customers"
          value={formatMoney(summary.attributedSpend)}
          testId="summary-attributedSpend"
        />
        <Stat
          label="Walk-in orders"
          value={formatCount(summary.anonymousOrderCount)}
          hint="no customer attached"
          testId="summary-anonymousOrderCount"
        />
      </div>

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
          <table className="table compact">
            <thead>
              <tr>
                <th>Channel</th>
                <th className="num">Orders</th>
                <th className="num">Order share</th>
                <th className="num">Net revenue</th>
              </tr>
            </thead>
            <tbody>
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
            </tbody>
          </table>
          {summary.periods.length > 1 ? (
            <LineChart
              testId="chart-channel-orders"
              label="Orders per channel"
              height={180}
              labels={labels}
              series={[
                {
                  name: "In-store orders",
                  color: "var(--retail)",
                  values: summary.periods.map((p) => p.channelMix.RETAIL.orderCount),
                },
                {
                  name: "Online orders",
                  color: "var(--ecom)",
                  values: summary.periods.map((p) => p.channelMix.ECOM.orderCount),
                },
              ]}
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
              series={[
                {
                  name: "Returning",
                  color: "var(--chart-1)",
                  values: summary.periods.map((p) => p.returningCustomers),
                },
                {
                  name: "New",
                  color: "var(--chart-2)",
                  values: summary.periods.map((p) => p.newCustomers),
                },
              ]}
              formatTick={(value) => formatCount(value)}
            />
          )}
        </Section>
        <Section title="By period" testId="trend-table">
          <div className="table-scroll">
            <table className="table compact">
              <thead>
                <tr>
                  <th>Period</th>
                  <th className="num">Orders</th>
                  <th className="num">Net revenue</th>
                  <th className="num">Change</th>
                  <th className="num">Avg order</th>
                  <th className="num">New</th>
                  <th className="num">Returning</th>
                  <th className="num">Online</th>
                </tr>
              </thead>
              <tbody>
                {[...summary.periods].reverse().map((p) => (
                  <tr key={p.key} data-testid="period-row" data-period={p.key}>
                    <td>{formatPeriod(p.start, summary.granularity)}</td>
                    <td className="num">{formatCount(p.orderCount)}</td>
                    <td className="num">{formatMoney(p.netSpend)}</td>
                    <td className={p.netSpendChange?.isNegative() ? "num negative" : "num"}>
                      {p.netSpendChange ? formatMoney(p.netSpendChange) : "—"}
                    </td>
                    <td className="num">{formatMoney(p.averageOrderValue)}</td>
                    <td className="num">{formatCount(p.newCustomers)}</td>
                    <td className="num">{formatCount(p.returningCustomers)}</td>
                    <td className="num">{formatShare(p.channelMix.ECOM.orderShare)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Section>
      </div>
    </>
  );
}
