// What a split or merge changes on screen: the customers' pages and lists, and the analytics. Not
// the previews: refetching one would run the correction again on the new state for nothing.
export const AFTER_CORRECTION = [
  ["customers", "byId"],
  ["customers", "records"],
  ["customers", "explain"],
  ["customers", "orders"],
  ["customers", "list"],
  ["analytics"],
] as const;

/** A preview is a snapshot the correction re-checks: fetched when asked for, never behind the back. */
export const PREVIEW_QUERY_OPTIONS = {
  staleTime: Number.POSITIVE_INFINITY,
  refetchOnMount: "always",
  refetchOnWindowFocus: false,
  retry: false,
} as const;

/** The query as its view should show it: while a preview is (re)fetched, no earlier answer. */
export function fresh<
  T,
  Q extends { data: T | undefined; error: Error | null; isFetching: boolean },
>(query: Q): Q {
  return query.isFetching ? { ...query, data: undefined, error: null } : query;
}
