// Starts the real backend (`pnpm cli serve --json`) on a free loopback port with a fresh
// database, a staff token per role and a mail outbox directory, as a client sees it in production.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createScratchDatabase, testServerUrl } from "@greenloop/db/testing";

const backendDir = path.resolve(import.meta.dirname, "../../../backend");

export const backendTokens = {
  viewer: "client-viewer-token-0123456789abcdef",
  operator: "client-operator-token-0123456789abcdef",
} as const;

export interface RunningBackend {
  url: string;
  /** The newest mail the backend wrote to its outbox for `to`. */
  lastMailTo(to: string): string | undefined;
  stop(): Promise<void>;
}

export async function startBackend(): Promise<RunningBackend> {
  const dir = mkdtempSync(path.join(tmpdir(), "gl-client-"));
  const outbox = path.join(dir, "outbox");
  const scratch = testServerUrl ? await createScratchDatabase(testServerUrl) : undefined;
  const child: ChildProcess = spawn(
    // One process (tsx's loader in node), so the signals the tests send reach the CLI itself:
    // the tsx command relays them to a child and SIGKILLs it when it answers slowly (under load).
    process.execPath,
    ["--import", "tsx", "src/cli/main.ts", "serve", "--json"],
    {
      cwd: backendDir,
      env: {
        PATH: process.env.PATH ?? "",
        HOST: "127.0.0.1",
        PORT: "0",
        ...(scratch ? { DATABASE_URL: scratch.url } : { PGLITE_DIR: path.join(dir, "pglite") }),
        API_TOKENS: `dash:viewer:${backendTokens.viewer},ops:operator:${backendTokens.operator}`,
        MAIL_OUTBOX_DIR: outbox,
      },
    },
  );
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const cleanUp = async () => {
    rmSync(dir, { recursive: true, force: true });
    await scratch?.drop();
  };
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"url":"(http:\/\/[^"]+)"/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    exited.then(() => reject(new Error(`the backend exited before it listened:\n${output}`)));
  }).catch(async (error: unknown) => {
    await cleanUp();
    throw error;
  });
  return {
    url,
    lastMailTo(to) {
      const files = readdirSync(outbox, { withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => path.join(outbox, entry.name))
        .sort();
      const texts = files.map((file) => readFileSync(file, "utf8"));
      return texts.findLast((text) => text.includes(`To: ${to}`));
    },
    async stop() {
      child.kill("SIGTERM");
      await exited;
      await cleanUp();
    },
  };
}
