// The store's time for every page: its zone (STORE_TIMEZONE) and the API's clock, from
// system.storeTime. Times are shown in the store's zone with its label, whatever the browser's
// zone; "5 minutes ago" is measured on the API's clock (the demo's follows the simulated store),
// so the dashboard never disagrees with the freshness and alerts the API computed.
import { createContext, type ReactNode, useContext, useMemo } from "react";
import { useApiQuery } from "../api/use-api";
import { ErrorNote, Loading } from "../components/status-views";

export interface StoreTime {
  /** IANA zone, e.g. "America/Chicago". */
  timeZone: string;
  /** The API's clock now: the browser's, moved by how far the API's was from it when last asked. */
  now(): Date;
}

const StoreTimeContext = createContext<StoreTime | undefined>(undefined);

/** How often the API's clock is read again (the demo's can jump when the store's clock moves). */
const CLOCK_REFRESH_MS = 30_000;

export function StoreTimeProvider({ children }: { children: ReactNode }) {
  const query = useApiQuery((api) => api.system.storeTime, undefined, {
    staleTime: CLOCK_REFRESH_MS,
    refetchInterval: CLOCK_REFRESH_MS,
  });
  const { data, dataUpdatedAt } = query;
  const value = useMemo<StoreTime | undefined>(() => {
    if (!data) return undefined;
    const offsetMs = data.now.getTime() - dataUpdatedAt;
    return { timeZone: data.timeZone, now: () => new Date(Date.now() + offsetMs) };
  }, [data, dataUpdatedAt]);
  if (!value) {
    return query.error ? (
      <ErrorNote error={query.error} onRetry={() => void query.refetch()} />
    ) : (
      <Loading label="Reading the store's time zone…" />
    );
  }
  return <StoreTimeContext.Provider value={value}>{children}</StoreTimeContext.Provider>;
}

export function useStoreTime(): StoreTime {
  const storeTime = useContext(StoreTimeContext);
  if (!storeTime) throw new Error("useStoreTime outside StoreTimeProvider");
  return storeTime;
}
