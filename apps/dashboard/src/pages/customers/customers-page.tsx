// Customers: search by name, email or phone, filter by segment or tier, sort, and page on with
// "Load more" (keyset cursors); a row opens the customer.
import type { RouterOutputs } from "@greenloop/app-client";
import { useState } from "react";
import { mergeCursorPages } from "../../api/merge-cursor-pages";
import { useApiInfiniteQuery, useApiQuery } from "../../api/use-api";
import { customerLabel } from "../../components/customer-name";
import { DataTable } from "../../components/data-table";
import { LabelledSelect } from "../../components/labelled-select";
import { LinkRow } from "../../components/link-row";
import { PagedView } from "../../components/paged-view";
import { filterOptions, optionsFromLabels } from "../../components/select-options";
import { ErrorNote } from "../../components/status-views";
import { num } from "../../components/table-columns";
import { Badge } from "../../components/ui";
import { useDebouncedValue } from "../../components/use-debounced-value";
import { CsvDownloadButton } from "../../exports/csv-download-button";
import { formatDate } from "../../format/format-date";
import { formatMoney } from "../../format/format-money";
import { formatCount } from "../../format/format-number";
import { Link } from "../../routing/use-route";
import { useStoreTime } from "../../store-time/store-time-context";
import { customerListInput, type Direction, type Sort } from "./customer-list-input";

type CustomerRow = RouterOutputs["customers"]["list"]["items"][number];

const sortOptions = optionsFromLabels<Sort>({
  spend: "Lifetime spend",
  recency: "Last order",
  clv: "Predicted value (CLV)",
});

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
  const total = list.data?.pages.at(-1)?.total ?? 0;
  const rows = mergeCursorPages(
    list.data?.pages ?? [],
    (page) => page.items,
    (item) => item.customerId,
  );

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
          <SegmentFilter
            by="rfmSegment"
            noun="segment"
            value={rfmSegment}
            onChange={setRfmSegment}
          />
          <SegmentFilter by="tier" noun="tier" value={tier} onChange={setTier} />
          <LabelledSelect
            label="Sort by"
            visibleLabel
            value={sort}
            options={sortOptions}
            onChange={setSort}
            testId="customers-sort"
          />
          <button
            type="button"
            onClick={() => setDirection(direction === "desc" ? "asc" : "desc")}
            data-testid="customers-direction"
            title="Sort direction"
          >
            {direction === "desc" ? "Highest first ↓" : "Lowest first ↑"}
          </button>
          <CsvDownloadButton
            list="customers"
            params={exportParams(input)}
            testId="customers-export"
            title="Every customer matching these filters, in this order, with email and phone"
          />
        </div>

        <PagedView
          query={list}
          isEmpty={() => rows.length === 0}
          empty="No customers match."
          loadingLabel="Loading customers…"
          testId="customers"
        >
          {() => (
            <>
              <DataTable
                className="table"
                stale={list.isPlaceholderData}
                testId="customers-table"
                columns={[
                  "Customer",
                  "Contact",
                  "Tier",
                  "Segment",
                  num("Orders"),
                  num("Lifetime"),
                  num("90 days"),
                  num("CLV (1 yr)"),
                  num("Last order"),
                ]}
              >
                {rows.map((row) => (
                  <CustomerListRow key={row.customerId} row={row} />
                ))}
              </DataTable>
              <p className="muted small" data-testid="customers-count">
                Showing {formatCount(rows.length)} of {formatCount(total)} customer
                {total === 1 ? "" : "s"}
              </p>
            </>
          )}
        </PagedView>
        {list.data && list.error ? <ErrorNote error={list.error} /> : null}
      </div>
    </div>
  );
}

/** The list's filters and sort without its page size: the file holds every matching customer. */
function exportParams({ limit: _pageSize, ...filters }: ReturnType<typeof customerListInput>) {
  return filters;
}

function CustomerListRow({ row }: { row: CustomerRow }) {
  const { timeZone } = useStoreTime();
  const to = { page: "customer", customerId: row.customerId } as const;
  return (
    <LinkRow to={to} data-testid="customer-row" data-customer-id={row.customerId}>
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
      <td className="num">{formatDate(row.lastOrderDate, { timeZone })}</td>
    </LinkRow>
  );
}

/** Filters the list to one of the segments the analytics know (`customers-segment|tier`). */
function SegmentFilter({
  by,
  noun,
  value,
  onChange,
}: {
  by: "rfmSegment" | "tier";
  noun: "segment" | "tier";
  value: string;
  onChange: (value: string) => void;
}) {
  const segments = useApiQuery((api) => api.analytics.segments, { by });
  const names = segments.data?.segments.map(({ segment }) => segment) ?? [];
  return (
    <LabelledSelect
      label={noun === "segment" ? "Segment" : "Tier"}
      value={value}
      options={filterOptions(`All ${noun}s`, names)}
      onChange={onChange}
      testId={`customers-${noun}`}
    />
  );
}
