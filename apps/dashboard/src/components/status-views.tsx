// Loading, error and empty states, plainly, and one wrapper that picks among them for a query.
import type { ReactNode } from "react";
import { errorMessage } from "../api/api-error";

export function Loading({ label = "Loading…" }: { label?: string }) {
  return (
    <p className="muted loading" role="status" data-testid="loading">
      {label}
    </p>
  );
}

export function ErrorNote({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <div className="error-note" role="alert" data-testid="error">
      <span>{errorMessage(error)}</span>
      {onRetry ? (
        <button type="button" className="link-button" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

export function Empty({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <p className="muted empty" data-testid={testId ?? "empty"}>
      {children}
    </p>
  );
}

export interface QueryLike<T> {
  data: T | undefined;
  error: Error | null;
  isPending: boolean;
  refetch: () => unknown;
}

export interface QueryViewProps<T> {
  query: QueryLike<T>;
  children: (data: T) => ReactNode;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  emptyTestId?: string;
  loadingLabel?: string;
}

/** Renders the query's data, or its loading, error or empty state. */
export function QueryView<T>({
  query,
  children,
  isEmpty,
  empty,
  emptyTestId,
  loadingLabel,
}: QueryViewProps<T>) {
  if (query.data !== undefined) {
    if (isEmpty?.(query.data)) {
      return <Empty testId={emptyTestId}>{empty ?? "Nothing here yet."}</Empty>;
    }
    return <>{children(query.data)}</>;
  }
  if (query.error) return <ErrorNote error={query.error} onRetry={() => void query.refetch()} />;
  return <Loading {...(loadingLabel ? { label: loadingLabel } : {})} />;
}
