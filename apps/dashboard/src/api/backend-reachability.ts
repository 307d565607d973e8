// Whether the backend is answering, read off the query cache's own events: a fetch that fails
// without reaching the server marks it unreachable; any answer (data, or an error the server sent)
// marks it reachable again. Cached data stays on screen meanwhile, so the screen must say how old
// it is (components/offline-banner.tsx).
import { isCancelledError } from "@tanstack/react-query";
import { isNetworkError } from "./api-error";

/** The parts of a query cache action this reads (TanStack Query's `failed`/`error`/`success`). */
export type QueryAction =
  | { type: "failed" | "error"; error: unknown }
  | { type: "success"; manual?: boolean }
  | { type: string };

/** What an action says about the backend, or undefined when it says nothing. */
export function reachabilityAfter(action: QueryAction): "reachable" | "unreachable" | undefined {
  if (action.type === "success") {
    // setQueryData (e.g. the signed-in user) is the client writing its own cache, not an answer.
    return "manual" in action && action.manual ? undefined : "reachable";
  }
  if ((action.type === "failed" || action.type === "error") && "error" in action) {
    // A fetch cancelled by the client (a newer refetch, leaving a page) got no verdict either way.
    if (isCancelledError(action.error)) return undefined;
    return isNetworkError(action.error) ? "unreachable" : "reachable";
  }
  return undefined;
}

/** When the newest data on screen arrived; null when no query holds data. */
export function newestDataAt(
  queries: readonly { state: { data: unknown; dataUpdatedAt: number } }[],
): Date | null {
  let newest = 0;
  for (const { state } of queries) {
    if (state.data !== undefined && state.dataUpdatedAt > newest) newest = state.dataUpdatedAt;
  }
  return newest === 0 ? null : new Date(newest);
}
