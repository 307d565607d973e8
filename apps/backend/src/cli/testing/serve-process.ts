// Test support: `pnpm cli serve` as a real process on a free port, and a typed API client of it
// with the viewer or operator token it is configured with.
import type { TestCleanup } from "@greenloop/db/testing";
import { createTRPCClient, httpLink } from "@trpc/client";
import { apiTransformer } from "../../trpc/api-transformer";
import type { AppRouter } from "../../trpc/root";
import { testTokens } from "../../trpc/testing/api-test-kit";
import { spawnCli } from "./spawn-cli";

/** Starts `cli serve`; `ready` is the URL it listens on. */
export function startServe(
  cleanup: Pick<TestCleanup, "defer">,
  env: Record<string, string>,
  args: string[] = [],
) {
  return spawnCli({
    args: ["serve", ...args],
    env: {
      PORT: "0",
      API_TOKENS: `e2e-viewer:viewer:${testTokens.viewer},e2e-operator:operator:${testTokens.operator}`,
      ...env,
    },
    ready: /listening on (http:\/\/\S+) |"url":"(http:\/\/[^"]+)"/,
    defer: cleanup.defer,
  });
}

/** A tRPC client of the server at `url`, with a token `startServe` configures. */
export function serveApiClient(url: string, role: "viewer" | "operator" = "viewer") {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${url}/api/trpc`,
        transformer: apiTransformer,
        headers: { authorization: `Bearer ${testTokens[role]}` },
      }),
    ],
  });
}
