// Past import runs (uploads and CLI imports), newest first.
import { mergeCursorPages } from "../../api/merge-cursor-pages";
import { useApiInfiniteQuery } from "../../api/use-api";
import { DataTable } from "../../components/data-table";
import { LinkRow } from "../../components/link-row";
import { PagedView } from "../../components/paged-view";
import { num } from "../../components/table-columns";
import { Section } from "../../components/ui";
import { formatDateTime } from "../../format/format-date";
import { formatCount } from "../../format/format-number";
import { Link } from "../../routing/use-route";
import { useStoreTime } from "../../store-time/store-time-context";
import { ImportStatusBadge } from "./import-run-status";

export function ImportRunsList({ currentRunId }: { currentRunId: string | undefined }) {
  const { timeZone } = useStoreTime();
  const runs = useApiInfiniteQuery(
    (api) => api.imports.list,
    { limit: 20 },
    {
      refetchInterval: (query) =>
        query.state.data?.pages.some((page) => page.runs.some((run) => !run.done)) ? 2_000 : false,
    },
  );
  const rows = mergeCursorPages(
    runs.data?.pages ?? [],
    (page) => page.runs,
    (run) => run.id,
  );
  return (
    <Section title="Past runs" testId="import-runs" wide>
      <PagedView
        query={runs}
        isEmpty={() => rows.length === 0}
        empty="No imports yet."
        testId="import-runs"
      >
        {() => (
          <DataTable
            testId="import-runs-table"
            columns={[
              "Started",
              "File",
              "Status",
              num("Rows"),
              num("Created"),
              num("Updated"),
              num("Rejected"),
            ]}
          >
            {rows.map((run) => (
              <LinkRow
                key={run.id}
                to={{ page: "imports", runId: run.id }}
                selected={run.id === currentRunId}
                data-testid="import-run-row"
                data-run-id={run.id}
              >
                <td>
                  <Link to={{ page: "imports", runId: run.id }}>
                    {formatDateTime(run.startedAt, { timeZone })}
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
              </LinkRow>
            ))}
          </DataTable>
        )}
      </PagedView>
    </Section>
  );
}
