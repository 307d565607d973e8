// Helpers for CLI tests: a fresh database of the kind under test (empty, or holding a simulated
// store), and runCli in-process with its stdout, stderr and logs captured.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { createScratchDatabase, type TestCleanup, testServerUrl } from "@greenloop/db/testing";
import type { RunningSimulator } from "@greenloop/lightspeed-simulator";
import { expect } from "vitest";
import { runCli } from "../run-cli";

/** Environment naming a fresh database: a scratch PostgreSQL one, or a new PGlite directory. */
export async function freshDatabaseEnv(cleanup: TestCleanup): Promise<Record<string, string>> {
  if (!testServerUrl) return { PGLITE_DIR: path.join(cleanup.tempDir(), "pglite") };
  const scratch = await createScratchDatabase(testServerUrl);
  cleanup.defer(scratch.drop);
  return { DATABASE_URL: scratch.url };
}

/** A fresh database, and the simulated store's Lightspeed API and time zone. */
export async function simulatedStoreEnv(
  cleanup: TestCleanup,
  sim: RunningSimulator,
): Promise<Record<string, string>> {
  return {
    ...(await freshDatabaseEnv(cleanup)),
    LIGHTSPEED_BASE_URL: sim.baseUrl,
    LIGHTSPEED_TOKEN: sim.token,
    STORE_TIMEZONE: sim.store.timeZone,
  };
}

/**
 * As simulatedStoreEnv, the store synced (`sync`) and its eCom export as of now imported.
 * `settings` adds variables, e.g. `LIGHTSPEED_API_VERSION`.
 */
export async function syncedStoreEnv(
  cleanup: TestCleanup,
  sim: RunningSimulator,
  settings: Record<string, string> = {},
): Promise<Record<string, string>> {
  const env = { ...(await simulatedStoreEnv(cleanup, sim)), ...settings };
  const exportFile = path.join(cleanup.tempDir(), "orders.csv");
  await writeFile(exportFile, sim.store.ecomCsvExport());
  await cliJson(["sync"], env);
  await cliJson(["import-ecom", exportFile], env);
  return env;
}

export interface CliRun {
  exitCode: number;
  stdout: string;
  stderr: string;
  logs: string;
  /** The last line of stdout (the --json object). */
  lastLine: string;
}

export async function runCliCaptured(
  argv: string[],
  env: Record<string, string>,
  options: { shutdown?: AbortSignal; onStdout?: (text: string) => void } = {},
): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  let logs = "";
  const exitCode = await runCli(argv, {
    env,
    ...(options.shutdown ? { shutdown: options.shutdown } : {}),
    stdout: (text) => {
      stdout += text;
      options.onStdout?.(text);
    },
    stderr: (text) => {
      stderr += text;
    },
    logDestination: {
      write: (line) => {
        logs += line;
      },
    },
  });
  return { exitCode, stdout, stderr, logs, lastLine: stdout.trimEnd().split("\n").at(-1) ?? "" };
}

/** The `--json` answer of a command that must succeed (the test fails with its logs otherwise). */
export async function cliJson(argv: string[], env: Record<string, string>) {
  const run = await runCliCaptured([...argv, "--json"], env);
  if (run.exitCode !== 0) throw new Error(`${argv.join(" ")} failed: ${run.lastLine}\n${run.logs}`);
  return JSON.parse(run.lastLine);
}

/** Each command fails with BAD_INPUT and a message matching its pattern. */
export async function expectBadInput(
  cases: Array<[argv: string[], message: RegExp]>,
  env: Record<string, string>,
): Promise<void> {
  for (const [argv, message] of cases) {
    const run = await runCliCaptured([...argv, "--json"], env);
    expect(run.exitCode, argv.join(" ")).not.toBe(0);
    expect(JSON.parse(run.lastLine)).toMatchObject({
      ok: false,
      error: { code: "BAD_INPUT", message: expect.stringMatching(message) },
    });
  }
}
