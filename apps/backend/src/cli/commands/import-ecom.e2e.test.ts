// `pnpm cli import-ecom` as a real process killed with SIGKILL mid-file (issue 18): its run must
// not stay RUNNING forever. The next process that looks shows it INTERRUPTED with what it
// committed, once its heartbeat is older than the grace period, and re-running the file completes
// it with exactly the data of a clean import.
import path from "node:path";
import { type Database, openDatabase } from "@greenloop/db";
import { testDatabaseKind, testServerUrl, useTestCleanup } from "@greenloop/db/testing";
import { describe, expect, it } from "vitest";
import type { Env } from "../../env";
import {
  GENERATED_EXPORT_TIME_ZONE,
  writeGeneratedExport,
} from "../../imports/testing/generated-export";
import { canonicalSnapshot } from "../../merge/testing/canonical-snapshot";
import { testApi, testApiEnv } from "../../trpc/testing/api-test-kit";
import { freshDatabaseEnv, runCliCaptured } from "../testing/cli-test-env";
import { eventually } from "../testing/eventually";
import { spawnCli } from "../testing/spawn-cli";

const cleanup = useTestCleanup();

/** Four parser batches of 2,000 orders: the kill lands after the first commit, well before the end. */
const ORDERS = 8_000;

function open(env: Record<string, string>): Promise<Database> {
  return openDatabase({ databaseUrl: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR });
}

/** A fresh database and a generated export of ORDERS orders to import into it. */
async function freshDatabaseAndExport(): Promise<{ env: Record<string, string>; file: string }> {
  const env = await freshDatabaseEnv(cleanup);
  const file = path.join(cleanup.tempDir(), "orders.csv");
  await writeGeneratedExport(file, ORDERS);
  return { env, file };
}

/** `imports.list` as the next process sees it, with this grace period. */
async function listRuns(db: Database, heartbeatGraceMs: number) {
  const env: Env = { ...testApiEnv(), imports: { heartbeatGraceMs } };
  const { caller } = await testApi(db, "viewer", { env });
  return (await caller.imports.list({ limit: 10 })).runs;
}

/** The eCom mirror and the canonical state, free of generated ids and times. */
async function dataOf(env: Record<string, string>) {
  const db = await open(env);
  try {
    const ecomOrders = await db.prisma.ecomOrder.findMany({
      orderBy: { orderNumber: "asc" },
      select: { orderNumber: true, contentHash: true, placedAt: true, total: true },
    });
    return {
      ecomOrders: ecomOrders.map((order) => ({ ...order, total: order.total.toString() })),
      ecomOrderItems: await db.prisma.ecomOrderItem.count(),
      canonical: await canonicalSnapshot(db),
    };
  } finally {
    await db.close();
  }
}

