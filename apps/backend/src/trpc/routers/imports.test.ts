// The imports router through createCaller: uploads import in the background (awaited with the
// context's tasks.drain()), progress, the run list and a run's rejected rows, on a real database.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { openTestDatabase, testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { describe, expect, it } from "vitest";
import { createImportRun } from "../../imports/create-import-run";
import { importUploadBody } from "../../imports/import-upload-options";
import { testApi, testApiEnv, trpcErrorCode } from "../testing/api-test-kit";

const cleanup = useTestCleanup();
const fixtures = path.resolve(import.meta.dirname, "../../imports/testing/fixtures");
const csvFixtures = path.resolve(
  import.meta.dirname,
  "../../../../../packages/order-sync/src/csv/fixtures",
);

async function setup() {
  const db = await openTestDatabase();
  cleanup.defer(() => db.close());
  const api = await testApi(db, "operator", { env: testApiEnv({ IMPORT_MAX_MB: "1" }) });
  return { db, ...api };
}

async function fixture(name: string, dir = fixtures): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await readFile(path.join(dir, name)));
}

describe(`imports router (${testDatabaseKind})`, () => {
  it("imports an upload in the background and reports its progress, the runs and the rejected rows", async () => {
    const { db, caller, context } = await setup();
    const { runId } = await caller.imports.start(
      importUploadBody(await fixture("ecwid-small.csv"), { fileName: "ecwid-small.csv" }),
    );
    await context.tasks.drain();

    const progress = await caller.imports.progress({ runId });
    expect(progress).toMatchObject({
      id: runId,
      status: "SUCCEEDED",
      dryRun: false,
      done: true,
      // The last merge and the analytics ran too (drain waited for them).
      phase: "done",
      format: "ecwid",
      fileName: "ecwid-small.csv",
      fileSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      rowsRead: 8,
      rowsRejected: 1,
      ordersCreated: 4,
      ordersUpdated: 0,
      ordersUnchanged: 0,
      error: null,
    });
    expect(progress.fileBytes).toBe((await fixture("ecwid-small.csv")).length);
    expect(progress.finishedAt).toBeInstanceOf(Date);

    expect(await caller.imports.errors({ runId })).toEqual({
      runId,
      total: 1,
      omitted: 0,
      issues: [
        {
          line: 16,
          column: "order_total",
          message: expect.stringContaining("not a number"),
          orderNumber: expect.any(String),
        },
      ],
      nextCursor: null,
    });
    // The same hand-off as the CLI: the merge made customers, the analytics ran once.
    expect(await db.prisma.ecomOrder.count()).toBe(4);
    expect(await db.prisma.customer.count()).toBeGreaterThan(0);
    expect(
      await db.prisma.jobRun.count({ where: { job: "analytics", trigger: "import" } }),
    ).toBeGreaterThan(0);
  });

  it("dry-runs an upload into a DRY_RUN run without writing orders, then applies the newer export", async () => {
    const { db, caller, context } = await setup();
    await caller.imports.start(importUploadBody(await fixture("ecwid-small.csv")));
    await context.tasks.drain();

    const newer = await fixture("ecwid-small-newer.csv");
    const dry = await caller.imports.start(importUploadBody(newer, { dryRun: true }));
    await context.tasks.drain();
    expect(await caller.imports.progress(dry)).toMatchObject({
      status: "DRY_RUN",
      dryRun: true,
      done: true,
      fileName: "upload.csv",
      ordersCreated: 1,
      ordersUpdated: 3,
      ordersUnchanged: 1,
      error: null,
    });
    expect(await db.prisma.ecomOrder.count()).toBe(4);
    expect(await db.prisma.ecomOrderChange.count()).toBe(0);

    const real = await caller.imports.start(importUploadBody(newer, { format: "ecwid" }));
    await context.tasks.drain();
    expect(await caller.imports.progress(real)).toMatchObject({
      status: "SUCCEEDED",
      ordersCreated: 1,
      ordersUpdated: 3,
      ordersUnchanged: 1,
    });
    expect(await db.prisma.ecomOrderChange.count()).toBe(3);
  });

  it("records a file the parser refuses as a FAILED run with the reason", async () => {
    const { caller, context } = await setup();
    const { runId } = await caller.imports.start(
      importUploadBody(await fixture("not-csv.png", csvFixtures), { fileName: "not-csv.png" }),
    );
    await context.tasks.drain();
    const progress = await caller.imports.progress({ runId });
    expect(progress).toMatchObject({ status: "FAILED", done: true, ordersCreated: 0 });
    expect(progress.error).toEqual(expect.any(String));
  });

  it("records an upload that ends inside its header row as a FAILED run saying why (it imported ok with 0 rows)", async () => {
    const { caller, context } = await setup();
    const header = new TextDecoder().decode(await fixture("ecwid-small.csv")).split("\n")[0] ?? "";
    const half = new TextEncoder().encode(header.slice(0, header.indexOf(";discount")));
    const { runId } = await caller.imports.start(importUploadBody(half, { fileName: "half.csv" }));
    await context.tasks.drain();
    expect(await caller.imports.progress({ runId })).toMatchObject({
      status: "FAILED",
      done: true,
      rowsRead: 0,
      fileBytes: half.length,
      error:
        '"half.csv" is not a complete eCom order export: it ends inside its header row (no line ' +
        'break after line 1), so it was cut short; missing column(s) "discount", "X-series Order ID", "accept_marketing"',
    });
  });

  it("refuses an upload over IMPORT_MAX_MB with PAYLOAD_TOO_LARGE and records no run", async () => {
    const { db, caller } = await setup();
    const tooBig = new Uint8Array(1024 * 1024 + 1).fill(0x41);
    expect(await trpcErrorCode(caller.imports.start(tooBig))).toBe("PAYLOAD_TOO_LARGE");
    expect(await db.prisma.importRun.count()).toBe(0);
  });

  it("lists runs newest first a page at a time, and pages a run's issues", async () => {
    const { caller, context } = await setup();
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      ids.push(
        (
          await caller.imports.start(
            importUploadBody(await fixture("ecwid-small.csv"), { fileName: `run-${i}.csv` }),
          )
        ).runId,
      );
      await context.tasks.drain();
    }
    const first = await caller.imports.list({ limit: 2 });
    expect(first.runs.map((run) => run.fileName)).toEqual(["run-2.csv", "run-1.csv"]);
    const second = await caller.imports.list({ limit: 2, cursor: first.nextCursor ?? "" });
    expect(second.runs.map((run) => run.fileName)).toEqual(["run-0.csv"]);
    expect(second.nextCursor).toBeNull();
    expect((await caller.imports.list()).runs).toHaveLength(3);

    const page = await caller.imports.errors({ runId: ids[0] ?? "", limit: 1 });
    expect(page.issues).toHaveLength(1);
    expect(page.nextCursor).toBeNull();
  });

  it("shows an upload whose process stopped beating as INTERRUPTED with what it committed, and a later upload of the same file as what completed it", async () => {
    const { db, caller, context } = await setup();
    const file = await fixture("ecwid-small.csv");
    const sha256 = createHash("sha256").update(file).digest("hex");
    const upload = { format: "auto", fileName: "ecwid-small.csv", fileSha256: sha256 };
    // A `serve` that died mid-upload: its run's heartbeat stopped ten minutes ago, after a chunk.
    const died = await createImportRun(db, { ...upload, fileBytes: file.length });
    const lastBeat = new Date(Date.now() - 10 * 60_000);
    await db.prisma.importRun.update({
      where: { id: died },
      data: { owner: "web-2:4242:0badc0de", heartbeatAt: lastBeat, rowsTotal: 3, ordersCreated: 2 },
    });
    // A dry run of that process, and a run whose owner is alive (it beat just now).
    const dry = await createImportRun(db, { ...upload, fileBytes: 1, status: "DRY_RUN" });
    await db.prisma.importRun.update({ where: { id: dry }, data: { heartbeatAt: lastBeat } });
    const alive = await createImportRun(db, { ...upload, fileBytes: 2 });

    const byId = new Map((await caller.imports.list()).runs.map((run) => [run.id, run]));
    expect(byId.get(died)).toMatchObject({
      status: "INTERRUPTED",
      done: true,
      rowsRead: 3,
      ordersCreated: 2,
      owner: "web-2:4242:0badc0de",
      finishedAt: lastBeat,
      error:
        "Interrupted: the process running it (web-2:4242:0badc0de) stopped without finishing " +
        "(no heartbeat for over 30 s). What it committed is kept; re-run the same file to finish.",
    });
    expect(byId.get(dry)).toMatchObject({
      status: "DRY_RUN",
      done: true,
      error: expect.stringContaining("It was a dry run: nothing was written."),
    });
    expect(byId.get(alive)).toMatchObject({ status: "RUNNING", done: false, error: null });
    expect(await caller.imports.progress({ runId: died })).toEqual(byId.get(died));

    const { runId } = await caller.imports.start(
      importUploadBody(file, { fileName: "ecwid-small.csv" }),
    );
    await context.tasks.drain();
    expect(await caller.imports.progress({ runId })).toMatchObject({
      status: "SUCCEEDED",
      fileSha256: sha256,
      ordersCreated: 4,
    });
    const completed = await caller.imports.progress({ runId: died });
    expect(completed.status).toBe("INTERRUPTED");
    expect(completed.error).toMatch(
      new RegExp(
        `re-run the same file to finish\\. Completed by import run ${runId} of the same file\\.$`,
      ),
    );
    // Still running (its owner beats): not something a later run completes.
    expect(await caller.imports.progress({ runId: alive })).toMatchObject({
      status: "RUNNING",
      error: null,
    });
  });

  it("answers NOT_FOUND for an unknown run and BAD_REQUEST for a malformed id or cursor", async () => {
    const { caller } = await setup();
    const unknown = "00000000-0000-4000-8000-000000000000";
    await expect(caller.imports.progress({ runId: unknown })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(caller.imports.errors({ runId: unknown })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(caller.imports.progress({ runId: "nope" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(caller.imports.list({ cursor: "nope" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    // @ts-expect-error: not a file, which is the point
    await expect(caller.imports.start({})).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
