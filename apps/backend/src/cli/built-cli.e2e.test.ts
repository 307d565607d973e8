// The built CLI as `pnpm cli`, `pnpm serve` and `pnpm demo` run it (bin/greenloop.mjs: dist/,
// rebuilt when the sources changed): the bundle must work wherever the TypeScript does, which a
// test of the sources cannot tell (files found next to a module, externals resolved from dist/,
// the simulator in its own file).
import { type ChildProcess, spawn } from "node:child_process";
import { stat, utimes } from "node:fs/promises";
import path from "node:path";
import { useTestCleanup } from "@greenloop/db/testing";
import { beforeAll, describe, expect, it } from "vitest";

const backendDir = path.resolve(import.meta.dirname, "../..");
const launcher = path.join(backendDir, "bin", "greenloop.mjs");
const cleanup = useTestCleanup();

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function launch(args: string[], env: Record<string, string> = {}): ChildProcess {
  const child = spawn(process.execPath, [launcher, ...args], {
    cwd: backendDir,
    env: { PATH: process.env.PATH ?? "", HOST: "127.0.0.1", ...env },
  });
  cleanup.defer(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });
  return child;
}

function run(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const child = launch(args, env);
  let [stdout, stderr] = ["", ""];
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) => child.on("exit", (code) => resolve({ code, stdout, stderr })));
}

/** Starts a long-running command and resolves with its --json announcement. */
function announced(child: ChildProcess): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split("\n").find((l) => l.startsWith("{"));
      if (line) resolve(JSON.parse(line));
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("exit", (code) => reject(new Error(`exited ${code} before announcing:\n${stderr}`)));
  });
}

const lastJson = (output: string) => JSON.parse(output.trim().split("\n").at(-1) ?? "null");

describe("the built CLI (bin/greenloop.mjs)", () => {
  beforeAll(async () => {
    // Builds dist/ if it is missing or stale, so the tests below time nothing but themselves.
    const help = await run(["--help"]);
    expect(help.code).toBe(0);
  });

  it("lists the commands for --help", async () => {
    const help = await run(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: pnpm cli <command>");
    expect(help.stdout).toContain("import-ecom");
    expect(help.stderr).not.toContain("Building");
  });

  it("migrates an embedded database, then finds it up to date", async () => {
    const env = { PGLITE_DIR: path.join(cleanup.tempDir("built-cli-"), "db") };
    const first = await run(["migrate", "--json"], env);
    expect(lastJson(first.stdout)).toMatchObject({ ok: true, command: "migrate", changed: true });
    const second = await run(["migrate", "--json"], env);
    expect(lastJson(second.stdout)).toMatchObject({ ok: true, changed: false, upToDate: true });
  });

  it("serves /health from the bundle and stops on SIGTERM", async () => {
    const env = { PGLITE_DIR: path.join(cleanup.tempDir("built-serve-"), "db"), PORT: "0" };
    const serve = launch(["serve", "--json"], env);
    const { url } = (await announced(serve)) as { url: string };
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok", database: { kind: "pglite" } });
    const exited = new Promise((resolve) => serve.on("exit", resolve));
    serve.kill("SIGTERM");
    expect(await exited).toBe(0);
  });

  it("runs the simulator from its own file, outside the production bundle", async () => {
    const simulate = launch(["simulate", "--json", "--port", "0", "--seed", "3"]);
    const { baseUrl, token } = (await announced(simulate)) as { baseUrl: string; token: string };
    const outlets = await fetch(`${baseUrl}/api/2.0/outlets`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(outlets.status).toBe(200);
    simulate.kill("SIGTERM");
  });

  it("rebuilds when a source file changed since the build", async () => {
    const source = path.join(backendDir, "src", "cli", "command.ts");
    // Just after the build: what an edit looks like (a time in the future would stay newer).
    const built = await stat(path.join(backendDir, "dist", "build-stamp.json"));
    const edited = new Date(built.mtimeMs + 1);
    await utimes(source, edited, edited);
    const help = await run(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stderr).toContain(
      "Building the CLI and server (apps/backend/src/cli/command.ts changed)",
    );
    const again = await run(["--help"]);
    expect(again.stderr).not.toContain("Building");
  });
});
