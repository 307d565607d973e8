// The missing orders by age (3–7 days, 8–14, 15–30, 31–60, over 60): is the backlog fresh or old?
import { useApiQuery } from "../../api/use-api";
import { BarChart } from "../../charts/bar-chart";
import { countAxis } from "../../charts/count-axis";
import { QueryView } from "../../components/status-views";
import { formatMoney } from "../../format/format-money";
import { formatCount } from "../../format/format-number";

export function MissingAgingChart({ days }: { days: number | undefined }) {
  const aging = useApiQuery((api) => api.sync.missingAging, days === undefined ? {} : { days });
  return (
    <QueryView query={aging}>
      {(data) =>
        // Nothing missing: the list says so, an empty chart would add nothing.
        data.orders === 0 ? null : (
          <BarChart
            testId="chart-missing-aging"
            label="Missing orders by age in days"
            color="var(--chart-3)"
            height={180}
            data={data.buckets.map((bucket) => ({
              label: bucket.label,
              value: bucket.orders,
              display: `${bucket.label}: ${formatCount(bucket.orders)} order${bucket.orders === 1 ? "" : "s"}, ${formatMoney(bucket.total)}`,
            }))}
            axis={countAxis(data.buckets.map((bucket) => bucket.orders))}
            formatTick={(value) => formatCount(value)}
          />
        )
      }
    </QueryView>
  );
}
