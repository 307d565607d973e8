// Sync alerts, newest first, with the counts per status; operators acknowledge open ones.
import type { RouterInputs } from "@greenloop/app-client";
import { useState } from "react";
import { mergeCursorPages } from "../../api/merge-cursor-pages";
import { useApiInfiniteQuery, useApiMutation } from "../../api/use-api";
import { useAuth } from "../../auth/auth-context";
import { ErrorNote, Loading } from "../../components/status-views";
import { Badge, LoadMore, Section } from "../../components/ui";
import { formatDateTime, formatRelative } from "../../format/format-date";
import { formatCount } from "../../format/format-number";

type AlertStatus = NonNullable<RouterInputs["sync"]["alerts"]["status"]>;

const statusTone = { OPEN: "bad", ACKNOWLEDGED: "warn", RESOLVED: "good" } as const;

export function AlertsSection() {
  const { isOperator } = useAuth();
  const [status, setStatus] = useState<AlertStatus | "">("OPEN");
  const alerts = useApiInfiniteQuery((api) => api.sync.alerts, {
    ...(status ? { status } : {}),
    limit: 25,
  });
  const acknowledge = useApiMutation((api) => api.sync.acknowledgeAlert, {
    invalidates: [["sync"], ["notifications"]],
  });
  const counts = alerts.data?.pages[0]?.counts;
  const rows = alerts.data
    ? mergeCursorPages(
        alerts.data.pages,
        (page) => page.alerts,
        (alert) => alert.id,
      )
    : [];
  return (
    <Section
      title="Alerts"
      testId="alerts"
      actions={
        <select
          value={status}
          onChange={(event) => setStatus(event.target.value as AlertStatus | "")}
          aria-label="Alert status"
          data-testid="alerts-status"
        >
          <option value="OPEN">Open{counts ? ` (${counts.OPEN})` : ""}</option>
          <option value="ACKNOWLEDGED">
            Acknowledged{counts ? ` (${counts.ACKNOWLEDGED})` : ""}
          </option>
          <option value="RESOLVED">Resolved{counts ? ` (${counts.RESOLVED})` : ""}</option>
          <option value="">All</option>
        </select>
      }
    >
      {counts ? (
        <p className="small">
          <span data-testid="alerts-open-count">{formatCount(counts.OPEN)}</span> open ·{" "}
          <span data-testid="alerts-acknowledged-count">{formatCount(counts.ACKNOWLEDGED)}</span>{" "}
          acknowledged ·{" "}
          <span data-testid="alerts-resolved-count">{formatCount(counts.RESOLVED)}</span> resolved
        </p>
      ) : null}
      {acknowledge.error ? <ErrorNote error={acknowledge.error} /> : null}
      {alerts.error && !alerts.data ? (
        <ErrorNote error={alerts.error} onRetry={() => void alerts.refetch()} />
      ) : !alerts.data ? (
        <Loading />
      ) : rows.length === 0 ? (
        <p className="muted empty" data-testid="alerts-empty">
          No alerts.
        </p>
      ) : (
        <ul className="alert-list" data-testid="alerts-list">
          {rows.map((alert) => (
            <li
              key={alert.id}
              className="alert-item"
              data-testid="alert-row"
              data-alert-id={alert.id}
              data-status={alert.status}
            >
              <div className="alert-head">
                <Badge tone={statusTone[alert.status]}>{alert.status.toLowerCase()}</Badge>{" "}
                <span className="muted small">{alert.kind}</span>
                <span className="muted small alert-time" title={formatDateTime(alert.openedAt)}>
                  {formatRelative(alert.openedAt)}
                </span>
              </div>
              <div className="alert-message">{alert.message}</div>
              {alert.acknowledgedAt ? (
                <div className="muted small">
                  acknowledged {formatDateTime(alert.acknowledgedAt)}
                </div>
              ) : null}
              {isOperator && alert.status === "OPEN" ? (
                <button
                  type="button"
                  onClick={() => acknowledge.mutate({ id: alert.id })}
                  disabled={acknowledge.isPending}
                  data-testid="alert-acknowledge"
                >
                  Acknowledge
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <LoadMore
        hasMore={alerts.hasNextPage}
        loading={alerts.isFetchingNextPage}
        onClick={() => void alerts.fetchNextPage()}
        testId="alerts-load-more"
      />
    </Section>
  );
}
