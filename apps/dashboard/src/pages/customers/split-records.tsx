// Split, as an operator can use it: the customer's records by X-Series customer, with what each is
// (sale, online order, customer), its date, number and total; tick some, see the preview of every
// record that moves and why (the backend runs the split and rolls it back), then split exactly that.
import { useState } from "react";
import { useApiMutation, useApiQuery } from "../../api/use-api";
import { DataTable } from "../../components/data-table";
import { optionalReason } from "../../components/optional-reason";
import { QueryView } from "../../components/status-views";
import { num } from "../../components/table-columns";
import { ConfirmButton } from "../../components/ui";
import { formatDate } from "../../format/format-date";
import { formatMoney } from "../../format/format-money";
import { Link } from "../../routing/use-route";
import { useStoreTime } from "../../store-time/store-time-context";
import { AFTER_CORRECTION, fresh, PREVIEW_QUERY_OPTIONS } from "./after-correction";
import { splitErrorText } from "./correction-errors";
import {
  identifierLabel,
  inRecordOrder,
  moveReasonText,
  type RecordFacts,
  recordKindLabel,
  recordLabel,
  recordsByKey,
  splitRefusalText,
} from "./correction-wording";
import "./split-merge.css";

function useSplitMutation(onSuccess: () => void) {
  return useApiMutation((api) => api.customers.split, { invalidates: AFTER_CORRECTION, onSuccess });
}

type SplitMutation = ReturnType<typeof useSplitMutation>;

export function SplitRecords({ customerId }: { customerId: string }) {
  const records = useApiQuery((api) => api.customers.records, { customerId });
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set());
  // The ticked set the preview was asked for; ticking again discards the preview.
  const [previewed, setPreviewed] = useState<string[] | null>(null);
  const [reason, setReason] = useState("");
  // Each "Preview" asks the backend again, even for the same ticks (the data may have moved on).
  const [round, setRound] = useState(0);
  const split = useSplitMutation(() => {
    setTicked(new Set());
    setPreviewed(null);
    setReason("");
  });
  const toggle = (key: string) => {
    const next = new Set(ticked);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    setTicked(next);
    setPreviewed(null);
  };
  const byKey = recordsByKey(records.data);
  return (
    <div className="action split-records" data-testid="action-split">
      <h3>Split</h3>
      <p className="muted small">
        Tick the records that are someone else. The preview lists every record that would move (an
        X-Series customer moves with all its sales) before anything changes; both sides stay apart
        on later syncs.
      </p>
      <QueryView query={records} loadingLabel="Loading the records…">
        {(data) => {
          const total = data.groups.reduce((sum, group) => sum + group.records.length, 0);
          if (total < 2) return <p className="muted small">Only one record: nothing to split.</p>;
          return (
            <div className="record-groups" data-testid="split-records">
              {data.groups.map((group) => (
                <div
                  key={group.retailCustomer?.id ?? "online"}
                  className="record-group"
                  data-testid="split-group"
                >
                  <h4>
                    {group.retailCustomer
                      ? `X-Series customer: ${group.retailCustomer.name ?? "no name"}${
                          group.retailCustomer.code ? ` (code ${group.retailCustomer.code})` : ""
                        }`
                      : "Online orders with no X-Series customer"}
                  </h4>
                  <RecordTable
                    records={group.records}
                    ticked={ticked}
                    onToggle={toggle}
                    disabled={split.isPending}
                  />
                </div>
              ))}
            </div>
          );
        }}
      </QueryView>
      <button
        type="button"
        disabled={ticked.size === 0 || split.isPending}
        onClick={() => {
          split.reset();
          setRound((n) => n + 1);
          setPreviewed([...ticked].sort());
        }}
        data-testid="split-preview"
      >
        Preview the split ({ticked.size} ticked)
      </button>
      {previewed ? (
        <SplitPreview
          key={round}
          customerId={customerId}
          ticked={previewed}
          records={byKey}
          reason={reason}
          onReason={setReason}
          split={split}
        />
      ) : null}
      {split.data ? (
        <p className="success" data-testid="split-result">
          Moved {split.data.moved.length} record{split.data.moved.length === 1 ? "" : "s"} to{" "}
          <Link to={{ page: "customer", customerId: split.data.newCustomerId }}>
            the new customer
          </Link>
          .
        </p>
      ) : null}
    </div>
  );
}