describe(`pnpm cli import-ecom killed mid-file (${testDatabaseKind})`, () => {
  it("shows the killed run INTERRUPTED with what it committed once its heartbeat is past the grace period, and a re-run completes the file exactly", {
    timeout: 240_000,
  }, async () => {
    const { env, file } = await freshDatabaseAndExport();

    // Wait until at least one chunk is committed: on PostgreSQL the run's counts say so; PGlite's
    // data directory belongs to the importing process, which logs each committed batch.
    const cli = await spawnCli({
      args: ["import-ecom", file, "--json"],
      env: { ...env, LOG_LEVEL: "debug", STORE_TIMEZONE: GENERATED_EXPORT_TIME_ZONE },
      ready: testServerUrl ? /"msg":"applied migrations"/ : /"msg":"eCom import progress"/,
      defer: cleanup.defer,
    });
    if (testServerUrl) {
      const db = await open(env);
      try {
        await eventually(async () => {
          const run = await db.prisma.importRun.findFirst({ select: { ordersCreated: true } });
          expect(run?.ordersCreated).toBeGreaterThan(0);
        }, 300);
      } finally {
        await db.close();
      }
    }
    await cli.stop("SIGKILL");
    expect(cli.child.signalCode).toBe("SIGKILL");
    expect(cli.stdout()).not.toContain('"ok":true');

    const db = await open(env);
    let committed: number;
    try {
      committed = await db.prisma.ecomOrder.count();
      expect(committed).toBeGreaterThan(0);
      expect(committed).toBeLessThan(ORDERS);
      // Within the grace period a silent run may still be alive (a stall): it stays RUNNING.
      const [beforeGrace] = await listRuns(db, 600_000);
      expect(beforeGrace).toMatchObject({ status: "RUNNING", done: false });
      // Past it, the next process that looks shows it INTERRUPTED, with what it committed.
      const [killed] = await listRuns(db, 0);
      expect(killed).toMatchObject({
        id: beforeGrace?.id,
        status: "INTERRUPTED",
        done: true,
        ordersCreated: committed,
        ordersUpdated: 0,
        owner: expect.stringContaining(`:${cli.child.pid}:`),
        error: expect.stringMatching(
          /^Interrupted: the process running it \(.+\) stopped without finishing .* re-run the same file to finish\.$/,
        ),
      });
      expect(killed?.rowsRead).toBeGreaterThan(0);
      expect(killed?.finishedAt).toEqual(killed?.heartbeatAt);
    } finally {
      await db.close();
    }

    // Re-running the same file finishes it: what was committed is recognised as unchanged.
    const rerun = await runCliCaptured(["import-ecom", file, "--json"], {
      ...env,
      STORE_TIMEZONE: GENERATED_EXPORT_TIME_ZONE,
    });
    expect(rerun.exitCode).toBe(0);
    expect(JSON.parse(rerun.lastLine)).toMatchObject({
      ok: true,
      rowsRejected: 0,
      ordersCreated: ORDERS - committed,
      ordersUpdated: 0,
      ordersUnchanged: committed,
    });
    const after = await open(env);
    try {
      expect((await listRuns(after, 30_000)).map((run) => run.status)).toEqual([
        "SUCCEEDED",
        "INTERRUPTED",
      ]);
    } finally {
      await after.close();
    }

    // Exactly the data of a clean import of the same file into another database.
    const clean = await freshDatabaseEnv(cleanup);
    const cleanRun = await runCliCaptured(["import-ecom", file, "--json"], {
      ...clean,
      STORE_TIMEZONE: GENERATED_EXPORT_TIME_ZONE,
    });
    expect(JSON.parse(cleanRun.lastLine)).toMatchObject({ ok: true, ordersCreated: ORDERS });
    expect(await dataOf(env)).toEqual(await dataOf(clean));
  });
});

describe(`pnpm cli import-ecom killed after its rows were written (${testDatabaseKind})`, () => {
  it("leaves its run SUCCEEDED in the merge or the analytics, and settles that tail once its heartbeat is past the grace period", {
    timeout: 240_000,
  }, async () => {
    const { env, file } = await freshDatabaseAndExport();
    // The line the CLI prints once the run's tail is on the run: the last merge has begun.
    const cli = await spawnCli({
      args: ["import-ecom", file],
      env: { ...env, STORE_TIMEZONE: GENERATED_EXPORT_TIME_ZONE },
      ready: /Merging the changed orders into customers/,
      readyOnStdout: true,
      defer: cleanup.defer,
    });
    await cli.stop("SIGKILL");
    expect(cli.child.signalCode).toBe("SIGKILL");
    expect(cli.stdout()).not.toContain("Imported");

    const db = await open(env);
    try {
      // Every row is written: the run is done, but the customers' numbers are not there yet.
      expect(await db.prisma.ecomOrder.count()).toBe(ORDERS);
      const [killed] = await listRuns(db, 600_000);
      expect(killed).toMatchObject({
        status: "SUCCEEDED",
        done: true,
        ordersCreated: ORDERS,
        phase: expect.stringMatching(/^(merging|analytics)$/),
        error: null,
      });
      // Past the grace period the next process that looks settles it: the merge sweep and the
      // next analytics run take what it left.
      const [settled] = await listRuns(db, 0);
      expect(settled).toMatchObject({ id: killed?.id, status: "SUCCEEDED", phase: "done" });
    } finally {
      await db.close();
    }
  });
});
