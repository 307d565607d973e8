// The sync history, like Airbyte's and Fivetran's: every job run newest first with what it
// processed, how long it took and, for a failed one, why and whether retrying may help. Filtered by
// job and outcome, a keyset page at a time. Operators may resync from scratch from here. eCom
// imports are in the timeline too (job "import"), each linking to its import run page.
import type { RouterInputs } from "@greenloop/app-client";
import { useState } from "react";
import { mergeCursorPages } from "../../api/merge-cursor-pages";
import { type ObjectInput, useApiInfiniteQuery } from "../../api/use-api";
import { useAuth } from "../../auth/auth-context";
import { DataTable } from "../../components/data-table";
import { LabelledSelect } from "../../components/labelled-select";
import { PagedView } from "../../components/paged-view";
import { runStatusTone } from "../../components/run-status-tone";
import { filterOptions, type SelectOption } from "../../components/select-options";
import { num } from "../../components/table-columns";
import { Badge, Section } from "../../components/ui";
import { formatDateTime } from "../../format/format-date";
import { formatCount } from "../../format/format-number";
import { Link } from "../../routing/use-route";
import { useStoreTime } from "../../store-time/store-time-context";
import { ResyncAction } from "./resync-action";
import { RetryableBadge } from "./retryable-badge";
import { formatRunDuration } from "./run-duration";
import "./sync-history.css";

type Outcome = "" | NonNullable<ObjectInput<RouterInputs["sync"]["runs"]>["outcome"]>;

const outcomeOptions: SelectOption<Outcome>[] = [
  { value: "", label: "Any outcome" },
  { value: "SUCCEEDED", label: "Succeeded" },
  { value: "FAILED", label: "Failed" },
  { value: "RUNNING", label: "Running" },
];

/** A family first (`poll` covers `poll.sales` and `poll.customers`), then each job. */
function jobFilterValues(jobs: readonly string[]): string[] {
  const families = [
    ...new Set(jobs.filter((job) => job.includes(".")).map((job) => job.split(".")[0] ?? job)),
  ];
  return [...new Set([...families, ...jobs])].sort();
}

export function SyncHistorySection() {
  const { isOperator } = useAuth();
  const { timeZone } = useStoreTime();
  const [job, setJob] = useState("");
  const [outcome, setOutcome] = useState<Outcome>("");
  const runs = useApiInfiniteQuery(
    (api) => api.sync.runs,
    { limit: 25, ...(job ? { job } : {}), ...(outcome ? { outcome } : {}) },
    { placeholderData: (previous) => previous, refetchInterval: 30_000 },
  );
  const rows = mergeCursorPages(
    runs.data?.pages ?? [],
    (page) => page.runs,
    (run) => run.id,
  );
  const jobs = runs.data?.pages[0]?.jobs ?? [];
  return (
    <Section title="Sync history" testId="sync-history" wide>
      <div className="filters">
        <LabelledSelect
          label="Job"
          value={job}
          options={filterOptions("Every job", jobFilterValues(job ? [...jobs, job] : jobs))}
          onChange={setJob}
          testId="history-job"
        />
        <LabelledSelect
          label="Outcome"
          value={outcome}
          options={outcomeOptions}
          onChange={setOutcome}
          testId="history-outcome"
        />
      </div>
      {isOperator ? <ResyncAction /> : null}
      <PagedView
        query={runs}
        isEmpty={() => rows.length === 0}
        empty="No runs match: change the filters, or wait for the next scheduled poll."
        testId="history"
      >
        {() => (
          <DataTable
            testId="history-table"
            stale={runs.isPlaceholderData}
            columns={["Started", "Job", "Outcome", num("Records"), num("Duration"), "Failure"]}
          >
            {rows.map((run) => (
              <tr
                key={run.id}
                data-testid="history-run-row"
                data-run-id={run.id}
                data-job={run.job}
                data-status={run.status}
              >
                <td>{formatDateTime(run.startedAt, { timeZone })}</td>
                <td>
                  {run.kind === "import" ? (
                    <Link to={{ page: "imports", runId: run.id }} testId="history-run-import-link">
                      {run.job}
                    </Link>
                  ) : (
                    run.job
                  )}
                  <div className="muted small">
                    {run.fileName ? (
                      <span className="history-file" data-testid="history-run-file">
                        {run.fileName}
                      </span>
                    ) : (
                      run.trigger
                    )}
                    {run.requestedBy ? (
                      <span data-testid="history-run-requested-by"> · by {run.requestedBy}</span>
                    ) : null}
                  </div>
                </td>
                <td>
                  <Badge tone={runStatusTone(run.status)}>{run.status.toLowerCase()}</Badge>
                </td>
                <td className="num" data-testid="history-run-records">
                  {formatCount(run.records)}
                  {run.ordersCreated !== null ? (
                    <div className="muted small" data-testid="history-run-orders-created">
                      {formatCount(run.ordersCreated)} orders created
                    </div>
                  ) : null}
                  {run.errors > 0 ? (
                    <div className="muted small">
                      {formatCount(run.errors)} {run.kind === "import" ? "rejected" : "malformed"}
                    </div>
                  ) : null}
                </td>
                <td className="num" data-testid="history-run-duration">
                  {formatRunDuration(run.durationMs)}
                </td>
                <td className="history-failure">
                  {run.error ? (
                    <>
                      <span className="error-text small" data-testid="history-run-error">
                        {run.errorCode ? `${run.errorCode}: ` : ""}
                        {run.error}
                      </span>{" "}
                      {run.retryable === null ? null : (
                        <RetryableBadge retryable={run.retryable} testId="history-run-retryable" />
                      )}
                    </>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </PagedView>
    </Section>
  );
}
