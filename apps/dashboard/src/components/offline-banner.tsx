// "Backend unreachable — showing data from …": shown while fetches fail for network reasons and
// cached data is still on screen, so nobody takes old figures for live ones. It goes away as soon
// as the backend answers again (any query's fetch, the retry button's included).
import { onlineManager, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState, useSyncExternalStore } from "react";
import { newestDataAt, reachabilityAfter } from "../api/backend-reachability";
import { formatDateTime } from "../format/format-date";
import { useStoreTime } from "../store-time/store-time-context";
import "./offline-banner.css";

function useBackendUnreachable(): boolean {
  const queryClient = useQueryClient();
  const [unreachable, setUnreachable] = useState(false);
  useEffect(
    () =>
      queryClient.getQueryCache().subscribe((event) => {
        if (event.type !== "updated") return;
        const verdict = reachabilityAfter(event.action);
        if (verdict !== undefined) setUnreachable(verdict === "unreachable");
      }),
    [queryClient],
  );
  // Offline, TanStack Query pauses fetches instead of failing them: no failure event comes.
  const online = useSyncExternalStore(
    (listener) => onlineManager.subscribe(listener),
    () => onlineManager.isOnline(),
  );
  return unreachable || !online;
}

export function OfflineBanner() {
  const queryClient = useQueryClient();
  const { timeZone } = useStoreTime();
  const unreachable = useBackendUnreachable();
  if (!unreachable) return null;
  const dataAt = newestDataAt(queryClient.getQueryCache().getAll());
  // Without cached data every section shows its own "cannot reach the server" error instead.
  if (dataAt === null) return null;
  return (
    <div className="offline-banner" role="status" data-testid="offline-banner">
      <span>
        Backend unreachable — showing data from{" "}
        <time dateTime={dataAt.toISOString()} data-testid="offline-banner-since">
          {formatDateTime(dataAt, { timeZone })}
        </time>
        .
      </span>
      <button
        type="button"
        className="link-button"
        onClick={() => void queryClient.refetchQueries({ type: "active" })}
        data-testid="offline-banner-retry"
      >
        Try again
      </button>
    </div>
  );
}
