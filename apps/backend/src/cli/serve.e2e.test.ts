// `pnpm cli serve` as an operator runs it: a real process, real HTTP on loopback, real signals.
import path from "node:path";
import { openDatabase } from "@greenloop/db";
import {
  createScratchDatabase,
  testDatabaseKind,
  testServerUrl,
  useTestCleanup,
} from "@greenloop/db/testing";
import { createTRPCClient, httpLink } from "@trpc/client";
import superjson from "superjson";
import { describe, expect, it } from "vitest";
import type { AppRouter } from "../trpc/root";
import { spawnCli } from "./testing/spawn-cli";

const cleanup = useTestCleanup();

/** Starts `cli serve` on a free port; `ready` is the URL it listens on. */
function startServe(env: Record<string, string>, args: string[] = []) {
  return spawnCli({
    args: ["serve", ...args],
    env: { PORT: "0", ...env },
    ready: /listening on (http:\/\/\S+) |"url":"(http:\/\/[^"]+)"/,
    defer: cleanup.defer,
  });
}

/** Environment for a server on a fresh database of the kind under test. */
async function freshDatabaseEnv(): Promise<Record<string, string>> {
  if (!testServerUrl) return { PGLITE_DIR: path.join(cleanup.tempDir(), "pglite") };
  const scratch = await createScratchDatabase(testServerUrl);
  cleanup.defer(scratch.drop);
  return { DATABASE_URL: scratch.url };
}

describe(`pnpm cli serve (${testDatabaseKind})`, () => {
  it("serves health and tRPC, stops cleanly on SIGTERM, and keeps the data across restarts", async () => {
    const env = await freshDatabaseEnv();

    const first = await startServe(env);
    const health = await fetch(`${first.ready}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({
      status: "ok",
      database: { kind: testDatabaseKind },
    });
    const client = createTRPCClient<AppRouter>({
      links: [httpLink({ url: `${first.ready}/api/trpc`, transformer: superjson })],
    });
    expect((await client.system.status.query()).counts?.customers).toBe(0);
    expect(await first.stop("SIGTERM")).toBe(0);
    expect(first.output()).toContain("Stopped (SIGTERM).");
    expect(first.output()).toContain("applied migrations");

    // While it is down, write through the database layer (PGlite allows one process at a time).
    const db = await openDatabase({ databaseUrl: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR });
    await db.prisma.customer.create({ data: { displayName: "Kept across restarts" } });
    await db.close();

    const second = await startServe(env);
    const again = createTRPCClient<AppRouter>({
      links: [httpLink({ url: `${second.ready}/api/trpc`, transformer: superjson })],
    });
    expect((await again.system.status.query()).counts?.customers).toBe(1);
    expect(await second.stop("SIGINT")).toBe(0);
    // The restart found the schema current and applied nothing again.
    expect(second.output()).toContain("database schema is up to date");
    expect(second.output()).not.toContain("applied migrations");
  });

  it("under --json prints one JSON line once it listens, and nothing more on stdout", async () => {
    const env = await freshDatabaseEnv();
    const serve = await startServe(env, ["--json"]);
    expect(await serve.stop()).toBe(0);
    const lines = serve.stdout().trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? "")).toEqual({
      ok: true,
      command: "serve",
      url: serve.ready,
      database: { kind: testDatabaseKind, location: expect.any(String) },
    });
  });
});
