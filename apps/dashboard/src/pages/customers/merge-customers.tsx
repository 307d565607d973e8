// Merge, for two customers the rules kept apart: find the other one by name, email or phone, see
// what the merged customer would be (the backend runs the merge and rolls it back), give a reason,
// merge. The backend pins both customers' own identifiers here, so they stay one on later syncs.
import { useState } from "react";
import { useApiMutation, useApiQuery } from "../../api/use-api";
import { customerLabel } from "../../components/customer-name";
import { DataTable } from "../../components/data-table";
import { optionalReason } from "../../components/optional-reason";
import { QueryView } from "../../components/status-views";
import { num } from "../../components/table-columns";
import { ConfirmButton } from "../../components/ui";
import { useDebouncedValue } from "../../components/use-debounced-value";
import { formatMoney } from "../../format/format-money";
import { formatCount } from "../../format/format-number";
import { AFTER_CORRECTION, fresh, PREVIEW_QUERY_OPTIONS } from "./after-correction";
import { mergeErrorText } from "./correction-errors";
import { identifierLabel, inRecordOrder, recordLabel, recordsByKey } from "./correction-wording";
import "./split-merge.css";

interface Candidate {
  customerId: string;
  displayName: string | null;
}

export function MergeCustomers({ customerId }: { customerId: string }) {
  const [search, setSearch] = useState("");
  const [other, setOther] = useState<Candidate | null>(null);
  const [reason, setReason] = useState("");
  const merge = useApiMutation((api) => api.customers.merge, {
    invalidates: AFTER_CORRECTION,
    onSuccess: () => {
      setOther(null);
      setSearch("");
      setReason("");
    },
  });
  return (
    <div className="action merge-customers" data-testid="action-merge">
      <h3>Merge</h3>
      <p className="muted small">
        Bring another customer's records into this one (the same person under two accounts). You see
        the merged customer before anything changes; it stays merged on later syncs.
      </p>
      <input
        type="search"
        placeholder="Find the other customer: name, email or phone"
        value={search}
        onChange={(event) => {
          setSearch(event.target.value);
          setOther(null);
        }}
        data-testid="merge-search"
      />
      {other ? (
        <MergePreview
          customerId={customerId}
          other={other}
          reason={reason}
          onReason={setReason}
          merge={merge}
          onCancel={() => setOther(null)}
        />
      ) : (
        <Candidates customerId={customerId} search={search} onChoose={setOther} />
      )}
      {merge.data ? (
        <p className="success" data-testid="merge-result">
          Merged: {formatCount(merge.data.joining.length)} record
          {merge.data.joining.length === 1 ? "" : "s"} joined this customer
          {merge.data.otherMergedInto ? "; the other customer's page now leads here" : ""}.
        </p>
      ) : null}
    </div>
  );
}

function Candidates({
  customerId,
  search,
  onChoose,
}: {
  customerId: string;
  search: string;
  onChoose: (candidate: Candidate) => void;
}) {
  const term = useDebouncedValue(search.trim());
  const found = useApiQuery(
    (api) => api.customers.list,
    { search: term, limit: 6, sort: "spend", direction: "desc" },
    { enabled: term.length >= 2 },
  );
  if (term.length < 2) return null;
  return (
    <QueryView query={found} loadingLabel="Searching…">
      {(data) => {
        const candidates = data.items.filter((item) => item.customerId !== customerId);
        if (candidates.length === 0) {
          return (
            <p className="muted small" data-testid="merge-no-candidates">
              No other customer matches.
            </p>
          );
        }
        return (
          <ul className="plain-list merge-candidates">
            {candidates.map((item) => (
              <li key={item.customerId}>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => onChoose(item)}
                  data-testid="merge-candidate"
                  data-customer-id={item.customerId}
                >
                  {customerLabel(item)}
                </button>{" "}
                <span className="muted small">
                  {[item.email, item.phone].filter(Boolean).join(" · ")}
                  {item.orderCount === null ? "" : ` · ${formatCount(item.orderCount)} orders`}
                </span>
              </li>
            ))}
          </ul>
        );
      }}
    </QueryView>
  );
}

