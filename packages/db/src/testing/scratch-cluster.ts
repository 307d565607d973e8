// Test support: a PostgreSQL server of the test's own, made with initdb in a temp directory and run
// by pg_ctl on a free port, so a test can stop and start it under a running process (a database
// outage). Never the shared server, which other tests and CI use. Resolves null where the server
// binaries are not installed (the test then says it skipped). As root, the server runs as `postgres`.
import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { TestCleanup } from "./test-cleanup";

const run = promisify(execFile);

export interface ScratchCluster {
  /** `postgresql://postgres@127.0.0.1:<port>/postgres` (trust authentication). */
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
}

function serverBinaries(): string | null {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const [version] = readdirSync(root).sort().reverse();
  const bin = version ? path.join(root, version, "bin") : null;
  return bin && existsSync(path.join(bin, "pg_ctl")) ? bin : null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

export async function startScratchCluster(
  cleanup: Pick<TestCleanup, "defer">,
): Promise<ScratchCluster | null> {
  const bin = serverBinaries();
  if (bin === null) return null;
  const asRoot = process.getuid?.() === 0;
  const exec = (tool: string, args: string[]) =>
    asRoot
      ? run("runuser", ["-u", "postgres", "--", path.join(bin, tool), ...args])
      : run(path.join(bin, tool), args);
  const dir = await mkdtemp(path.join(tmpdir(), "greenloop-pg-"));
  // The server's user must own its directory.
  if (asRoot) await run("chown", ["postgres", dir]);
  else await chmod(dir, 0o700);
  const data = path.join(dir, "data");
  await exec("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
  const cluster: ScratchCluster = {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    async start() {
      await exec("pg_ctl", ["-D", data, "-o", options, "-l", path.join(dir, "log"), "-w", "start"]);
    },
    async stop() {
      await exec("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
    },
  };
  await cluster.start();
  cleanup.defer(async () => {
    await cluster.stop().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  });
  return cluster;
}
