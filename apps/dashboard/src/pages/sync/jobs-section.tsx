// The scheduled jobs: next run, last runs, and "run now" for operators.
import type { RouterInputs, RouterOutputs } from "@greenloop/app-client";
import { useApiMutation } from "../../api/use-api";
import { useAuth } from "../../auth/auth-context";
import { ErrorNote } from "../../components/status-views";
import { Badge, Section } from "../../components/ui";
import { formatDateTime, formatRelative } from "../../format/format-date";
import { formatDuration } from "../../format/format-duration";
import { formatCount } from "../../format/format-number";

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
  const { isOperator } = useAuth();
  const jobs = status.scheduler?.jobs ?? [];
  return (
    <Section title="Jobs" testId="jobs" wide>
      {status.scheduler === null ? (
        <p className="muted small">
          This server runs no background jobs (only `pnpm cli serve` does).
        </p>
      ) : (
        <table className="table compact" data-testid="jobs-table">
          <thead>
            <tr>
              <th>Job</th>
              <th>Next run</th>
              {isOperator ? <th /> : null}
            </tr>
          </thead>
          <tbody>
            {jobs.map((job) => (
              <tr key={job.name} data-testid="job-row" data-job={job.name}>
                <td>{job.name}</td>
                <td title={job.nextRunAt ? formatDateTime(job.nextRunAt) : undefined}>
                  {job.nextRunAt ? formatRelative(job.nextRunAt) : "—"}
                </td>
                {isOperator ? (
                  <td>
                    {runnable.includes(job.name) ? <RunNow job={job.name as JobName} /> : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {status.lastJobRuns.length > 0 ? (
        <>
          <h3>Last runs</h3>
          <div className="table-scroll">
            <table className="table compact" data-testid="job-runs-table">
              <thead>
                <tr>
                  <th>Job</th>
                  <th>Status</th>
                  <th>Trigger</th>
                  <th>Started</th>
                  <th className="num">Took</th>
                  <th className="num">Records</th>
                  <th className="num">Errors</th>
                </tr>
              </thead>
              <tbody>
                {status.lastJobRuns.map((run) => (
                  <tr
                    key={`${run.job}-${run.startedAt.getTime()}`}
                    data-testid="job-run-row"
                    data-job={run.job}
                  >
                    <td>{run.job}</td>
                    <td>
                      <Badge
                        tone={
                          run.status === "FAILED"
                            ? "bad"
                            : run.status === "RUNNING"
                              ? "info"
                              : "good"
                        }
                      >
                        {run.status.toLowerCase()}
                      </Badge>
                      {run.error ? <div className="error-text small">{run.error}</div> : null}
                    </td>
                    <td>{run.trigger}</td>
                    <td title={formatDateTime(run.startedAt)}>{formatRelative(run.startedAt)}</td>
                    <td className="num">
                      {run.finishedAt
                        ? formatDuration(
                            (run.finishedAt.getTime() - run.startedAt.getTime()) / 1000,
                          )
                        : "—"}
                    </td>
                    <td className="num">{formatCount(run.records)}</td>
                    <td className="num">{formatCount(run.errors)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </Section>
  );
}
