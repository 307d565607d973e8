// Freshness per source: X-Series polling (sales, customers), the webhook inbox, the eCom import.
import type { RouterOutputs } from "@greenloop/app-client";
import { runStatusTone } from "../../components/run-status-tone";
import { Badge, Section } from "../../components/ui";
import { formatDateTime, formatRelative } from "../../format/format-date";
import { formatDuration } from "../../format/format-duration";
import { formatCount } from "../../format/format-number";
import { useStoreTime } from "../../store-time/store-time-context";

type SyncStatus = RouterOutputs["sync"]["status"];
type Resource = SyncStatus["polling"]["sales"];

function When({ date, now }: { date: Date | null; now: Date }) {
  const { timeZone } = useStoreTime();
  return (
    <span title={date ? formatDateTime(date, { timeZone }) : undefined}>
      {formatRelative(date, { now })}
    </span>
  );
}

function HealthBadge({
  ok,
  testId,
  okText = "fresh",
  badText = "stale",
}: {
  ok: boolean;
  testId: string;
  okText?: string;
  badText?: string;
}) {
  return (
    <Badge tone={ok ? "good" : "bad"} testId={testId}>
      {ok ? okText : badText}
    </Badge>
  );
}

function PollingCard({ label, resource, now }: { label: string; resource: Resource; now: Date }) {
  const id = `freshness-${resource.resource}`;
  return (
    <div className="source-card" data-testid={id}>
      <div className="source-head">
        <strong>{label}</strong>
        <HealthBadge ok={!resource.stale} testId={`${id}-status`} />
      </div>
      <dl className="facts">
        <dt>Last successful poll</dt>
        <dd data-testid={`${id}-last-success`}>
          <When date={resource.lastSuccessAt} now={now} />
        </dd>
        <dt>Lag</dt>
        <dd data-testid={`${id}-lag`}>{formatDuration(resource.lagSeconds)}</dd>
        <dt>Cursor (version)</dt>
        <dd>{resource.cursor === null ? "—" : formatCount(resource.cursor)}</dd>
        <dt>Last run</dt>
        <dd>
          {resource.lastRun ? (
            <>
              <Badge tone={runStatusTone(resource.lastRun.status)}>
                {resource.lastRun.status.toLowerCase()}
              </Badge>{" "}
              <When date={resource.lastRun.startedAt} now={now} /> ({resource.lastRun.trigger})
              {resource.lastRun.error ? (
                <div className="error-text small">{resource.lastRun.error}</div>
              ) : null}
            </>
          ) : (
            "never"
          )}
        </dd>
      </dl>
    </div>
  );
}

export function FreshnessSection({ status }: { status: SyncStatus }) {
  const { timeZone } = useStoreTime();
  // The API's clock, which judged freshness: "ago" is measured on it, not the browser's.
  const now = status.polling.checkedAt;
  const { webhooks, ecomImport } = status;
  const importRun = ecomImport.lastRun;
  return (
    <Section title="Freshness" testId="freshness" wide>
      <div className="sources">
        <PollingCard label="X-Series sales" resource={status.polling.sales} now={now} />
        <PollingCard label="X-Series customers" resource={status.polling.customers} now={now} />
        <div className="source-card" data-testid="freshness-webhooks">
          <div className="source-head">
            <strong>Webhooks</strong>
            <HealthBadge
              ok={webhooks.dead === 0}
              okText="no dead letters"
              badText={`${webhooks.dead} dead`}
              testId="freshness-webhooks-status"
            />
          </div>
          <dl className="facts">
            <dt>Waiting</dt>
            <dd data-testid="freshness-webhooks-pending">
              {formatCount(webhooks.pending)} pending, {formatCount(webhooks.processing)} processing
            </dd>
            <dt>Oldest waiting</dt>
            <dd>{formatDuration(webhooks.oldestPendingAgeSeconds)}</dd>
            <dt>Dead letters</dt>
            <dd data-testid="freshness-webhooks-dead">{formatCount(webhooks.dead)}</dd>
            <dt>Processed</dt>
            <dd>{formatCount(webhooks.done)}</dd>
            <dt>Refused (signature / secret)</dt>
            <dd>
              {formatCount(webhooks.signatureRejections)} / {formatCount(webhooks.secretRejections)}
            </dd>
          </dl>
        </div>
        <div className="source-card" data-testid="freshness-ecom">
          <div className="source-head">
            <strong>eCom import</strong>
            {importRun ? (
              <Badge tone={runStatusTone(importRun.status)} testId="freshness-ecom-status">
                {importRun.status.toLowerCase().replace("_", " ")}
              </Badge>
            ) : (
              <Badge tone="warn" testId="freshness-ecom-status">
                never imported
              </Badge>
            )}
          </div>
          <dl className="facts">
            <dt>Last successful import</dt>
            <dd data-testid="freshness-ecom-last-success">
              <When date={ecomImport.lastSuccessAt} now={now} />
            </dd>
            {importRun ? (
              <>
                <dt>Last file</dt>
                <dd>{importRun.fileName}</dd>
                <dt>Rows / rejected</dt>
                <dd>
                  {formatCount(importRun.rowsTotal)} / {formatCount(importRun.rowsRejected)}
                </dd>
                <dt>Orders created / updated</dt>
                <dd>
                  {formatCount(importRun.ordersCreated)} / {formatCount(importRun.ordersUpdated)}
                </dd>
                {importRun.error ? (
                  <>
                    <dt>Error</dt>
                    <dd className="error-text">{importRun.error}</dd>
                  </>
                ) : null}
              </>
            ) : null}
          </dl>
        </div>
      </div>
      <p className="muted small">
        Polling every {formatDuration(status.polling.syncIntervalMs / 1000)}; checked{" "}
        {formatDateTime(now, { timeZone })}.
      </p>
    </Section>
  );
}
