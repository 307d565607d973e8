// One typed API client per signed-in tab, same-origin at /api/trpc (vite dev proxies /api).
import { type ApiClient, createApiClient } from "@greenloop/app-client";
import { createContext, type ReactNode, useContext } from "react";

const ApiClientContext = createContext<ApiClient | null>(null);

/** A client that reads the token on every request, so signing in needs no new client. */
export function createBrowserApiClient(token: () => string | undefined): ApiClient {
  return createApiClient({ baseUrl: window.location.origin, token });
}

export function ApiClientProvider({
  client,
  children,
}: {
  client: ApiClient;
  children: ReactNode;
}) {
  return <ApiClientContext.Provider value={client}>{children}</ApiClientContext.Provider>;
}

export function useApiClient(): ApiClient {
  const client = useContext(ApiClientContext);
  if (!client) throw new Error("useApiClient needs an ApiClientProvider above it.");
  return client;
}
