// The API for HTTP tests: the real Hono app on the real server on loopback, and typed tRPC 11
// clients (httpLink, superjson with Decimal) presenting a bearer token as the app and dashboard do.
import type { TestCleanup } from "@greenloop/db/testing";
import { createTRPCClient, httpLink, type TRPCClient } from "@trpc/client";
import { createLogger } from "../../logger";
import { apiTransformer } from "../../trpc/api-transformer";
import type { AppRouter } from "../../trpc/root";
import { testApiEnv } from "../../trpc/testing/api-test-kit";
import { type AppDependencies, createApp } from "../app";
import { type RunningServer, startServer } from "../start-server";

export type ApiClient = TRPCClient<AppRouter>;

export interface LoopbackApi {
  server: RunningServer;
  /** A client sending `Authorization: Bearer <token>`, or no Authorization header at all. */
  clientWith(token?: string): ApiClient;
}

/**
 * Serves `createApp` (a silent logger and the test API tokens unless given) on 127.0.0.1 at a free
 * port; the server closes after the test.
 */
export async function serveApiOnLoopback(
  cleanup: TestCleanup,
  dependencies: Omit<AppDependencies, "logger"> & Partial<Pick<AppDependencies, "logger">>,
): Promise<LoopbackApi> {
  const app = createApp({
    logger: createLogger({ level: "silent" }),
    env: testApiEnv(),
    ...dependencies,
  });
  const server = await startServer(app, { port: 0, host: "127.0.0.1" });
  cleanup.defer(() => server.close());
  return {
    server,
    clientWith: (token) =>
      createTRPCClient<AppRouter>({
        links: [
          httpLink({
            url: `${server.url}/api/trpc`,
            transformer: apiTransformer,
            headers: token ? { authorization: `Bearer ${token}` } : {},
          }),
        ],
      }),
  };
}
