// One webhook delivery in the inbox: its status, each failed attempt's error with whether a retry
// may help, and its payload (masked by the server) when asked for.
import type { RouterOutputs } from "@greenloop/app-client";
import { useState } from "react";
import { useApiQuery } from "../../api/use-api";
import { QueryView } from "../../components/status-views";
import { Badge, type BadgeTone } from "../../components/ui";
import { formatDateTime } from "../../format/format-date";
import { formatCount } from "../../format/format-number";
import { useStoreTime } from "../../store-time/store-time-context";
import { RetryableBadge } from "./retryable-badge";

type Delivery = RouterOutputs["sync"]["webhookInbox"]["deliveries"][number];

const statusTone: Record<Delivery["status"], BadgeTone> = {
  PENDING: "info",
  PROCESSING: "info",
  DONE: "good",
  DEAD: "bad",
};

function Payload({ id }: { id: string }) {
  const detail = useApiQuery((api) => api.sync.webhookDelivery, { id });
  return (
    <QueryView query={detail} loadingLabel="Loading payload…">
      {(data) => (
        <pre className="inbox-payload" data-testid="inbox-payload">
          {Object.entries(data.body.fields)
            .map(([key, value]) => `${key}: ${value}\n`)
            .join("")}
          {data.body.payload ?? data.body.raw}
        </pre>
      )}
    </QueryView>
  );
}

export function InboxRow({ delivery }: { delivery: Delivery }) {
  const { timeZone } = useStoreTime();
  const [open, setOpen] = useState(false);
  const hidden = delivery.failureCount - delivery.failures.length;
  return (
    <tr data-testid="inbox-row" data-delivery-id={delivery.id} data-status={delivery.status}>
      <td>{formatDateTime(delivery.receivedAt, { timeZone })}</td>
      <td>{delivery.type}</td>
      <td>
        <code>{delivery.objectId ?? "—"}</code>
      </td>
      <td>
        <Badge tone={statusTone[delivery.status]}>{delivery.status.toLowerCase()}</Badge>
      </td>
      <td className="num">{formatCount(delivery.attempts)}</td>
      <td className="history-failure">
        {delivery.failures.length === 0 ? (
          delivery.lastError ? (
            <span className="muted small">{delivery.lastError}</span>
          ) : (
            <span className="muted">—</span>
          )
        ) : (
          <ol className="inbox-attempts small">
            {hidden > 0 ? <li className="muted">{formatCount(hidden)} earlier…</li> : null}
            {delivery.failures.map((failure) => (
              <li
                key={`${failure.attempt}-${failure.failedAt.getTime()}`}
                data-testid="inbox-attempt"
              >
                <span className="muted">
                  #{failure.attempt} · {formatDateTime(failure.failedAt, { timeZone })}:
                </span>{" "}
                <span className="error-text" data-testid="inbox-attempt-error">
                  {failure.error}
                </span>{" "}
                <RetryableBadge retryable={failure.retryable} testId="inbox-attempt-retryable" />
              </li>
            ))}
          </ol>
        )}
        {open ? <Payload id={delivery.id} /> : null}
      </td>
      <td>
        <button
          type="button"
          className="link-button"
          onClick={() => setOpen(!open)}
          aria-expanded={open}
          data-testid="inbox-payload-toggle"
        >
          {open ? "Hide payload" : "Payload"}
        </button>
      </td>
    </tr>
  );
}
