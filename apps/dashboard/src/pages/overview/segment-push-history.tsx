// The latest segment pushes, each with an Undo while some of its changes are not put back yet.
import type { RouterOutputs } from "@greenloop/app-client";
import { useApiMutation, useApiQuery } from "../../api/use-api";
import { DataTable } from "../../components/data-table";
import { ErrorNote } from "../../components/status-views";
import { num } from "../../components/table-columns";
import { ConfirmButton } from "../../components/ui";
import { formatStoreTime } from "../../format/format-date";
import { formatCount } from "../../format/format-number";
import { undoResultText } from "./segment-push-text";

type Push = RouterOutputs["segmentPush"]["list"][number];

/** Refetched after a push or an undo: the history, and any preview (its counts changed). */
export const AFTER_PUSH = [["segmentPush"]] as const;

export function SegmentPushHistory() {
  const pushes = useApiQuery((api) => api.segmentPush.list, { limit: 5 });
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
          <PushRow key={push.runId} push={push} />
        ))}
      </DataTable>
    </div>
  );
}

function PushRow({ push }: { push: Push }) {
  const undo = useApiMutation((api) => api.segmentPush.undo, { invalidates: AFTER_PUSH });
  return (
    <tr data-testid="segment-push-row" data-run-id={push.runId}>
      <td className="small">{formatStoreTime(push.startedAt)}</td>
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
            pending={undo.isPending}
            error={undo.error}
            onConfirm={() => undo.mutate({ runId: push.runId })}
            testId="segment-push-undo"
          />
        ) : (
          <span className="muted small" data-testid="segment-push-row-done">
            {push.applied === 0 ? "nothing moved" : "undone"}
          </span>
        )}
        {undo.data ? (
          <p className="small" data-testid="segment-push-undo-result">
            {undoResultText(undo.data)}
          </p>
        ) : null}
      </td>
    </tr>
  );
}
