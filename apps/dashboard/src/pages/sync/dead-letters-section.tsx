// Webhook deliveries the worker gave up on; operators put them back in the queue.
import { mergeCursorPages } from "../../api/merge-cursor-pages";
import { useApiInfiniteQuery, useApiMutation } from "../../api/use-api";
import { useAuth } from "../../auth/auth-context";
import { DataTable } from "../../components/data-table";
import { PagedView } from "../../components/paged-view";
import { ErrorNote } from "../../components/status-views";
import { num } from "../../components/table-columns";
import { ConfirmButton, Section } from "../../components/ui";
import { formatDateTime } from "../../format/format-date";
import { formatCount } from "../../format/format-number";
import { useStoreTime } from "../../store-time/store-time-context";

export function DeadLettersSection() {
  const { timeZone } = useStoreTime();
  const { isOperator } = useAuth();
  const dead = useApiInfiniteQuery((api) => api.sync.webhookDeliveries, {
    status: "DEAD",
    limit: 25,
  });
  const replay = useApiMutation((api) => api.sync.replayDeadLetters, { invalidates: [["sync"]] });
  const rows = mergeCursorPages(
    dead.data?.pages ?? [],
    (page) => page.deliveries,
    (delivery) => delivery.id,
  );
  return (
    <Section
      title="Webhook dead letters"
      testId="dead-letters"
      wide
      actions={
        isOperator && rows.length > 0 ? (
          <ConfirmButton
            label="Replay all"
            question="Put every dead letter back in the queue?"
            confirmLabel="Replay all"
            pending={replay.isPending}
            onConfirm={() => replay.mutate({ all: true })}
            testId="dead-letters-replay-all"
          />
        ) : null
      }
    >
      {replay.error ? <ErrorNote error={replay.error} /> : null}
      {replay.data ? (
        <p className="success small" data-testid="dead-letters-replay-result">
          Replayed {formatCount(replay.data.replayed.length)}
          {replay.data.skipped.length > 0
            ? `, skipped ${formatCount(replay.data.skipped.length)} (no longer dead)`
            : ""}
          .
        </p>
      ) : null}
      <PagedView
        query={dead}
        isEmpty={() => rows.length === 0}
        empty="No dead letters: every webhook delivery was processed or is still being retried."
        testId="dead-letters"
      >
        {() => (
          <DataTable
            testId="dead-letters-table"
            columns={[
              "Received",
              "Type",
              "Object",
              num("Attempts"),
              "Last error",
              isOperator && "",
            ]}
          >
            {rows.map((delivery) => (
              <tr key={delivery.id} data-testid="dead-letter-row" data-delivery-id={delivery.id}>
                <td>{formatDateTime(delivery.receivedAt, { timeZone })}</td>
                <td>{delivery.type}</td>
                <td>
                  <code>{delivery.objectId ?? "—"}</code>
                </td>
                <td className="num">{formatCount(delivery.attempts)}</td>
                <td className="error-text small">{delivery.lastError ?? "—"}</td>
                {isOperator ? (
                  <td>
                    <button
                      type="button"
                      onClick={() => replay.mutate({ ids: [delivery.id] })}
                      disabled={replay.isPending}
                      data-testid="dead-letter-replay"
                    >
                      Replay
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
          </DataTable>
        )}
      </PagedView>
    </Section>
  );
}
