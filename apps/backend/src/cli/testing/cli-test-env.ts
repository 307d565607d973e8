// Helpers for CLI tests: a fresh database of the kind under test, and runCli in-process with its
// stdout, stderr and logs captured.
import path from "node:path";
import { createScratchDatabase, type TestCleanup, testServerUrl } from "@greenloop/db/testing";
import { runCli } from "../run-cli";

/** Environment naming a fresh database: a scratch PostgreSQL one, or a new PGlite directory. */
export async function freshDatabaseEnv(cleanup: TestCleanup): Promise<Record<string, string>> {
  if (!testServerUrl) return { PGLITE_DIR: path.join(cleanup.tempDir(), "pglite") };
  const scratch = await createScratchDatabase(testServerUrl);
  cleanup.defer(scratch.drop);
  return { DATABASE_URL: scratch.url };
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
