// Test support: `pnpm cli serve` as a real process on a free port, and a typed API client of it
// with the viewer token it is configured with.
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
    env: { PORT: "0", API_TOKENS: `e2e-viewer:viewer:${testTokens.viewer}`, ...env },
    ready: /listening on (http:\/\/\S+) |"url":"(http:\/\/[^"]+)"/,
    defer: cleanup.defer,
  });
}

/** A tRPC client of the server at `url`, as the viewer `startServe` configures. */
export function serveApiClient(url: string) {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${url}/api/trpc`,
        transformer: apiTransformer,
        headers: { authorization: `Bearer ${testTokens.viewer}` },
      }),
    ],
  });
}

/** Retries an assertion about a background process until it holds (bounded; not a timing test). */
export async function eventually(assertion: () => Promise<void>, attempts = 150): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await assertion();
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
