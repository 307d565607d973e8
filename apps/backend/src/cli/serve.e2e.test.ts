// `pnpm cli serve` as an operator runs it: a real process, real HTTP on loopback, real signals.
import { type ChildProcess, spawn } from "node:child_process";
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

const backendDir = path.resolve(import.meta.dirname, "../..");
const cleanup = useTestCleanup();

interface ServeProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
  stdout: () => string;
  exited: Promise<number | null>;
}

/** Starts `cli serve` on a free port and resolves once it prints where it listens. */
function startServe(env: Record<string, string>, args: string[] = []): Promise<ServeProcess> {
  const child = spawn(
    path.join(backendDir, "node_modules/.bin/tsx"),
    ["src/cli/main.ts", "serve", ...args],
    {
      cwd: backendDir,
      env: { PATH: process.env.PATH ?? "", PORT: "0", HOST: "127.0.0.1", ...env },
    },
  );
  let output = "";
  let stdout = "";
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  cleanup.defer(() => {
    if (child.exitCode === null) child.kill("SIGKILL");
  });
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+) |"url":"(http:\/\/[^"]+)"/.exec(output);
      const url = match?.[1] ?? match?.[2];
      if (url) resolve({ child, url, output: () => output, stdout: () => stdout, exited });
    };
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      onData(chunk);
    });
    child.stderr.on("data", onData);
    exited.then((code) => reject(new Error(`serve exited (${code}) before listening:\n${output}`)));
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
    const health = await fetch(`${first.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({
      status: "ok",
      database: { kind: testDatabaseKind },
    });
    const client = createTRPCClient<AppRouter>({
      links: [httpLink({ url: `${first.url}/api/trpc`, transformer: superjson })],
    });
    expect((await client.system.status.query()).counts?.customers).toBe(0);
    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain("Stopped (SIGTERM).");
    expect(first.output()).toContain("applied migrations");

    // While it is down, write through the database layer (PGlite allows one process at a time).
    const db = await openDatabase({ databaseUrl: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR });
    await db.prisma.customer.create({ data: { displayName: "Kept across restarts" } });
    await db.close();

    const second = await startServe(env);
    const again = createTRPCClient<AppRouter>({
      links: [httpLink({ url: `${second.url}/api/trpc`, transformer: superjson })],
    });
    expect((await again.system.status.query()).counts?.customers).toBe(1);
    second.child.kill("SIGINT");
    expect(await second.exited).toBe(0);
    // The restart found the schema current and applied nothing again.
    expect(second.output()).toContain("database schema is up to date");
    expect(second.output()).not.toContain("applied migrations");
  });

  it("under --json prints one JSON line once it listens, and nothing more on stdout", async () => {
    const env = await freshDatabaseEnv();
    const serve = await startServe(env, ["--json"]);
    serve.child.kill("SIGTERM");
    expect(await serve.exited).toBe(0);
    const lines = serve.stdout().trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? "")).toEqual({
      ok: true,
      command: "serve",
      url: serve.url,
      database: { kind: testDatabaseKind, location: expect.any(String) },
    });
  });
});
