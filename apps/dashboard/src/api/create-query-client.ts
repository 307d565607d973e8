// The dashboard's QueryClient: a refused token anywhere ends the session (once, here), and
// client errors (4xx) are not retried.
import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { isForbidden, isUnauthorized } from "./api-error";

export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isUnauthorized(error) || isForbidden(error)) return false;
  const status = (error as { data?: { httpStatus?: unknown } } | null)?.data?.httpStatus;
  if (typeof status === "number" && status >= 400 && status < 500) return false;
  return failureCount < 2;
}

export function createQueryClient({ onUnauthorized }: { onUnauthorized: () => void }) {
  const onError = (error: unknown) => {
    if (isUnauthorized(error)) onUnauthorized();
  };
  return new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 15_000, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}
