// The latest segment pushes, each with an Undo while some of its changes are not put back yet.
import type { RouterOutputs } from "@greenloop/app-client";
import { useApiMutation, useApiQuery } from "../../api/use-api";
import { DataTable } from "../../components/data-table";
import { ErrorNote } from "../../components/status-views";
import { num } from "../../components/table-columns";
import { ConfirmButton } from "../../components/ui";
import { formatStoreTime } from "../../format/format-date";
import { formatCount } from "../../format/format-number";
import { useStoreTime } from "../../store-time/store-time-context";
import { undoResultText } from "./segment-push-text";

type Push = RouterOutputs["segmentPush"]["list"][number];

/** Refetched after a push or an undo: the history, and any preview (its counts changed). */
export const AFTER_PUSH = [["segmentPush"]] as const;

export function SegmentPushHistory() {
  const pushes = useApiQuery((api) => api.segmentPush.list, { limit: 5 });
  // One undo at a time (they share the tier sync's lock); its result shows under the table.
  const undo = useApiMutation((api) => api.segmentPush.undo, { invalidates: AFTER_PUSH });
  if (pushes.error) return <ErrorNote error={pushes.error} onRetry={() => pushes.refetch()} />;
  const rows = pushes.data ?? [];
  if (rows.length === 0) return null;
  return (
    <div className="segment-push-history">
      <h3>Recent pushes</h3>
      <DataTable
        testId="segment-push-history"
        columns={["When", "Segment", "Group", num("Moved"), ""]}
      >
        {rows.map((push) => (
          <PushRow
            key={push.runId}
            push={push}
            undoing={undo.isPending && undo.variables?.runId === push.runId}
            busy={undo.isPending}
            onUndo={() => undo.mutate({ runId: push.runId })}
          />
        ))}
      </DataTable>
      {undo.error ? <ErrorNote error={undo.error} /> : null}
      {undo.data ? (
        <p
          className="segment-push-result"
          data-testid="segment-push-undo-result"
          data-run-id={undo.data.runId}
        >
          {undoResultText(undo.data)}
        </p>
      ) : null}
    </div>
  );
}

function PushRow({
  push,
  undoing,
  busy,
  onUndo,
}: {
  push: Push;
  undoing: boolean;
  busy: boolean;
  onUndo: () => void;
}) {
  const { timeZone } = useStoreTime();
  return (
    <tr data-testid="segment-push-row" data-run-id={push.runId}>
      <td className="small">{formatStoreTime(push.startedAt, { timeZone })}</td>
      <td>{push.segment?.value ?? "—"}</td>
      <td>{push.group?.name ?? "—"}</td>
      <td className="num" data-testid="segment-push-row-applied">
        {formatCount(push.applied)}
      </td>
      <td>
        {push.undoable > 0 ? (
          <ConfirmButton
            label="Undo"
            question={`Put ${formatCount(push.undoable)} X-Series customer record(s) back in their previous group?`}
            confirmLabel="Undo push"
            danger
            pending={undoing}
            disabled={busy}
            onConfirm={onUndo}
            testId="segment-push-undo"
          />
        ) : (
          <span className="muted small" data-testid="segment-push-row-done">
            {push.applied === 0 ? "nothing moved" : "undone"}
          </span>
        )}
      </td>
    </tr>
  );
}