function MergePreview({
  customerId,
  other,
  reason,
  onReason,
  merge,
  onCancel,
}: {
  customerId: string;
  other: Candidate;
  reason: string;
  onReason: (reason: string) => void;
  merge: {
    isPending: boolean;
    error: unknown;
    mutate: (input: {
      customerId: string;
      otherCustomerId: string;
      expectedJoining: string[];
      reason?: string;
    }) => void;
  };
  onCancel: () => void;
}) {
  const preview = useApiQuery(
    (api) => api.customers.mergePreview,
    { customerId, otherCustomerId: other.customerId },
    PREVIEW_QUERY_OPTIONS,
  );
  const otherRecords = useApiQuery((api) => api.customers.records, {
    customerId: other.customerId,
  });
  const byKey = recordsByKey(otherRecords.data);
  const name = customerLabel(other);
  return (
    <div className="merge-preview" data-testid="merge-preview">
      <p>
        Merging <strong data-testid="merge-other-name">{name}</strong> (“Other”) into this customer{" "}
        <button type="button" className="link-button" onClick={onCancel}>
          (choose another)
        </button>
      </p>
      <QueryView query={fresh(preview)} loadingLabel="Working out the merged customer…">
        {(data) => (
          <>
            <DataTable
              testId="merge-totals"
              columns={["", num("This one"), num("Other"), num("Merged")]}
            >
              <tr>
                <th>Records</th>
                <td className="num">{formatCount(data.before.customer.records)}</td>
                <td className="num">{formatCount(data.before.other.records)}</td>
                <td className="num" data-testid="merge-after-records">
                  {formatCount(data.after.records)}
                </td>
              </tr>
              <tr>
                <th>Orders</th>
                <td className="num">{formatCount(data.before.customer.orders)}</td>
                <td className="num">{formatCount(data.before.other.orders)}</td>
                <td className="num" data-testid="merge-after-orders">
                  {formatCount(data.after.orders)}
                </td>
              </tr>
              <tr>
                <th>Spend</th>
                <td className="num">{formatMoney(data.before.customer.totalSpend)}</td>
                <td className="num">{formatMoney(data.before.other.totalSpend)}</td>
                <td className="num" data-testid="merge-after-spend">
                  {formatMoney(data.after.totalSpend)}
                </td>
              </tr>
            </DataTable>
            <p className="small">Joining this customer:</p>
            <ul className="plain-list small" data-testid="merge-joining">
              {inRecordOrder(
                data.joining.map((key) => ({ key })),
                byKey,
              ).map(({ key }) => (
                <li key={key} data-testid="merge-joining-record">
                  {recordLabel(byKey.get(key))}
                </li>
              ))}
            </ul>
            {data.staying.length > 0 ? (
              <p className="notice small" data-testid="merge-staying">
                {data.staying.length} of {name}'s records stay apart: they are linked to other
                customers too ({data.staying.map((key) => recordLabel(byKey.get(key))).join(", ")}
                ).
              </p>
            ) : null}
            <details className="muted small" data-testid="merge-pinned">
              <summary>
                Kept together on later syncs by {data.pinned.length} pinned identifier
                {data.pinned.length === 1 ? "" : "s"}
              </summary>
              <ul className="plain-list">
                {data.pinned.map((identifier) => (
                  <li key={`${identifier.kind}:${identifier.value}`}>
                    {identifierLabel(identifier)}
                  </li>
                ))}
              </ul>
            </details>
            <input
              type="text"
              placeholder="Reason (optional)"
              value={reason}
              onChange={(event) => onReason(event.target.value)}
              data-testid="merge-reason"
            />
            <ConfirmButton
              label={`Merge ${name} into this customer`}
              question={`Merge ${name} (${data.joining.length} records) into this customer?`}
              confirmLabel="Merge"
              pending={merge.isPending}
              error={merge.error ? new Error(mergeErrorText(merge.error)) : undefined}
              onConfirm={() =>
                merge.mutate({
                  customerId,
                  otherCustomerId: other.customerId,
                  expectedJoining: data.joining,
                  ...optionalReason(reason),
                })
              }
              testId="merge-submit"
            />
          </>
        )}
      </QueryView>
    </div>
  );
}
