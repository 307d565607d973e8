// eCom orders still not in X-Series some days after they were placed, oldest first.
import { useState } from "react";
import { mergeCursorPages } from "../../api/merge-cursor-pages";
import { useApiInfiniteQuery } from "../../api/use-api";
import { DataTable } from "../../components/data-table";
import { LabelledSelect } from "../../components/labelled-select";
import { PagedView } from "../../components/paged-view";
import { Empty } from "../../components/status-views";
import { num } from "../../components/table-columns";
import { Section } from "../../components/ui";
import { formatStoreTime } from "../../format/format-date";
import { formatCount } from "../../format/format-number";
import { Link } from "../../routing/use-route";
import { useStoreTime } from "../../store-time/store-time-context";

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
  const missing = useApiInfiniteQuery((api) => api.sync.missing, {
    ...(days === "" ? {} : { days: Number(days) }),
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
        <LabelledSelect
          label="Older than"
          value={days}
          options={dayOptions}
          onChange={setDays}
          testId="missing-days"
        />
      }
    >
      <PagedView query={missing} testId="missing">
        {(first) => (
          <>
            <p className="small">
              <strong data-testid="missing-total">{formatCount(first.total)}</strong> eCom order
              {first.total === 1 ? "" : "s"} placed more than {first.days} day
              {first.days === 1 ? "" : "s"} ago {first.total === 1 ? "is" : "are"} not in X-Series.
            </p>
            {rows.length === 0 ? (
              <Empty testId="missing-empty">Nothing missing.</Empty>
            ) : (
              <DataTable
                testId="missing-table"
                columns={["eCom order", "Placed", num("Age"), "Customer"]}
              >
                {rows.map((order) => (
                  <tr
                    key={order.ecomOrderNumber}
                    data-testid="missing-order-row"
                    data-order-number={order.ecomOrderNumber}
                  >
                    <td>#{order.ecomOrderNumber}</td>
                    <td>{formatStoreTime(order.placedAt, { timeZone })}</td>
                    <td className="num">{formatCount(order.ageDays)} d</td>
                    <td>
                      {order.customerId ? (
                        <Link to={{ page: "customer", customerId: order.customerId }}>open</Link>
                      ) : (
                        "—"
                      )}
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
