// A PostgreSQL cluster of a test's own, on a free port, to stop under a running app (what the
// shared server must never be put through). Uses the server binaries installed on the machine
// (Debian's /usr/lib/postgresql/<version>/bin); as root they run as the `postgres` user, since
// initdb refuses root. `postgresBinDir` is undefined where there are none: skip the test then.
import { execFile } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { type Database, openDatabase } from "../open-database";
import type { TestCleanup } from "./test-cleanup";

const run = promisify(execFile);

/** The newest installed server's bin directory, if any. */
export const postgresBinDir: string | undefined = findBinDir();

function findBinDir(): string | undefined {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((name) => existsSync(path.join(root, name, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : path.join(root, versions[0], "bin");
}

export interface PostgresCluster {
  /** `postgresql://postgres@127.0.0.1:<port>/postgres` (trust authentication). */
  url: string;
  /** `pg_ctl stop -m fast`: sessions are terminated, new connections refused. */
  stop(): Promise<void>;
  /** Starts it again after `stop` (the same port and data: the outage is over). */
  start(): Promise<void>;
  /** Stops the server if it runs and deletes its directory. */
  remove(): Promise<void>;
}

export async function startPostgresCluster(): Promise<PostgresCluster> {
  const binDir = postgresBinDir;
  if (!binDir) throw new Error("No PostgreSQL server binaries under /usr/lib/postgresql");
  const dir = mkdtempSync(path.join(tmpdir(), "gl-cluster-"));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { stdout } = await run("id", ["-u", "postgres"]);
    const { stdout: gid } = await run("id", ["-g", "postgres"]);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const pg = (tool: string, args: string[]) =>
    asRoot
      ? run("runuser", ["-u", "postgres", "--", path.join(binDir, tool), ...args])
      : run(path.join(binDir, tool), args);
  const data = path.join(dir, "data");
  const port = await freePort();
  let running = false;
  const stop = async () => {
    if (!running) return;
    running = false;
    await pg("pg_ctl", ["stop", "-D", data, "-m", "fast", "-w"]);
  };
  const start = async () => {
    if (running) return;
    await pg("pg_ctl", [
      "start",
      "-D",
      data,
      "-w",
      "-l",
      path.join(dir, "server.log"),
      "-o",
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
    ]);
    running = true;
  };
  try {
    await pg("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync"]);
    await start();
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    stop,
    start,
    async remove() {
      await stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** A migrated database on a cluster of the test's own (both gone after it), and that cluster. */
export async function openClusterDatabase(
  cleanup: TestCleanup,
): Promise<{ db: Database; cluster: PostgresCluster }> {
  const cluster = await startPostgresCluster();
  cleanup.defer(() => cluster.remove());
  const db = await openDatabase({ databaseUrl: cluster.url, poolSize: 2 });
  cleanup.defer(() => db.close().catch(() => undefined));
  await db.migrate();
  return { db, cluster };
}
