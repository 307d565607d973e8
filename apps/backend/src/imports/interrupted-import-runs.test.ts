// Runs whose process died, on a real database: which runs are marked (and which are left alone),
// the heartbeat that keeps a live run RUNNING, and serve's job that marks them on its own.
import { hostname } from "node:os";
import { openTestDatabase, testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { describe, expect, it } from "vitest";
import { loadEnv } from "../env";
import { createLogger } from "../logger";
import { createImportRun } from "./create-import-run";
import { importRunOwner, startImportRunHeartbeat } from "./import-run-heartbeat";
import { createImportRunsJob } from "./import-runs-job";
import { markInterruptedImportRuns } from "./interrupted-import-runs";

const cleanup = useTestCleanup();
const silent = createLogger({ level: "silent" });
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

async function setup() {
  const db = await openTestDatabase();
  cleanup.defer(() => db.close());
  const run = (
    data: { heartbeatAt: Date | null; owner?: string | null } & Record<string, unknown>,
  ) =>
    createImportRun(db, {
      format: "auto",
      fileName: "orders.csv",
      fileSha256: "",
      fileBytes: 0,
    }).then(async (id) => {
      await db.prisma.importRun.update({ where: { id }, data });
      return id;
    });
  const statusOf = async (id: string) =>
    db.prisma.importRun.findUniqueOrThrow({
      where: { id },
      select: { status: true, finishedAt: true, heartbeatAt: true, error: true },
    });
  return { db, run, statusOf };
}

describe(`markInterruptedImportRuns (${testDatabaseKind})`, () => {
  it("marks the unfinished runs silent for longer than the grace period, once, and no other", async () => {
    const { db, run, statusOf } = await setup();
    const quiet = await run({ heartbeatAt: minutesAgo(2) });
    const beating = await run({ heartbeatAt: new Date() });
    // A run from before heartbeats: its start is its last sign of life.
    const hourAgo = minutesAgo(60);
    const legacy = await run({ heartbeatAt: null, owner: null, startedAt: hourAgo });
    const finished = await run({
      heartbeatAt: minutesAgo(2),
      status: "SUCCEEDED",
      finishedAt: minutesAgo(1),
    });

    const marked = await markInterruptedImportRuns(db, { graceMs: 60_000 });
    expect(marked.map((m) => m.id).sort()).toEqual([quiet, legacy].sort());
    expect(await statusOf(quiet)).toMatchObject({ status: "INTERRUPTED" });
    expect(await statusOf(legacy)).toMatchObject({
      status: "INTERRUPTED",
      finishedAt: hourAgo,
      error: expect.stringContaining("(from before heartbeats) stopped without finishing"),
    });
    expect(await statusOf(beating)).toMatchObject({ status: "RUNNING", finishedAt: null });
    expect(await statusOf(finished)).toMatchObject({ status: "SUCCEEDED", error: null });
    expect(await markInterruptedImportRuns(db, { graceMs: 60_000 })).toEqual([]);
  });
});

describe(`startImportRunHeartbeat (${testDatabaseKind})`, () => {
  it("names this process as the owner and renews the heartbeat on its timer until stopped", async () => {
    const { db, run, statusOf } = await setup();
    expect(importRunOwner()).toMatch(new RegExp(`^${hostname()}:${process.pid}:[0-9a-f]{8}$`));
    const id = await run({ heartbeatAt: minutesAgo(1) });
    const heartbeat = startImportRunHeartbeat(db, id, { intervalMs: 10, logger: silent });
    try {
      // Waits on the condition (bounded by the test's timeout), not on the clock.
      while (((await statusOf(id)).heartbeatAt?.getTime() ?? 0) < minutesAgo(0.5).getTime()) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    } finally {
      await heartbeat.stop();
    }
    const stopped = await statusOf(id);
    await heartbeat.beat();
    expect(await statusOf(id)).toEqual(stopped);
  });

  it("says RUNNING again of a run taken for dead while it was only stalled, and beats only for its owner", async () => {
    const { db, run, statusOf } = await setup();
    const id = await run({ heartbeatAt: minutesAgo(5) });
    await markInterruptedImportRuns(db, { graceMs: 60_000 });
    expect(await statusOf(id)).toMatchObject({ status: "INTERRUPTED" });

    const heartbeat = startImportRunHeartbeat(db, id, { logger: silent });
    await heartbeat.beat();
    await heartbeat.stop();
    const resumed = await statusOf(id);
    expect(resumed).toMatchObject({ status: "RUNNING", finishedAt: null, error: null });
    expect(resumed.heartbeatAt?.getTime()).toBeGreaterThan(minutesAgo(1).getTime());

    const lastBeat = minutesAgo(5);
    const other = await run({ heartbeatAt: lastBeat, owner: "elsewhere:1:00000000" });
    const notMine = startImportRunHeartbeat(db, other, { logger: silent });
    await notMine.beat();
    await notMine.stop();
    expect((await statusOf(other)).heartbeatAt).toEqual(lastBeat);
  });
});

describe(`createImportRunsJob (${testDatabaseKind})`, () => {
  it("marks the runs whose process died past IMPORT_HEARTBEAT_GRACE", async () => {
    const { db, run, statusOf } = await setup();
    const env = loadEnv({ IMPORT_HEARTBEAT_GRACE: "90s" });
    expect(env.imports.heartbeatGraceMs).toBe(90_000);
    const dead = await run({ heartbeatAt: minutesAgo(2) });
    const withinGrace = await run({ heartbeatAt: minutesAgo(1) });
    const job = createImportRunsJob({ db, env });
    const signal = new AbortController().signal;
    expect(await job.run({ trigger: "manual", signal, logger: silent })).toEqual({
      interrupted: 1,
    });
    expect(await statusOf(dead)).toMatchObject({ status: "INTERRUPTED" });
    expect(await statusOf(withinGrace)).toMatchObject({ status: "RUNNING" });
  });
});
