// eCom orders still not in X-Series some days after they were placed, as a worklist: oldest first,
// whose order it is and what it is worth, how old it is, the backlog by age, and a CSV of it.
import { useState } from "react";
import { mergeCursorPages } from "../../api/merge-cursor-pages";
import { useApiInfiniteQuery } from "../../api/use-api";
import { customerLabel } from "../../components/customer-name";
import { DataTable } from "../../components/data-table";
import { LabelledSelect } from "../../components/labelled-select";
import { PagedView } from "../../components/paged-view";
import { Empty } from "../../components/status-views";
import { num } from "../../components/table-columns";
import { Section } from "../../components/ui";
import { CsvDownloadButton } from "../../exports/csv-download-button";
import { formatStoreTime } from "../../format/format-date";
import { formatMoney } from "../../format/format-money";
import { formatCount } from "../../format/format-number";
import { Link } from "../../routing/use-route";
import { useStoreTime } from "../../store-time/store-time-context";
import { MissingAgingChart } from "./missing-aging-chart";

/** "" is the server's default (MISSING_ORDER_ALERT_DAYS). */
const dayChoices = ["", "0", "3", "7", "14", "30"] as const;

const dayOptions = dayChoices.map((choice) => ({
  value: choice,
  label:
    choice === ""
      ? "alert threshold"
      : choice === "0"
        ? "every unsynced order"
        : `older than ${choice} days`,
}));

export function MissingOrdersSection() {
  const { timeZone } = useStoreTime();
  const [days, setDays] = useState<(typeof dayChoices)[number]>("");
  const dayFilter = days === "" ? undefined : Number(days);
  const missing = useApiInfiniteQuery((api) => api.sync.missing, {
    ...(dayFilter === undefined ? {} : { days: dayFilter }),
    limit: 25,
  });
  const rows = mergeCursorPages(
    missing.data?.pages ?? [],
    (page) => page.orders,
    (order) => order.ecomOrderNumber,
  );
  return (
    <Section
      title="Missing from X-Series"
      testId="missing-orders"
      actions={
        <>
          <LabelledSelect
            label="Older than"
            value={days}
            options={dayOptions}
            onChange={setDays}
            testId="missing-days"
          />
          <CsvDownloadButton
            list="missing-orders"
            params={{ days: dayFilter }}
            testId="missing-export"
          />
        </>
      }
    >
      <PagedView query={missing} testId="missing">
        {(first) => (
          <>
            <p className="small">
              <strong data-testid="missing-total">{formatCount(first.total)}</strong> eCom order
              {first.total === 1 ? "" : "s"} placed more than {first.days} day
              {first.days === 1 ? "" : "s"} ago {first.total === 1 ? "is" : "are"} not in X-Series,
              oldest first.
            </p>
            <MissingAgingChart days={dayFilter} />
            {rows.length === 0 ? (
              <Empty testId="missing-empty">Nothing missing.</Empty>
            ) : (
              <DataTable
                testId="missing-table"
                columns={["eCom order", "Customer", num("Total"), num("Age"), "Placed"]}
              >
                {rows.map((order) => (
                  <tr
                    key={order.ecomOrderNumber}
                    data-testid="missing-order-row"
                    data-order-number={order.ecomOrderNumber}
                  >
                    <td>#{order.ecomOrderNumber}</td>
                    <td data-testid="missing-order-customer">
                      {order.customerId ? (
                        <Link
                          to={{ page: "customer", customerId: order.customerId }}
                          testId="missing-order-customer-link"
                        >
                          {customerLabel({
                            displayName: order.customerName,
                            customerId: order.customerId,
                          })}
                        </Link>
                      ) : (
                        <span className="muted" title="No customer matched to this order yet">
                          —
                        </span>
                      )}
                    </td>
                    <td className="num" data-testid="missing-order-total">
                      {formatMoney(order.total)}
                    </td>
                    <td className="num" data-testid="missing-order-age">
                      {formatCount(order.ageDays)} d
                    </td>
                    <td data-testid="missing-order-placed">
                      {formatStoreTime(order.placedAt, { timeZone })}
                    </td>
                  </tr>
                ))}
              </DataTable>
            )}
          </>
        )}
      </PagedView>
    </Section>
  );
}