function RecordTable({
  records,
  ticked,
  onToggle,
  disabled,
}: {
  records: RecordFacts[];
  ticked: ReadonlySet<string>;
  onToggle: (key: string) => void;
  disabled: boolean;
}) {
  const { timeZone } = useStoreTime();
  return (
    <DataTable columns={["Move", "What", "Date", "Receipt / order", num("Total")]}>
      {records.map((record) => (
        <tr key={record.key} data-testid="split-record-row" data-kind={record.kind}>
          <td>
            <input
              type="checkbox"
              checked={ticked.has(record.key)}
              onChange={() => onToggle(record.key)}
              disabled={disabled}
              data-testid="split-record"
              value={record.key}
              aria-label={`Move the ${recordKindLabel(record.kind).toLowerCase()} ${record.number ?? ""}`}
            />
          </td>
          <td>{recordKindLabel(record.kind)}</td>
          <td>{formatDate(record.date, { timeZone })}</td>
          <td>{record.number ?? "—"}</td>
          <td className="num">{record.total ? formatMoney(record.total) : "—"}</td>
        </tr>
      ))}
    </DataTable>
  );
}

function SplitPreview({
  customerId,
  ticked,
  records,
  reason,
  onReason,
  split,
}: {
  customerId: string;
  ticked: string[];
  records: ReadonlyMap<string, RecordFacts>;
  reason: string;
  onReason: (reason: string) => void;
  split: SplitMutation;
}) {
  const { timeZone } = useStoreTime();
  const preview = useApiQuery(
    (api) => api.customers.splitPreview,
    { customerId, records: ticked },
    PREVIEW_QUERY_OPTIONS,
  );
  return (
    <div className="split-preview" data-testid="split-preview-panel">
      <QueryView query={fresh(preview)} loadingLabel="Working out what would move…">
        {(data) => {
          if (data.refusal) {
            return (
              <p className="error-text" data-testid="split-refusal">
                {splitRefusalText(data.refusal, records)}
              </p>
            );
          }
          const moves = data.moves.map((move) => move.key);
          return (
            <>
              <p data-testid="split-preview-summary">
                {moves.length} record{moves.length === 1 ? "" : "s"} would move to a new customer:
              </p>
              <ul className="plain-list move-list">
                {inRecordOrder(data.moves, records).map((move) => {
                  const record = records.get(move.key);
                  return (
                    <li
                      key={move.key}
                      data-testid="split-move"
                      data-record-key={move.key}
                      data-reason={move.reason.kind}
                    >
                      <div className="move-facts">
                        <strong>{recordLabel(record)}</strong>
                        <span>{formatDate(record?.date, { timeZone })}</span>
                        {record?.total ? <span>{formatMoney(record.total)}</span> : null}
                      </div>
                      <div className="muted small" data-testid="split-move-reason">
                        {moveReasonText(move.reason, records)}
                      </div>
                    </li>
                  );
                })}
              </ul>
              {data.sharedIdentifiers.length > 0 ? (
                <p className="muted small" data-testid="split-shared">
                  Carried by both sides, so pinned to neither and left flagged as shared:{" "}
                  {data.sharedIdentifiers.map(identifierLabel).join(", ")}.
                </p>
              ) : null}
              <input
                type="text"
                placeholder="Reason (optional)"
                value={reason}
                onChange={(event) => onReason(event.target.value)}
                data-testid="split-reason"
              />
              <ConfirmButton
                label={`Split off ${moves.length} record${moves.length === 1 ? "" : "s"}`}
                question={`Move exactly these ${moves.length} records into a new customer?`}
                confirmLabel="Split"
                pending={split.isPending}
                error={split.error ? new Error(splitErrorText(split.error)) : undefined}
                onConfirm={() =>
                  split.mutate({
                    customerId,
                    records: ticked,
                    expectedMoves: moves,
                    ...optionalReason(reason),
                  })
                }
                testId="split-submit"
              />
            </>
          );
        }}
      </QueryView>
    </div>
  );
}
