// Starts `pnpm cli demo --json` (the simulated store, the backend on a fresh database, the
// dashboard) on free loopback ports, as `pnpm demo` runs it, and reads the URLs it announces.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createScratchDatabase, testServerUrl } from "@greenloop/db/testing";

const repoRoot = path.resolve(import.meta.dirname, "../../..");
const backendDir = path.join(repoRoot, "apps/backend");

/** A viewer token the demo is started with (on top of the operator token it makes up). */
export const demoViewerToken = "e2e-viewer-token-0123456789abcdef";

export interface RunningDemo {
  dashboardUrl: string;
  apiBaseUrl: string;
  simulatorUrl: string;
  simulatorToken: string;
  /** The operator token the demo printed. */
  token: string;
  /** Calls the simulator's control API (`/_sim/...`). */
  simulator(pathname: string, init?: { method?: string; body?: unknown }): Promise<unknown>;
  stop(): Promise<number | null>;
}

interface Announcement {
  dashboardUrl: string | null;
  apiUrl: string;
  simulatorUrl: string;
  simulatorToken: string;
  token: string;
}

/** `env`: more settings for the demo process, e.g. `{ STORE_TIMEZONE: "America/Chicago" }`. */
export async function startDemo(
  options: { env?: Record<string, string> } = {},
): Promise<RunningDemo> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "gl-demo-"));
  const scratch = testServerUrl ? await createScratchDatabase(testServerUrl) : undefined;
  const child: ChildProcess = spawn(
    // One process (tsx's loader in node), so the signals the tests send reach the CLI itself:
    // the tsx command relays them to a child and SIGKILLs it when it answers slowly (under load).
    process.execPath,
    ["--import", "tsx", "src/cli/main.ts", "demo", "--json", "--data-dir", dataDir, "--seed", "7"],
    {
      cwd: backendDir,
      env: {
        PATH: process.env.PATH ?? "",
        HOST: "127.0.0.1",
        PORT: "0",
        MISSING_ORDER_ALERT_DAYS: "3",
        API_TOKENS: `e2e-viewer:viewer:${demoViewerToken}`,
        ...(scratch ? { DATABASE_URL: scratch.url } : {}),
        ...options.env,
      },
    },
  );
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const cleanUp = async () => {
    rmSync(dataDir, { recursive: true, force: true });
    await scratch?.drop();
  };
  let output = "";
  let announced: Announcement;
  try {
    announced = await new Promise<Announcement>((resolve, reject) => {
      child.stdout?.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        const line = output.split("\n").find((text) => text.includes('"dashboardUrl"'));
        if (line) resolve(JSON.parse(line) as Announcement);
      });
      child.stderr?.on("data", (chunk: Buffer) => {
        output += chunk.toString();
      });
      exited.then((code) =>
        reject(new Error(`the demo exited (${code}) before it was ready:\n${output}`)),
      );
    });
  } catch (error) {
    await cleanUp();
    throw error;
  }
  if (!announced.dashboardUrl) {
    child.kill("SIGTERM");
    await exited;
    await cleanUp();
    throw new Error("the demo found no built dashboard: run `vite build` in apps/dashboard first");
  }
  const dashboardUrl = announced.dashboardUrl;
  return {
    dashboardUrl,
    apiBaseUrl: dashboardUrl.replace(/\/$/, ""),
    simulatorUrl: announced.simulatorUrl,
    simulatorToken: announced.simulatorToken,
    token: announced.token,
    async simulator(pathname, init = {}) {
      const response = await fetch(`${announced.simulatorUrl}/_sim${pathname}`, {
        method: init.method ?? (init.body === undefined ? "GET" : "POST"),
        headers: {
          authorization: `Bearer ${announced.simulatorToken}`,
          ...(init.body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      });
      if (!response.ok)
        throw new Error(`simulator ${pathname}: ${response.status} ${await response.text()}`);
      const type = response.headers.get("content-type") ?? "";
      return type.includes("json") ? response.json() : response.text();
    },
    async stop() {
      child.kill("SIGINT");
      const code = await exited;
      await cleanUp();
      return code;
    },
  };
}
