// The customers worth a look: the top spenders, the valuable ones slipping away, and how
// predicted value spreads across the customer base.
import type { RouterInputs } from "@greenloop/app-client";
import { useState } from "react";
import { useApiQuery } from "../../api/use-api";
import { BarChart } from "../../charts/bar-chart";
import { CustomerLink } from "../../components/customer-name";
import { QueryView } from "../../components/status-views";
import { Badge, Section, Stat } from "../../components/ui";
import { formatDate } from "../../format/format-date";
import { formatMoney } from "../../format/format-money";
import { formatCount, formatShare } from "../../format/format-number";

type TopBy = NonNullable<RouterInputs["analytics"]["topCustomers"]["by"]>;

const topByLabels: Record<TopBy, string> = {
  totalSpend: "Lifetime spend",
  spend90d: "Spend, last 90 days",
  predictedValue365d: "Predicted value, next year",
};

export function TopCustomersSection() {
  const [by, setBy] = useState<TopBy>("totalSpend");
  const top = useApiQuery((api) => api.analytics.topCustomers, { by, limit: 10 });
  return (
    <Section
      title="Top customers"
      testId="top-customers"
      actions={
        <select
          value={by}
          onChange={(event) => setBy(event.target.value as TopBy)}
          aria-label="Rank by"
          data-testid="top-customers-by"
        >
          {Object.entries(topByLabels).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      }
    >
      <QueryView
        query={top}
        isEmpty={(data) => data.customers.length === 0}
        empty="No customers yet."
      >
        {(data) => (
          <table className="table compact">
            <thead>
              <tr>
                <th>Customer</th>
                <th className="num">Orders</th>
                <th className="num">Lifetime</th>
                <th className="num">90 days</th>
                <th className="num">Predicted</th>
                <th>Tier</th>
              </tr>
            </thead>
            <tbody>
              {data.customers.map((customer) => (
                <tr
                  key={customer.customerId}
                  data-testid="top-customer-row"
                  data-customer-id={customer.customerId}
                >
                  <td>
                    <CustomerLink customer={customer} />
                    {customer.rfmSegment ? (
                      <div className="muted small">{customer.rfmSegment}</div>
                    ) : null}
                  </td>
                  <td className="num">{formatCount(customer.orderCount)}</td>
                  <td className="num">{formatMoney(customer.totalSpend)}</td>
                  <td className="num">{formatMoney(customer.spend90d)}</td>
                  <td className="num">{formatMoney(customer.predictedValue365d)}</td>
                  <td>{customer.tier ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryView>
    </Section>
  );
}

export function AtRiskSection() {
  const atRisk = useApiQuery((api) => api.analytics.atRisk, { limit: 10 });
  return (
    <Section title="At risk of leaving" testId="at-risk">
      <QueryView
        query={atRisk}
        isEmpty={(data) => data.customers.length === 0}
        empty="Nobody at high or medium churn risk."
      >
        {(data) => (
          <table className="table compact">
            <thead>
              <tr>
                <th>Customer</th>
                <th>Risk</th>
                <th className="num">Still active</th>
                <th className="num">Last order</th>
                <th className="num">Lifetime</th>
              </tr>
            </thead>
            <tbody>
              {data.customers.map((customer) => (
                <tr
                  key={customer.customerId}
                  data-testid="at-risk-row"
                  data-customer-id={customer.customerId}
                >
                  <td>
                    <CustomerLink customer={customer} />
                  </td>
                  <td>
                    <Badge tone={customer.churnRiskLabel === "high" ? "bad" : "warn"}>
                      {customer.churnRiskLabel}
                      {customer.churnRisk === null
                        ? ""
                        : ` ${formatShare(customer.churnRisk, { digits: 0 })}`}
                    </Badge>
                  </td>
                  <td className="num" title="Probability the customer still buys (BG/NBD)">
                    {formatShare(customer.probabilityAlive, { digits: 0 })}
                  </td>
                  <td className="num" title={formatDate(customer.lastOrderAt, { timeZone: "UTC" })}>
                    {customer.daysSinceLastOrder === null
                      ? "—"
                      : `${formatCount(customer.daysSinceLastOrder)} d ago`}
                  </td>
                  <td className="num">{formatMoney(customer.totalSpend)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryView>
    </Section>
  );
}

export function ClvDistributionChart({
  buckets,
}: {
  buckets: {
    from: { toFixed(n: number): string };
    to: { toFixed(n: number): string };
    customerCount: number;
  }[];
}) {
  return (
    <BarChart
      testId="chart-clv"
      label="Customers by predicted value over the next year"
      color="var(--chart-2)"
      data={buckets.map((bucket) => ({
        label: formatMoney(bucket.from, { compact: true }),
        value: bucket.customerCount,
        display: `${formatCount(bucket.customerCount)} customers, ${formatMoney(bucket.from)} – ${formatMoney(bucket.to)}`,
      }))}
      formatTick={(value) => formatCount(value)}
    />
  );
}

export function ClvSection() {
  const clv = useApiQuery((api) => api.analytics.clvDistribution, { buckets: 20 });
  return (
    <Section title="Predicted customer value (next 365 days)" testId="clv">
      <QueryView
        query={clv}
        isEmpty={(data) => data.customerCount === 0}
        empty="No predictions yet: they come with the analytics run."
      >
        {(data) => (
          <>
            <div className="stats small-stats">
              <Stat
                label="With a prediction"
                value={formatCount(data.customerCount)}
                testId="clv-customerCount"
              />
              <Stat
                label="Without"
                value={formatCount(data.withoutPrediction)}
                testId="clv-withoutPrediction"
              />
              <Stat
                label="Total predicted"
                value={formatMoney(data.totalValue)}
                testId="clv-totalValue"
              />
            </div>
            <ClvDistributionChart buckets={data.buckets} />
            <p className="muted small">
              {data.buckets.length} equal buckets from {formatMoney(data.buckets[0]?.from ?? null)}{" "}
              to {formatMoney(data.buckets.at(-1)?.to ?? null)}; hover a bar for its customers.
            </p>
          </>
        )}
      </QueryView>
    </Section>
  );
}
