// The customers worth a look: the top spenders, the valuable ones slipping away, and how
// predicted value spreads across the customer base.
import type { RouterInputs } from "@greenloop/app-client";
import { useState } from "react";
import { type ObjectInput, useApiQuery } from "../../api/use-api";
import { BarChart } from "../../charts/bar-chart";
import { CustomerRow } from "../../components/customer-row";
import { DataTable } from "../../components/data-table";
import { LabelledSelect } from "../../components/labelled-select";
import { QuerySection } from "../../components/query-section";
import { optionsFromLabels } from "../../components/select-options";
import { StatGrid } from "../../components/stat-grid";
import { num } from "../../components/table-columns";
import { Badge } from "../../components/ui";
import { CsvDownloadButton } from "../../exports/csv-download-button";
import { formatDate } from "../../format/format-date";
import { formatMoney } from "../../format/format-money";
import { formatCount, formatShare } from "../../format/format-number";
import { useStoreTime } from "../../store-time/store-time-context";

/** How many customers each list shows; its CSV holds the same ones. */
const OVERVIEW_LIST_SIZE = 10;

type TopBy = NonNullable<ObjectInput<RouterInputs["analytics"]["topCustomers"]>["by"]>;

const topByLabels: Record<TopBy, string> = {
  totalSpend: "Lifetime spend",
  spend90d: "Spend, last 90 days",
  predictedValue365d: "Predicted value, next year",
};

export function TopCustomersSection() {
  const [by, setBy] = useState<TopBy>("totalSpend");
  const top = useApiQuery((api) => api.analytics.topCustomers, { by, limit: OVERVIEW_LIST_SIZE });
  return (
    <QuerySection
      title="Top customers"
      testId="top-customers"
      actions={
        <>
          <LabelledSelect
            label="Rank by"
            value={by}
            options={optionsFromLabels(topByLabels)}
            onChange={setBy}
            testId="top-customers-by"
          />
          <CsvDownloadButton
            list="top-customers"
            params={{ by, limit: OVERVIEW_LIST_SIZE }}
            testId="top-customers-export"
          />
        </>
      }
      query={top}
      isEmpty={(data) => data.customers.length === 0}
      empty="No customers yet."
    >
      {(data) => (
        <DataTable
          columns={[
            "Customer",
            num("Orders"),
            num("Lifetime"),
            num("90 days"),
            num("Predicted"),
            "Tier",
          ]}
        >
          {data.customers.map((customer) => (
            <CustomerRow
              key={customer.customerId}
              customer={customer}
              testId="top-customer-row"
              note={
                customer.rfmSegment ? (
                  <div className="muted small">{customer.rfmSegment}</div>
                ) : null
              }
            >
              <td className="num">{formatCount(customer.orderCount)}</td>
              <td className="num">{formatMoney(customer.totalSpend)}</td>
              <td className="num">{formatMoney(customer.spend90d)}</td>
              <td className="num">{formatMoney(customer.predictedValue365d)}</td>
              <td>{customer.tier ?? "—"}</td>
            </CustomerRow>
          ))}
        </DataTable>
      )}
    </QuerySection>
  );
}

export function AtRiskSection() {
  const { timeZone } = useStoreTime();
  const atRisk = useApiQuery((api) => api.analytics.atRisk, { limit: OVERVIEW_LIST_SIZE });
  return (
    <QuerySection
      title="At risk of leaving"
      testId="at-risk"
      actions={
        <CsvDownloadButton
          list="at-risk-customers"
          params={{ limit: OVERVIEW_LIST_SIZE }}
          testId="at-risk-export"
        />
      }
      query={atRisk}
      isEmpty={(data) => data.customers.length === 0}
      empty="Nobody at high or medium churn risk."
    >
      {(data) => (
        <DataTable
          columns={["Customer", "Risk", num("Still active"), num("Last order"), num("Lifetime")]}
        >
          {data.customers.map((customer) => (
            <CustomerRow key={customer.customerId} customer={customer} testId="at-risk-row">
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
              <td className="num" title={formatDate(customer.lastOrderAt, { timeZone })}>
                {customer.daysSinceLastOrder === null
                  ? "—"
                  : `${formatCount(customer.daysSinceLastOrder)} d ago`}
              </td>
              <td className="num">{formatMoney(customer.totalSpend)}</td>
            </CustomerRow>
          ))}
        </DataTable>
      )}
    </QuerySection>
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
    <QuerySection
      title="Predicted customer value (next 365 days)"
      testId="clv"
      query={clv}
      isEmpty={(data) => data.customerCount === 0}
      empty="No predictions yet: they come with the analytics run."
    >
      {(data) => (
        <>
          <StatGrid
            small
            idPrefix="clv"
            items={[
              {
                id: "customerCount",
                label: "With a prediction",
                value: formatCount(data.customerCount),
              },
              {
                id: "withoutPrediction",
                label: "Without",
                value: formatCount(data.withoutPrediction),
              },
              { id: "totalValue", label: "Total predicted", value: formatMoney(data.totalValue) },
            ]}
          />
          <ClvDistributionChart buckets={data.buckets} />
          <p className="muted small">
            {data.buckets.length} equal buckets from {formatMoney(data.buckets[0]?.from ?? null)} to{" "}
            {formatMoney(data.buckets.at(-1)?.to ?? null)}; hover a bar for its customers.
          </p>
        </>
      )}
    </QuerySection>
  );
}
