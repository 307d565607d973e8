// One import run: polled every second while it runs and while its tail (the last merge, the
// analytics) catches the customers up with it, then its counts and the rows it rejected.
import type { RouterOutputs } from "@greenloop/app-client";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { mergeCursorPages } from "../../api/merge-cursor-pages";
import { useApiInfiniteQuery, useApiQuery } from "../../api/use-api";
import { DataTable } from "../../components/data-table";
import { isMissingRecord, NotFoundView } from "../../components/not-found-view";
import { PagedView } from "../../components/paged-view";
import { QuerySection } from "../../components/query-section";
import { StatGrid } from "../../components/stat-grid";
import { num } from "../../components/table-columns";
import { Section } from "../../components/ui";
import { formatDateTime } from "../../format/format-date";
import { formatDuration } from "../../format/format-duration";
import { formatCount } from "../../format/format-number";
import { useStoreTime } from "../../store-time/store-time-context";
import { ImportStatusBadge } from "./import-run-status";

/** What a run still working says (a run whose phase is done shows no progress). */
const phaseLabels: Record<
  Exclude<RouterOutputs["imports"]["progress"]["phase"], "done">,
  string
> = {
  reading: "Importing",
  merging: "Orders written. Merging them into customers…",
  analytics: "Orders merged. Updating the customers' analytics…",
};

export function ImportRunView({ runId }: { runId: string }) {
  const { timeZone } = useStoreTime();
  const progress = useApiQuery(
    (api) => api.imports.progress,
    { runId },
    {
      // Until the customers' numbers include the file: its rows, then the last merge and the
      // analytics (the run is done before they are).
      refetchInterval: (query) =>
        query.state.data !== undefined && query.state.data.phase !== "done" ? 1_000 : false,
      staleTime: 0,
    },
  );
  const done = progress.data?.done === true;
  const settled = progress.data?.phase === "done";
  const queryClient = useQueryClient();
  const wasRunning = useRef(false);
  useEffect(() => {
    if (!settled) {
      wasRunning.current = progress.data !== undefined;
      return;
    }
    if (!wasRunning.current) return;
    // It just settled: the last rejected rows, the run list, the sync page's import figures and
    // every customer figure the import changed, so all of it is read again.
    wasRunning.current = false;
    void queryClient.invalidateQueries();
  }, [settled, progress.data, queryClient]);
  if (progress.error && !progress.data && isMissingRecord(progress.error)) {
    return (
      <NotFoundView
        title="No such import run"
        back={{ to: { page: "imports" }, label: "← Back to imports" }}
      >
        There is no import run <code>{runId}</code>: the link may be mistyped. The runs below are
        the ones on record.
      </NotFoundView>
    );
  }
  return (
    <>
      <QuerySection
        title="Import run"
        testId="import-run"
        wide
        query={progress}
        loadingLabel="Loading the run…"
      >
        {(run) => (
          <>
            <div className="run-head">
              <strong data-testid="import-file-name">{run.fileName}</strong>{" "}
              <ImportStatusBadge run={run} testId="import-status" />{" "}
              <span className="muted small">
                {formatCount(Math.ceil(run.fileBytes / 1024))} KB · format {run.format}
                {run.dryRun ? " · dry run: nothing written" : ""}
              </span>
            </div>
            {run.phase === "done" ? null : (
              <div
                className="progress indeterminate"
                role="progressbar"
                aria-label={phaseLabels[run.phase]}
                data-testid="import-progress"
              >
                <span />
              </div>
            )}
            {run.phase === "merging" || run.phase === "analytics" ? (
              <p className="muted small" data-testid="import-phase">
                {phaseLabels[run.phase]}
              </p>
            ) : null}
            <StatGrid
              testId="import-counts"
              idPrefix="import"
              items={[
                { id: "rowsRead", label: "Rows read", value: formatCount(run.rowsRead) },
                {
                  id: "ordersCreated",
                  label: "Orders created",
                  value: formatCount(run.ordersCreated),
                },
                {
                  id: "ordersUpdated",
                  label: "Orders updated",
                  value: formatCount(run.ordersUpdated),
                },
                {
                  id: "ordersUnchanged",
                  label: "Unchanged",
                  value: formatCount(run.ordersUnchanged),
                },
                {
                  id: "rowsRejected",
                  label: "Rows rejected",
                  value: formatCount(run.rowsRejected),
                  tone: run.rowsRejected > 0 ? "warn" : undefined,
                },
              ]}
            />
            <p className="muted small">
              Started {formatDateTime(run.startedAt, { timeZone })}
              {run.finishedAt
                ? `, finished ${formatDateTime(run.finishedAt, { timeZone })} (${formatDuration((run.finishedAt.getTime() - run.startedAt.getTime()) / 1000)})`
                : ""}
              .
            </p>
            {run.error ? (
              <p className="error-note" role="alert" data-testid="import-error">
                {run.error}
              </p>
            ) : null}
          </>
        )}
      </QuerySection>
      {progress.data ? <ImportErrors runId={runId} done={done} /> : null}
    </>
  );
}

function ImportErrors({ runId, done }: { runId: string; done: boolean }) {
  const errors = useApiInfiniteQuery(
    (api) => api.imports.errors,
    { runId, limit: 100 },
    {
      // While the run goes on its report grows; once done, one last read is the whole report.
      refetchInterval: done ? false : 2_000,
    },
  );
  const issues = mergeCursorPages(
    errors.data?.pages ?? [],
    (page) => page.issues,
    (issue) => `${issue.line}|${issue.column ?? ""}|${issue.message}`,
  );
  return (
    <Section title="Error report" testId="import-errors" wide>
      <PagedView
        query={errors}
        isEmpty={(first) => first.total === 0}
        empty={done ? "No rows were rejected." : "No rejected rows so far."}
        testId="import-errors"
      >
        {(first) => (
          <>
            <p className="small">
              <strong data-testid="import-errors-total">{formatCount(first.total)}</strong> problem
              {first.total === 1 ? "" : "s"}
              {first.omitted > 0
                ? `; the first ${formatCount(first.total - first.omitted)} are kept`
                : ""}
              .
            </p>
            <DataTable
              testId="import-errors-table"
              columns={[num("Line"), "Column", "Order", "Message"]}
            >
              {issues.map((issue) => (
                <tr
                  key={`${issue.line}|${issue.column ?? ""}|${issue.message}`}
                  data-testid="import-error-row"
                >
                  <td className="num" data-testid="import-error-line">
                    {issue.line}
                  </td>
                  <td data-testid="import-error-column">{issue.column ?? "—"}</td>
                  <td>{issue.orderNumber ? `#${issue.orderNumber}` : "—"}</td>
                  <td data-testid="import-error-message">{issue.message}</td>
                </tr>
              ))}
            </DataTable>
          </>
        )}
      </PagedView>
    </Section>
  );
}
