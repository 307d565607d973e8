// eCom orders still not in X-Series some days after they were placed, oldest first.
import { useState } from "react";
import { mergeCursorPages } from "../../api/merge-cursor-pages";
import { useApiInfiniteQuery } from "../../api/use-api";
import { ErrorNote, Loading } from "../../components/status-views";
import { LoadMore, Section } from "../../components/ui";
import { formatStoreTime } from "../../format/format-date";
import { formatCount } from "../../format/format-number";
import { Link } from "../../routing/use-route";

/** "" is the server's default (MISSING_ORDER_ALERT_DAYS). */
const dayChoices = ["", "0", "3", "7", "14", "30"] as const;

export function MissingOrdersSection() {
  const [days, setDays] = useState<(typeof dayChoices)[number]>("");
  const missing = useApiInfiniteQuery((api) => api.sync.missing, {
    ...(days === "" ? {} : { days: Number(days) }),
    limit: 25,
  });
  const first = missing.data?.pages[0];
  const rows = missing.data
    ? mergeCursorPages(
        missing.data.pages,
        (page) => page.orders,
        (order) => order.ecomOrderNumber,
      )
    : [];
  return (
    <Section
      title="Missing from X-Series"
      testId="missing-orders"
      actions={
        <select
          value={days}
          onChange={(event) => setDays(event.target.value as (typeof dayChoices)[number])}
          aria-label="Older than"
          data-testid="missing-days"
        >
          {dayChoices.map((choice) => (
            <option key={choice} value={choice}>
              {choice === ""
                ? "alert threshold"
                : choice === "0"
                  ? "every unsynced order"
                  : `older than ${choice} days`}
            </option>
          ))}
        </select>
      }
    >
      {missing.error && !missing.data ? (
        <ErrorNote error={missing.error} onRetry={() => void missing.refetch()} />
      ) : !first ? (
        <Loading />
      ) : (
        <>
          <p className="small">
            <strong data-testid="missing-total">{formatCount(first.total)}</strong> eCom order
            {first.total === 1 ? "" : "s"} placed more than {first.days} day
            {first.days === 1 ? "" : "s"} ago {first.total === 1 ? "is" : "are"} not in X-Series.
          </p>
          {rows.length === 0 ? (
            <p className="muted empty" data-testid="missing-empty">
              Nothing missing.
            </p>
          ) : (
            <table className="table compact" data-testid="missing-table">
              <thead>
                <tr>
                  <th>eCom order</th>
                  <th>Placed (UTC)</th>
                  <th className="num">Age</th>
                  <th>Customer</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((order) => (
                  <tr
                    key={order.ecomOrderNumber}
                    data-testid="missing-order-row"
                    data-order-number={order.ecomOrderNumber}
                  >
                    <td>#{order.ecomOrderNumber}</td>
                    <td>{formatStoreTime(order.placedAt)}</td>
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
              </tbody>
            </table>
          )}
          <LoadMore
            hasMore={missing.hasNextPage}
            loading={missing.isFetchingNextPage}
            onClick={() => void missing.fetchNextPage()}
            testId="missing-load-more"
          />
        </>
      )}
    </Section>
  );
}
