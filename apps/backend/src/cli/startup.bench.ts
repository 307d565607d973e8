// How long the CLI and the server take to start, as a user runs them from the repository root,
// against the floor of starting Node through pnpm at all (`pnpm exec node -e 0`), in the same run:
// `pnpm cli --help`, `pnpm cli migrate` on an up-to-date database, and `pnpm serve` until /health
// answers, on the database under test (a PGlite directory, or PostgreSQL with DATABASE_URL). The
// database commands have a second floor: Node opening that database and asking `SELECT 1`, alone
// (PGlite's start is most of it on the embedded database). Each is measured both ways: the built CLI (dist/, what `pnpm cli` runs) and
// the TypeScript through tsx (what it ran before, and what development and tests still run).
// Median of STARTUP_BENCH_RUNS (default 7). Prints one `startup {…}` line per measure; Vitest's
// own table is not the measure.
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { useTestCleanup } from "@greenloop/db/testing";
import { bench, describe } from "vitest";

const RUNS = Number(process.env.STARTUP_BENCH_RUNS ?? 7);
const repoRoot = path.resolve(import.meta.dirname, "../../../..");
const cleanup = useTestCleanup();
const pgliteDir = mkdtempSync(path.join(tmpdir(), "startup-bench-"));
cleanup.defer(() => rm(pgliteDir, { recursive: true, force: true }));

const databaseUrl = process.env.DATABASE_URL;
const env = {
  PATH: process.env.PATH ?? "",
  HOME: process.env.HOME ?? "",
  ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { PGLITE_DIR: pgliteDir }),
  PORT: "0",
  HOST: "127.0.0.1",
};
const database = databaseUrl ? "postgres" : "pglite";

/** Node opening the database and asking SELECT 1 (run in packages/db, which has both drivers). */
const openDatabaseFloor = databaseUrl
  ? `import pg from "pg"; const c = new pg.Client(process.env.DATABASE_URL); await c.connect();
     await c.query("SELECT 1"); await c.end();`
  : `import { PGlite } from "@electric-sql/pglite"; const db = await PGlite.create(process.env.PGLITE_DIR);
     await db.query("SELECT 1"); await db.close();`;

type Way = "built" | "tsx";
const cliArgs = (way: Way) =>
  way === "built" ? ["cli"] : ["exec", "node", "--import", "tsx", "apps/backend/src/cli/main.ts"];

/** Milliseconds from spawning `pnpm …` until it exits (or until `until` says it is done). */
function timeRun(
  args: string[],
  until?: (output: string) => Promise<boolean> | boolean,
  cwd = repoRoot,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn("pnpm", ["--silent", ...args], { cwd, env });
    let output = "";
    let done = false;
    const finish = (ms: number) => {
      done = true;
      child.kill("SIGTERM");
      resolve(ms);
    };
    child.stdout.on("data", async (chunk: Buffer) => {
      output += chunk.toString();
      if (until && !done && (await until(output))) finish(performance.now() - started);
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on("exit", (code) => {
      if (done) return;
      if (until || code !== 0)
        reject(new Error(`pnpm ${args.join(" ")} exited ${code}:\n${output}`));
      else resolve(performance.now() - started);
    });
  });
}

/** Once serve prints its URL, asks /health until it answers 200. */
async function healthAnswers(output: string): Promise<boolean> {
  const url = /"url":"(http:\/\/[^"]+)"/.exec(output)?.[1];
  if (!url) return false;
  for (;;) {
    const response = await fetch(`${url}/health`).catch(() => null);
    if (response?.ok) return true;
  }
}

async function median(measure: () => Promise<number>): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run += 1) times.push(await measure());
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(times.length / 2)] ?? Number.NaN);
}

async function measureAll(): Promise<void> {
  // Builds dist/ when stale (not measured), and migrates the database the measures then find up to date.
  await timeRun([...cliArgs("built"), "migrate"]);
  const floor = await median(() => timeRun(["exec", "node", "-e", "0"]));
  report({ measure: "pnpm exec node -e 0 (floor)", ms: floor });
  const dbFloor = await median(() =>
    timeRun(
      ["exec", "node", "--input-type=module", "-e", openDatabaseFloor],
      undefined,
      path.join(repoRoot, "packages", "db"),
    ),
  );
  report({ measure: "pnpm exec node: open the database, SELECT 1 (floor)", database, ms: dbFloor });
  for (const way of ["built", "tsx"] as const) {
    const help = await median(() => timeRun([...cliArgs(way), "--help"]));
    report({ measure: "cli --help", way, ms: help, vsFloor: ratio(help, floor) });
    const migrate = await median(() => timeRun([...cliArgs(way), "migrate"]));
    report({
      measure: "cli migrate (up to date)",
      way,
      database,
      ms: migrate,
      vsFloor: ratio(migrate, floor),
      vsDatabaseFloor: ratio(migrate, dbFloor),
    });
    const serve = await median(() => timeRun([...cliArgs(way), "serve", "--json"], healthAnswers));
    report({
      measure: "serve → /health 200",
      way,
      database,
      ms: serve,
      vsFloor: ratio(serve, floor),
      vsDatabaseFloor: ratio(serve, dbFloor),
    });
  }
  await cleanup.flush();
}

const ratio = (ms: number, floor: number) => Math.round((ms / floor) * 100) / 100;

function report(line: Record<string, unknown>): void {
  process.stdout.write(`startup ${JSON.stringify(line)}\n`);
}

describe("startup", () => {
  bench("pnpm cli --help, migrate and serve against pnpm exec node -e 0", measureAll, {
    iterations: 1,
    warmupIterations: 0,
    time: 0,
    warmupTime: 0,
  });
});
