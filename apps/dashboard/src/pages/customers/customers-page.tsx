// Customers: search by name, email or phone, filter by segment or tier, sort, and page on with
// "Load more" (keyset cursors); a row opens the customer.
import type { RouterOutputs } from "@greenloop/app-client";
import { useState } from "react";
import { mergeCursorPages } from "../../api/merge-cursor-pages";
import { useApiInfiniteQuery, useApiQuery } from "../../api/use-api";
import { customerLabel } from "../../components/customer-name";
import { ErrorNote, Loading } from "../../components/status-views";
import { Badge, LoadMore } from "../../components/ui";
import { useDebouncedValue } from "../../components/use-debounced-value";
import { formatDate } from "../../format/format-date";
import { formatMoney } from "../../format/format-money";
import { formatCount } from "../../format/format-number";
import { Link, navigate } from "../../routing/use-route";
import { customerListInput, type Direction, type Sort } from "./customer-list-input";

type CustomerRow = RouterOutputs["customers"]["list"]["items"][number];

const sortLabels: Record<Sort, string> = {
  spend: "Lifetime spend",
  recency: "Last order",
  clv: "Predicted value (CLV)",
};

export function CustomersPage() {
  const [search, setSearch] = useState("");
  const [rfmSegment, setRfmSegment] = useState("");
  const [tier, setTier] = useState("");
  const [sort, setSort] = useState<Sort>("spend");
  const [direction, setDirection] = useState<Direction>("desc");
  const debouncedSearch = useDebouncedValue(search);
  const input = customerListInput({ search: debouncedSearch, rfmSegment, tier, sort, direction });
  const list = useApiInfiniteQuery((api) => api.customers.list, input, {
    placeholderData: (previous) => previous,
  });
  const rfmSegments = useApiQuery((api) => api.analytics.segments, { by: "rfmSegment" });
  const tiers = useApiQuery((api) => api.analytics.segments, { by: "tier" });
  const rows = list.data
    ? mergeCursorPages(
        list.data.pages,
        (page) => page.items,
        (item) => item.customerId,
      )
    : [];

  return (
    <div className="page" data-testid="page-customers">
      <div className="page-header">
        <h1>Customers</h1>
      </div>
      <div className="card">
        <div className="filters">
          <input
            type="search"
            placeholder="Search name, email or phone"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            aria-label="Search customers"
            data-testid="customers-search"
            className="search"
          />
          <select
            value={rfmSegment}
            onChange={(event) => setRfmSegment(event.target.value)}
            aria-label="Segment"
            data-testid="customers-segment"
          >
            <option value="">All segments</option>
            {rfmSegments.data?.segments.map((segment) => (
              <option key={segment.segment} value={segment.segment}>
                {segment.segment}
              </option>
            ))}
          </select>
          <select
            value={tier}
            onChange={(event) => setTier(event.target.value)}
            aria-label="Tier"
            data-testid="customers-tier"
          >
            <option value="">All tiers</option>
            {tiers.data?.segments.map((segment) => (
              <option key={segment.segment} value={segment.segment}>
                {segment.segment}
              </option>
            ))}
          </select>
          <label>
            Sort by{" "}
            <select
              value={sort}
              onChange={(event) => setSort(event.target.value as Sort)}
              data-testid="customers-sort"
            >
              {Object.entries(sortLabels).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            onClick={() => setDirection(direction === "desc" ? "asc" : "desc")}
            data-testid="customers-direction"
            title="Sort direction"
          >
            {direction === "desc" ? "Highest first ↓" : "Lowest first ↑"}
          </button>
        </div>

        {list.error && !list.data ? (
          <ErrorNote error={list.error} onRetry={() => void list.refetch()} />
        ) : !list.data ? (
          <Loading label="Loading customers…" />
        ) : rows.length === 0 ? (
          <p className="muted empty" data-testid="customers-empty">
            No customers match.
          </p>
        ) : (
          <>
            <div className="table-scroll">
              <table
                className={list.isPlaceholderData ? "table stale" : "table"}
                data-testid="customers-table"
              >
                <thead>
                  <tr>
                    <th>Customer</th>
                    <th>Contact</th>
                    <th>Tier</th>
                    <th>Segment</th>
                    <th className="num">Orders</th>
                    <th className="num">Lifetime</th>
                    <th className="num">90 days</th>
                    <th className="num">CLV (1 yr)</th>
                    <th className="num">Last order</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <CustomerListRow key={row.customerId} row={row} />
                  ))}
                </tbody>
              </table>
            </div>
            <p className="muted small" data-testid="customers-count">
              Showing {formatCount(rows.length)} customer{rows.length === 1 ? "" : "s"}
              {list.hasNextPage ? "" : " (all)"}
            </p>
            <LoadMore
              hasMore={list.hasNextPage}
              loading={list.isFetchingNextPage}
              onClick={() => void list.fetchNextPage()}
              testId="customers-load-more"
            />
            {list.error ? <ErrorNote error={list.error} /> : null}
          </>
        )}
      </div>
    </div>
  );
}

function CustomerListRow({ row }: { row: CustomerRow }) {
  const to = { page: "customer", customerId: row.customerId } as const;
  return (
    <tr
      className="clickable"
      onClick={(event) => {
        if ((event.target as HTMLElement).closest("a")) return;
        navigate(`/customers/${encodeURIComponent(row.customerId)}`);
      }}
      data-testid="customer-row"
      data-customer-id={row.customerId}
    >
      <td>
        <Link to={to} testId="customer-row-link">
          {customerLabel(row)}
        </Link>
        {row.isVIP ? (
          <>
            {" "}
            <Badge tone="accent">VIP</Badge>
          </>
        ) : null}
      </td>
      <td className="small">
        <div>{row.email ?? "—"}</div>
        <div className="muted">{row.phone ?? ""}</div>
      </td>
      <td>{row.tier ?? "—"}</td>
      <td>{row.rfmSegment ?? "—"}</td>
      <td className="num">{formatCount(row.orderCount)}</td>
      <td className="num" data-testid="customer-row-ltv">
        {formatMoney(row.lifetimeValue)}
      </td>
      <td className="num">{formatMoney(row.rolling90DaySpend)}</td>
      <td className="num">{formatMoney(row.predictedClv365d)}</td>
      <td className="num">{formatDate(row.lastOrderDate, { timeZone: "UTC" })}</td>
    </tr>
  );
}
