// Past import runs (uploads and CLI imports), newest first.
import { mergeCursorPages } from "../../api/merge-cursor-pages";
import { useApiInfiniteQuery } from "../../api/use-api";
import { ErrorNote, Loading } from "../../components/status-views";
import { LoadMore, Section } from "../../components/ui";
import { formatDateTime } from "../../format/format-date";
import { formatCount } from "../../format/format-number";
import { Link, navigate } from "../../routing/use-route";
import { ImportStatusBadge } from "./import-run-status";

export function ImportRunsList({ currentRunId }: { currentRunId: string | undefined }) {
  const runs = useApiInfiniteQuery(
    (api) => api.imports.list,
    { limit: 20 },
    {
      refetchInterval: (query) =>
        query.state.data?.pages.some((page) => page.runs.some((run) => !run.done)) ? 2_000 : false,
    },
  );
  const rows = runs.data
    ? mergeCursorPages(
        runs.data.pages,
        (page) => page.runs,
        (run) => run.id,
      )
    : [];
  return (
    <Section title="Past runs" testId="import-runs" wide>
      {runs.error && !runs.data ? (
        <ErrorNote error={runs.error} onRetry={() => void runs.refetch()} />
      ) : !runs.data ? (
        <Loading />
      ) : rows.length === 0 ? (
        <p className="muted empty" data-testid="import-runs-empty">
          No imports yet.
        </p>
      ) : (
        <div className="table-scroll">
          <table className="table compact" data-testid="import-runs-table">
            <thead>
              <tr>
                <th>Started</th>
                <th>File</th>
                <th>Status</th>
                <th className="num">Rows</th>
                <th className="num">Created</th>
                <th className="num">Updated</th>
                <th className="num">Rejected</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((run) => (
                <tr
                  key={run.id}
                  className={run.id === currentRunId ? "clickable selected" : "clickable"}
                  onClick={(event) => {
                    if ((event.target as HTMLElement).closest("a")) return;
                    navigate(`/imports/${encodeURIComponent(run.id)}`);
                  }}
                  data-testid="import-run-row"
                  data-run-id={run.id}
                >
                  <td>
                    <Link to={{ page: "imports", runId: run.id }}>
                      {formatDateTime(run.startedAt)}
                    </Link>
                  </td>
                  <td>{run.fileName}</td>
                  <td>
                    <ImportStatusBadge run={run} />
                  </td>
                  <td className="num">{formatCount(run.rowsRead)}</td>
                  <td className="num">{formatCount(run.ordersCreated)}</td>
                  <td className="num">{formatCount(run.ordersUpdated)}</td>
                  <td className="num">{formatCount(run.rowsRejected)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore
        hasMore={runs.hasNextPage}
        loading={runs.isFetchingNextPage}
        onClick={() => void runs.fetchNextPage()}
        testId="import-runs-load-more"
      />
    </Section>
  );
}
