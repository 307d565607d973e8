// The Overview's products: the category mix per period (stacked bars, the summary's period and
// range) and the categories bought together (lift: above 1, more often than chance).
import type { RouterOutputs } from "@greenloop/app-client";
import { useApiQuery } from "../../api/use-api";
import { StackedBarChart, type StackedSeries } from "../../charts/stacked-bar-chart";
import { DataTable } from "../../components/data-table";
import { QuerySection } from "../../components/query-section";
import { num } from "../../components/table-columns";
import type { Granularity } from "../../dates/range-start";
import { formatPeriod } from "../../format/format-date";
import { formatMoney, formatMoneyTick, moneyToPlot } from "../../format/format-money";
import { formatCount, formatShare } from "../../format/format-number";
import { useStoreTime } from "../../store-time/store-time-context";

type CategoryMix = RouterOutputs["analytics"]["categoryMix"];

/** The stacks' colours in the order of the categories (largest spend first). */
const CATEGORY_COLOURS = 8;
const UNCATEGORISED = "Uncategorised";

export function categoryColour(category: string, index: number): string {
  if (category === UNCATEGORISED) return "var(--category-other)";
  return index < CATEGORY_COLOURS ? `var(--category-${index + 1})` : "var(--category-other)";
}

function seriesOfMix(mix: CategoryMix): StackedSeries[] {
  return mix.categories.map((category, index) => {
    const figures = mix.periods.map((period) =>
      period.categories.find((c) => c.category === category.category),
    );
    return {
      key: category.category,
      name: category.category,
      color: categoryColour(category.category, index),
      values: figures.map((f) => (f ? moneyToPlot(f.spend) : 0)),
      display: figures.map((f) => formatMoney(f?.spend ?? null)),
    };
  });
}

export function CategoryMixSection({ period, from }: { period: Granularity; from: Date }) {
  const mix = useApiQuery((api) => api.analytics.categoryMix, { period, from });
  const { timeZone } = useStoreTime();
  return (
    <QuerySection
      title={`Category mix per ${period}`}
      testId="category-mix"
      query={mix}
      isEmpty={(data) => data.categories.length === 0}
      empty="No order lines in this range."
    >
      {(data) => (
        <>
          <StackedBarChart
            testId="chart-category-mix"
            label={`Line spend per product category per ${data.granularity}`}
            labels={data.periods.map((p) => formatPeriod(p.start, data.granularity, { timeZone }))}
            series={seriesOfMix(data)}
            formatTick={(value) => formatMoneyTick(value)}
          />
          <DataTable columns={["Category", num("Orders"), num("Spend"), num("Share")]}>
            {data.categories.map((category) => (
              <tr
                key={category.category}
                data-testid="category-row"
                data-category={category.category}
              >
                <td>{category.category}</td>
                <td className="num" data-testid="category-orders">
                  {formatCount(category.orderCount)}
                </td>
                <td className="num" data-testid="category-spend">
                  {formatMoney(category.spend)}
                </td>
                <td className="num">{formatShare(category.share)}</td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
    </QuerySection>
  );
}

export function CategoryAffinitySection({ from }: { from: Date }) {
  const affinity = useApiQuery((api) => api.analytics.categoryAffinity, { from, limit: 10 });
  return (
    <QuerySection
      title="Bought together"
      testId="category-affinity"
      query={affinity}
      isEmpty={(data) => data.pairs.length === 0}
      empty="No two categories bought in one order in this range yet."
    >
      {(data) => (
        <>
          <p className="muted small">
            Of {formatCount(data.orderCount)} orders with a known category. Lift above 1: bought
            together more often than chance.
          </p>
          <DataTable columns={["Categories", num("Orders"), num("Support"), num("Lift")]}>
            {data.pairs.map((pair) => (
              <tr key={`${pair.a}|${pair.b}`} data-testid="affinity-row">
                <td data-testid="affinity-pair">
                  {pair.a} + {pair.b}
                </td>
                <td className="num" data-testid="affinity-orders">
                  {formatCount(pair.orderCount)}
                </td>
                <td className="num">{formatShare(pair.support)}</td>
                <td className="num" data-testid="affinity-lift">
                  {pair.lift.toFixed(2)}
                </td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
    </QuerySection>
  );
}
