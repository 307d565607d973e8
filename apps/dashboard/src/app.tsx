// The dashboard: providers, the sign-in gate and the signed-in layout with its pages.
import { QueryClientProvider } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { ApiClientProvider, createBrowserApiClient } from "./api/api-context";
import { createQueryClient } from "./api/create-query-client";
import { buildQueryKey } from "./api/query-key";
import { useApiQuery } from "./api/use-api";
import { AuthProvider, staffOf } from "./auth/auth-context";
import { readSessionToken, writeSessionToken } from "./auth/session-token";
import { SignInPage } from "./auth/sign-in-page";
import { ErrorNote, Loading } from "./components/status-views";
import { Layout } from "./layout";
import { CustomerDetailPage } from "./pages/customers/customer-detail-page";
import { CustomersPage } from "./pages/customers/customers-page";
import { ImportsPage } from "./pages/imports/imports-page";
import { OverviewPage } from "./pages/overview/overview-page";
import { SyncPage } from "./pages/sync/sync-page";
import type { Route } from "./routing/routes";
import { Link, useRoute } from "./routing/use-route";
import { StoreTimeProvider } from "./store-time/store-time-context";

const SESSION_ENDED = "The server refused your token (it may have been revoked). Sign in again.";

export function App() {
  const [token, setToken] = useState(readSessionToken);
  const [notice, setNotice] = useState<string>();
  const signOutRef = useRef<(notice?: string) => void>(() => undefined);
  const [client] = useState(() => createBrowserApiClient(readSessionToken));
  const [queryClient] = useState(() =>
    createQueryClient({ onUnauthorized: () => signOutRef.current(SESSION_ENDED) }),
  );

  const signOut = useCallback(
    (message?: string) => {
      writeSessionToken(undefined);
      setToken(undefined);
      setNotice(message);
      queryClient.clear();
    },
    [queryClient],
  );
  useEffect(() => {
    signOutRef.current = signOut;
  }, [signOut]);

  return (
    <QueryClientProvider client={queryClient}>
      <ApiClientProvider client={client}>
        {token ? (
          <SignedIn signOut={signOut} />
        ) : (
          <SignInPage
            notice={notice}
            onSignedIn={(newToken, staff) => {
              writeSessionToken(newToken);
              queryClient.setQueryData(buildQueryKey(["auth", "whoami"]), staff);
              setNotice(undefined);
              setToken(newToken);
            }}
          />
        )}
      </ApiClientProvider>
    </QueryClientProvider>
  );
}

function SignedIn({ signOut }: { signOut: (notice?: string) => void }) {
  const whoami = useApiQuery((api) => api.auth.whoami, undefined, { staleTime: Infinity });
  const route = useRoute();
  const staff = whoami.data ? staffOf(whoami.data) : undefined;

  useEffect(() => {
    if (staff && "refused" in staff) signOut(staff.refused);
  }, [staff, signOut]);

  if (!staff || "refused" in staff) {
    return (
      <main className="sign-in">
        {whoami.error ? (
          <div className="card sign-in-card">
            <ErrorNote error={whoami.error} onRetry={() => void whoami.refetch()} />
            <button type="button" onClick={() => signOut()}>
              Sign out
            </button>
          </div>
        ) : (
          <Loading label="Checking your token…" />
        )}
      </main>
    );
  }
  return (
    <AuthProvider
      value={{
        staff,
        isOperator: staff.role === "operator",
        signOut,
      }}
    >
      <StoreTimeProvider>
        <Layout route={route}>
          <Page route={route} />
        </Layout>
      </StoreTimeProvider>
    </AuthProvider>
  );
}

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case "overview":
      return <OverviewPage />;
    case "customers":
      return <CustomersPage />;
    case "customer":
      return <CustomerDetailPage customerId={route.customerId} />;
    case "sync":
      return <SyncPage />;
    case "imports":
      return <ImportsPage runId={route.runId} />;
    case "notFound":
      return (
        <div className="card" data-testid="not-found">
          <h2>No such page</h2>
          <p>
            Nothing lives at <code>{route.path}</code>.{" "}
            <Link to={{ page: "overview" }}>Overview</Link>
          </p>
        </div>
      );
  }
}
