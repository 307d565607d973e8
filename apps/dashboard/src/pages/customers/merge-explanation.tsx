// "Why are these records one customer?": the records, the identifier links between them, the
// identifiers flagged as shared, and the history of merges and corrections.
import { useApiQuery } from "../../api/use-api";
import { DataTable } from "../../components/data-table";
import { QuerySection } from "../../components/query-section";
import { Badge } from "../../components/ui";
import { formatDateTime } from "../../format/format-date";
import { Link } from "../../routing/use-route";
import { useStoreTime } from "../../store-time/store-time-context";
import { recordLabel, recordsByKey } from "./correction-wording";

export function MergeExplanation({ customerId }: { customerId: string }) {
  const { timeZone } = useStoreTime();
  const explanation = useApiQuery((api) => api.customers.explain, { customerId });
  // The records by what they are (sale, online order, X-Series customer); the key stays as a tooltip.
  const records = recordsByKey(useApiQuery((api) => api.customers.records, { customerId }).data);
  const label = (key: string) => (records.has(key) ? recordLabel(records.get(key)) : key);
  return (
    <QuerySection
      title="Why these records are one customer"
      testId="merge-explanation"
      wide
      query={explanation}
    >
      {(data) => (
        <div className="explain">
          {data.mergedIntoId ? (
            <p className="notice">
              Merged into{" "}
              <Link to={{ page: "customer", customerId: data.mergedIntoId }}>
                {data.mergedIntoId}
              </Link>
              .
            </p>
          ) : null}
          <h3>Records ({data.records.length})</h3>
          <ul className="chips" data-testid="merge-records">
            {data.records.map((record) => (
              <li key={record} data-testid="merge-record" title={record}>
                {label(record)}
              </li>
            ))}
          </ul>
          {data.flagged.length > 0 ? (
            <>
              <h3>Flagged identifiers</h3>
              <ul className="plain-list" data-testid="merge-flagged">
                {data.flagged.map((flag) => (
                  <li key={`${flag.kind}:${flag.value}`}>
                    <Badge tone="warn">{flag.kind.toLowerCase()}</Badge> <code>{flag.value}</code>{" "}
                    <span className="muted small">{flag.reason}</span>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <h3>Links</h3>
          {data.links.length === 0 ? (
            <p className="muted small">
              {data.records.length <= 1
                ? "A single record: nothing was merged."
                : "No links recorded."}
            </p>
          ) : (
            <DataTable testId="merge-links" columns={["Records", "Shared", "Why", "Since"]}>
              {data.links.map((link) => (
                <tr
                  key={`${link.from}|${link.to}|${link.kind}|${link.value}`}
                  data-testid="merge-link"
                >
                  <td className="small">
                    <span title={link.from}>{label(link.from)}</span> ↔{" "}
                    <span title={link.to}>{label(link.to)}</span>
                  </td>
                  <td className="small">
                    {link.kind.toLowerCase()} <code>{link.value}</code>
                  </td>
                  <td className="small">{link.reason}</td>
                  <td className="small">{formatDateTime(link.firstLinkedAt, { timeZone })}</td>
                </tr>
              ))}
            </DataTable>
          )}
          {data.history.length > 0 ? (
            <details>
              <summary>History ({data.history.length} events)</summary>
              <ol className="timeline" data-testid="merge-history">
                {data.history.map((event, index) => (
                  <li key={index}>
                    <span className="muted small">{formatDateTime(event.at, { timeZone })}</span>{" "}
                    <strong>{event.kind}</strong> {event.reason}
                    {event.sourceRecord ? (
                      <>
                        {" "}
                        (<code>{event.sourceRecord}</code>)
                      </>
                    ) : null}
                    {event.otherCustomerId && event.otherCustomerId !== customerId ? (
                      <>
                        {" "}
                        with{" "}
                        <Link to={{ page: "customer", customerId: event.otherCustomerId }}>
                          {event.otherCustomerId.slice(0, 8)}
                        </Link>
                      </>
                    ) : null}
                  </li>
                ))}
              </ol>
            </details>
          ) : null}
        </div>
      )}
    </QuerySection>
  );
}
