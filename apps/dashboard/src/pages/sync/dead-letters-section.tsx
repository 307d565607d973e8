// Webhook deliveries the worker gave up on; operators put them back in the queue.
import { mergeCursorPages } from "../../api/merge-cursor-pages";
import { useApiInfiniteQuery, useApiMutation } from "../../api/use-api";
import { useAuth } from "../../auth/auth-context";
import { ErrorNote, Loading } from "../../components/status-views";
import { ConfirmButton, LoadMore, Section } from "../../components/ui";
import { formatDateTime } from "../../format/format-date";
import { formatCount } from "../../format/format-number";

export function DeadLettersSection() {
  const { isOperator } = useAuth();
  const dead = useApiInfiniteQuery((api) => api.sync.webhookDeliveries, {
    status: "DEAD",
    limit: 25,
  });
  const replay = useApiMutation((api) => api.sync.replayDeadLetters, { invalidates: [["sync"]] });
  const rows = dead.data
    ? mergeCursorPages(
        dead.data.pages,
        (page) => page.deliveries,
        (delivery) => delivery.id,
      )
    : [];
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
      {dead.error && !dead.data ? (
        <ErrorNote error={dead.error} onRetry={() => void dead.refetch()} />
      ) : !dead.data ? (
        <Loading />
      ) : rows.length === 0 ? (
        <p className="muted empty" data-testid="dead-letters-empty">
          No dead letters: every webhook delivery was processed or is still being retried.
        </p>
      ) : (
        <div className="table-scroll">
          <table className="table compact" data-testid="dead-letters-table">
            <thead>
              <tr>
                <th>Received</th>
                <th>Type</th>
                <th>Object</th>
                <th className="num">Attempts</th>
                <th>Last error</th>
                {isOperator ? <th /> : null}
              </tr>
            </thead>
            <tbody>
              {rows.map((delivery) => (
                <tr key={delivery.id} data-testid="dead-letter-row" data-delivery-id={delivery.id}>
                  <td>{formatDateTime(delivery.receivedAt)}</td>
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
            </tbody>
          </table>
        </div>
      )}
      <LoadMore
        hasMore={dead.hasNextPage}
        loading={dead.isFetchingNextPage}
        onClick={() => void dead.fetchNextPage()}
        testId="dead-letters-load-more"
      />
    </Section>
  );
}
