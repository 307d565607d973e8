// Sync alerts, newest first, with the counts per status; operators acknowledge open ones.
import type { RouterInputs } from "@greenloop/app-client";
import { useState } from "react";
import { mergeCursorPages } from "../../api/merge-cursor-pages";
import { type ObjectInput, useApiInfiniteQuery, useApiMutation } from "../../api/use-api";
import { useAuth } from "../../auth/auth-context";
import { LabelledSelect } from "../../components/labelled-select";
import { PagedView } from "../../components/paged-view";
import { ErrorNote } from "../../components/status-views";
import { Badge, Section } from "../../components/ui";
import { formatDateTime, formatRelative } from "../../format/format-date";
import { formatCount } from "../../format/format-number";
import { useStoreTime } from "../../store-time/store-time-context";

type AlertStatus = NonNullable<ObjectInput<RouterInputs["sync"]["alerts"]>["status"]>;

const statusTone = { OPEN: "bad", ACKNOWLEDGED: "warn", RESOLVED: "good" } as const;

export function AlertsSection() {
  const { timeZone, now } = useStoreTime();
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
  const rows = mergeCursorPages(
    alerts.data?.pages ?? [],
    (page) => page.alerts,
    (alert) => alert.id,
  );
  const counted = (label: string, count: number | undefined) =>
    count === undefined ? label : `${label} (${count})`;
  return (
    <Section
      title="Alerts"
      testId="alerts"
      actions={
        <LabelledSelect<AlertStatus | "">
          label="Alert status"
          value={status}
          options={[
            { value: "OPEN", label: counted("Open", counts?.OPEN) },
            { value: "ACKNOWLEDGED", label: counted("Acknowledged", counts?.ACKNOWLEDGED) },
            { value: "RESOLVED", label: counted("Resolved", counts?.RESOLVED) },
            { value: "", label: "All" },
          ]}
          onChange={setStatus}
          testId="alerts-status"
        />
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
      <PagedView
        query={alerts}
        isEmpty={() => rows.length === 0}
        empty="No alerts."
        testId="alerts"
      >
        {() => (
          <ul className="alert-list" data-testid="alerts-list">
            {rows.map((alert) => (
              <li
                key={alert.id}
                className="alert-item"
                data-testid="alert-row"
                data-alert-id={alert.id}
                data-status={alert.status}
                data-kind={alert.kind}
              >
                <div className="alert-head">
                  <Badge tone={statusTone[alert.status]}>{alert.status.toLowerCase()}</Badge>{" "}
                  <span className="muted small">{alert.kind}</span>
                  <span
                    className="muted small alert-time"
                    data-testid="alert-time"
                    title={formatDateTime(alert.openedAt, { timeZone })}
                  >
                    {formatRelative(alert.openedAt, { now: now() })}
                  </span>
                </div>
                <div className="alert-message" data-testid="alert-message">
                  {alert.message}
                </div>
                {alert.acknowledgedAt ? (
                  <div className="muted small">
                    acknowledged {formatDateTime(alert.acknowledgedAt, { timeZone })}
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
      </PagedView>
    </Section>
  );
}
