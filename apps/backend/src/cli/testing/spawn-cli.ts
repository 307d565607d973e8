// Runs `pnpm cli <command>` as a real process for end-to-end tests, and waits until it is ready.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

const backendDir = path.resolve(import.meta.dirname, "../../..");

export interface CliProcess {
  child: ChildProcess;
  /** The first capture group of `ready` (e.g. the URL it listens on). */
  ready: string;
  stdout(): string;
  /** stdout and stderr interleaved. */
  output(): string;
  exited: Promise<number | null>;
  /** Sends the signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface SpawnCliOptions {
  args: string[];
  env?: Record<string, string>;
  /** Resolves once the output matches; its first capture group becomes `ready`. */
  ready: RegExp;
  /** Match `ready` against stdout only (e.g. the --json line), not the logs on stderr too. */
  readyOnStdout?: boolean;
  /** Registers the kill-if-still-running cleanup. */
  defer(undo: () => unknown): void;
}

export function spawnCli({
  args,
  env = {},
  ready,
  readyOnStdout = false,
  defer,
}: SpawnCliOptions): Promise<CliProcess> {
  const child = spawn(
    // One process (tsx's loader in node), so the signals the tests send reach the CLI itself:
    // the tsx command relays them to a child and SIGKILLs it when it answers slowly (under load).
    process.execPath,
    ["--import", "tsx", "src/cli/main.ts", ...args],
    {
      cwd: backendDir,
      // A clean environment: only what the test gives (plus PATH), never the developer's .env values.
      env: { PATH: process.env.PATH ?? "", HOST: "127.0.0.1", ...env },
    },
  );
  let output = "";
  let stdout = "";
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  defer(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });
  return new Promise((resolve, reject) => {
    let resolved = false;
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(readyOnStdout ? stdout : output);
      if (match && !resolved) {
        resolved = true;
        resolve({
          child,
          ready: match.slice(1).find((group) => group !== undefined) ?? match[0],
          stdout: () => stdout,
          output: () => output,
          exited,
          stop(signal = "SIGTERM") {
            child.kill(signal);
            return exited;
          },
        });
      }
    };
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      onData(chunk);
    });
    child.stderr.on("data", onData);
    exited.then((code) => {
      if (!resolved)
        reject(new Error(`cli ${args.join(" ")} exited (${code}) before it was ready:\n${output}`));
    });
  });
}
