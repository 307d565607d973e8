// The scheduled jobs: next run, last runs, and "run now" for operators.
import type { RouterInputs, RouterOutputs } from "@greenloop/app-client";
import { useApiMutation } from "../../api/use-api";
import { useAuth } from "../../auth/auth-context";
import { DataTable } from "../../components/data-table";
import { runStatusTone } from "../../components/run-status-tone";
import { ErrorNote } from "../../components/status-views";
import { num } from "../../components/table-columns";
import { Badge, Section } from "../../components/ui";
import { formatDateTime, formatRelative } from "../../format/format-date";
import { formatDuration } from "../../format/format-duration";
import { formatCount } from "../../format/format-number";
import { useStoreTime } from "../../store-time/store-time-context";

type SyncStatus = RouterOutputs["sync"]["status"];
type JobName = RouterInputs["sync"]["runNow"]["job"];

const runnable: readonly string[] = [
  "poll",
  "merge",
  "analytics",
  "monitoring",
] satisfies readonly JobName[];

function RunNow({ job }: { job: JobName }) {
  const runNow = useApiMutation((api) => api.sync.runNow, {
    invalidates: [["sync"], ["analytics"]],
  });
  const outcome = runNow.data;
  return (
    <span className="run-now">
      <button
        type="button"
        onClick={() => runNow.mutate({ job })}
        disabled={runNow.isPending}
        data-testid={`run-now-${job}`}
      >
        {runNow.isPending ? "Running…" : "Run now"}
      </button>
      {outcome ? (
        <span className="small" data-testid={`run-now-${job}-result`}>
          {outcome.status === "completed" ? (
            <Badge tone="good">done</Badge>
          ) : outcome.status === "skipped" ? (
            <Badge tone="warn">skipped: {outcome.reason}</Badge>
          ) : (
            <Badge tone="bad" title={outcome.error.message}>
              failed: {outcome.error.message}
            </Badge>
          )}
        </span>
      ) : null}
      {runNow.error ? <ErrorNote error={runNow.error} /> : null}
    </span>
  );
}

export function JobsSection({ status }: { status: SyncStatus }) {
  const { timeZone, now } = useStoreTime();
  const { isOperator } = useAuth();
  const jobs = status.scheduler?.jobs ?? [];
  return (
    <Section title="Jobs" testId="jobs" wide>
      {status.scheduler === null ? (
        <p className="muted small">
          This server runs no background jobs (only `pnpm cli serve` does).
        </p>
      ) : (
        <DataTable testId="jobs-table" columns={["Job", "Next run", isOperator && ""]}>
          {jobs.map((job) => (
            <tr key={job.name} data-testid="job-row" data-job={job.name}>
              <td>{job.name}</td>
              <td title={job.nextRunAt ? formatDateTime(job.nextRunAt, { timeZone }) : undefined}>
                {/* The scheduler's timers run on the wall clock, not the API's (which the demo moves). */}
                {job.nextRunAt ? formatRelative(job.nextRunAt, { now: new Date() }) : "—"}
              </td>
              {isOperator ? (
                <td>{runnable.includes(job.name) ? <RunNow job={job.name as JobName} /> : null}</td>
              ) : null}
            </tr>
          ))}
        </DataTable>
      )}
      {status.lastJobRuns.length > 0 ? (
        <>
          <h3>Last runs</h3>
          <DataTable
            testId="job-runs-table"
            columns={[
              "Job",
              "Status",
              "Trigger",
              "Started",
              num("Took"),
              num("Records"),
              num("Errors"),
            ]}
          >
            {status.lastJobRuns.map((run) => (
              <tr
                key={`${run.job}-${run.startedAt.getTime()}`}
                data-testid="job-run-row"
                data-job={run.job}
              >
                <td>{run.job}</td>
                <td>
                  <Badge tone={runStatusTone(run.status)}>{run.status.toLowerCase()}</Badge>
                  {run.error ? <div className="error-text small">{run.error}</div> : null}
                </td>
                <td>{run.trigger}</td>
                <td title={formatDateTime(run.startedAt, { timeZone })}>
                  {formatRelative(run.startedAt, { now: now() })}
                </td>
                <td className="num">
                  {run.finishedAt
                    ? formatDuration((run.finishedAt.getTime() - run.startedAt.getTime()) / 1000)
                    : "—"}
                </td>
                <td className="num">{formatCount(run.records)}</td>
                <td className="num">{formatCount(run.errors)}</td>
              </tr>
            ))}
          </DataTable>
        </>
      ) : null}
    </Section>
  );
}
