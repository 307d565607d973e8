// The GreenLoop API client: tRPC 11 over httpLink at `<baseUrl>/api/trpc` (what the app already
// uses), the backend's wire transformer (superjson + Decimal), and a bearer token — a staff API
// token, or a customer's session token from `auth.verifyCode`. Typed only by `AppRouter`.
import type { AppRouter } from "@greenloop/backend";
import { apiTransformer } from "@greenloop/backend/api-transformer";
import { createTRPCClient, httpLink } from "@trpc/client";

export type ApiClient = ReturnType<typeof createTRPCClient<AppRouter>>;

export function createApiClient({
  baseUrl,
  token,
}: {
  baseUrl: string;
  /** Read on every request, so a client can sign in and keep its instance. */
  token?: string | (() => string | undefined);
}): ApiClient {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${baseUrl.replace(/\/$/, "")}/api/trpc`,
        transformer: apiTransformer,
        headers() {
          const value = typeof token === "function" ? token() : token;
          return value ? { authorization: `Bearer ${value}` } : {};
        },
      }),
    ],
  });
}
