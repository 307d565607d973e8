// The tail of an import on a real database: an import's run is done when its rows are written, and
// its phase follows the last merge and the analytics until the customers' numbers include the
// file; a tail whose process died is settled once its heartbeat is older than the grace period.
import path from "node:path";
import { testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { describe, expect, it } from "vitest";
import { loadEnv } from "../env";
import { createLogger } from "../logger";
import { openDatabaseForTest } from "../testing/test-database";
import { createImportRun } from "./create-import-run";
import { startImportRunTail } from "./import-run-tail";
import { getImportRun } from "./import-runs";
import { type EcomImportPhase, runEcomImport } from "./run-ecom-import";

const cleanup = useTestCleanup();
const silent = createLogger({ level: "silent" });
const fixtures = path.resolve(import.meta.dirname, "testing/fixtures");
const liveness = { graceMs: 60_000 };

/** A run as an import leaves it at some moment. */
async function importRunWith(
  db: Awaited<ReturnType<typeof openDatabaseForTest>>,
  data: Record<string, unknown>,
): Promise<string> {
  const id = await createImportRun(db, {
    format: "auto",
    fileName: "orders.csv",
    fileSha256: "",
    fileBytes: 0,
  });
  await db.prisma.importRun.update({ where: { id }, data });
  return id;
}

describe(`an import's tail (${testDatabaseKind})`, () => {
  it("is on the run as it goes: done once its rows are written, its phase done after the merge and the analytics", async () => {
    const db = await openDatabaseForTest(cleanup);
    const env = loadEnv({});
    // What a watcher polling the run would read as each batch commits and each phase starts (one
    // read, sent before the phase's own work).
    const seen: Array<Promise<[string, { status: string; phase: string | null } | null]>> = [];
    const look = (moment: string) =>
      seen.push(
        db.prisma.importRun
          .findFirst({ select: { status: true, phase: true } })
          .then((run) => [moment, run]),
      );
    const { result } = await runEcomImport(
      {
        file: { path: path.join(fixtures, "ecwid-small.csv"), name: "ecwid-small.csv" },
        format: "auto",
        dryRun: false,
      },
      {
        db,
        env,
        logger: silent,
        onProgress: () => look("batch committed"),
        onPhase: (phase: EcomImportPhase) => {
          if (phase !== "reading") look(phase);
        },
      },
    );
    const observed = await Promise.all(seen);
    expect(observed.at(0)).toEqual(["batch committed", { status: "RUNNING", phase: null }]);
    expect(observed.slice(-2)).toEqual([
      ["merging", { status: "SUCCEEDED", phase: "merging" }],
      ["analytics", { status: "SUCCEEDED", phase: "analytics" }],
    ]);
    const settled = await getImportRun(db, result.importRunId as string, liveness);
    expect(settled).toMatchObject({ status: "SUCCEEDED", done: true, phase: "done" });
  });

  it("is settled once the process running it stopped beating for longer than the grace period", async () => {
    const db = await openDatabaseForTest(cleanup);
    const runId = await importRunWith(db, { status: "SUCCEEDED", finishedAt: new Date() });
    // A long interval: this test's process is the one that "died" (it beats no more).
    const tail = startImportRunTail(db, runId, { heartbeatIntervalMs: 3_600_000 });
    cleanup.defer(() => tail.finish());
    await tail.enter("merging");
    expect(await getImportRun(db, runId, liveness)).toMatchObject({ done: true, phase: "merging" });
    await tail.enter("analytics");
    expect(await getImportRun(db, runId, liveness)).toMatchObject({ phase: "analytics" });

    // Its last beat two minutes ago: within a longer grace it is still going; past it, settled.
    await db.prisma.importRun.update({
      where: { id: runId },
      data: { heartbeatAt: new Date(Date.now() - 120_000) },
    });
    expect(await getImportRun(db, runId, { graceMs: 300_000 })).toMatchObject({
      phase: "analytics",
    });
    expect(await getImportRun(db, runId, liveness)).toMatchObject({
      status: "SUCCEEDED",
      done: true,
      phase: "done",
      error: null,
    });
    // A process that was only stalled (a long merge on PGlite holds every query) beats again:
    // its run is back in its phase, until the tail ends.
    await tail.beat();
    expect(await getImportRun(db, runId, liveness)).toMatchObject({ phase: "analytics" });
    await tail.finish();
    expect(await getImportRun(db, runId, liveness)).toMatchObject({ phase: "done" });
  });

  it("leaves a dry run, a failed run and a run still reading out of it", async () => {
    const db = await openDatabaseForTest(cleanup);
    const make = (data: Record<string, unknown>) =>
      importRunWith(db, { heartbeatAt: new Date(), ...data });
    const reading = await make({});
    const failed = await make({ status: "FAILED", finishedAt: new Date() });
    const dry = await make({ status: "DRY_RUN", finishedAt: new Date() });
    // The tail only moves a run whose rows are written.
    const tail = startImportRunTail(db, failed, { heartbeatIntervalMs: 3_600_000 });
    await tail.enter("merging");
    expect((await getImportRun(db, failed, liveness)).phase).toBe("done");
    await tail.finish();
    expect((await getImportRun(db, reading, liveness)).phase).toBe("reading");
    expect((await getImportRun(db, failed, liveness)).phase).toBe("done");
    expect((await getImportRun(db, dry, liveness)).phase).toBe("done");
  });
});
