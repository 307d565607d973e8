// imports over HTTP, end to end: the real server on loopback, a tRPC 11 client with httpLink (as the
// dashboard uses it) uploading a real E-Series export as a binary body, following the import until
// it is done, listing the run and its rejected rows; an upload over IMPORT_MAX_MB is answered 413.
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { openTestDatabase, testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { TRPCClientError } from "@trpc/client";
import { afterEach, describe, expect, it, vi } from "vitest";
import { serveApiOnLoopback } from "../../http/testing/loopback-api";
import { importUploadBody } from "../../imports/import-upload-options";
import { createLogger } from "../../logger";
import { createBackgroundTasks } from "../../scheduler/background-tasks";
import type { AppRouter } from "../root";
import { testApiEnv, testTokens } from "../testing/api-test-kit";

const cleanup = useTestCleanup();
const silent = createLogger({ level: "silent" });
const fixtures = path.resolve(import.meta.dirname, "../../imports/testing/fixtures");

afterEach(() => {
  vi.unstubAllEnvs();
});

async function serve() {
  const db = await openTestDatabase();
  cleanup.defer(() => db.close());
  // Uploads' temp files go to os.tmpdir(): a directory of this test's own, to see them go.
  const uploads = await mkdtemp(path.join(tmpdir(), "imports-http-test-"));
  cleanup.defer(() => rm(uploads, { recursive: true, force: true }));
  vi.stubEnv("TMPDIR", uploads);
  const tasks = createBackgroundTasks(silent);
  const env = testApiEnv({ IMPORT_MAX_MB: "1" });
  const { server, clientWith } = await serveApiOnLoopback(cleanup, { db, env, tasks });
  return { db, tasks, client: clientWith(testTokens.operator), server, uploads };
}

describe(`imports over HTTP (${testDatabaseKind})`, () => {
  it("uploads an E-Series export, follows it to the end, lists it and its errors; the same file again changes nothing", async () => {
    const { db, tasks, client, uploads } = await serve();
    const file = new Blob([await readFile(path.join(fixtures, "ecwid-small.csv"))]);
    const upload = () =>
      client.imports.start.mutate(importUploadBody(file, { fileName: "ecwid-small.csv" }));

    const { runId } = await upload();
    let progress = await client.imports.progress.query({ runId });
    expect(progress).toMatchObject({
      id: runId,
      fileName: "ecwid-small.csv",
      fileBytes: file.size,
    });
    while (!progress.done) {
      await tasks.drain();
      progress = await client.imports.progress.query({ runId });
    }
    expect(progress).toMatchObject({
      status: "SUCCEEDED",
      format: "ecwid",
      rowsRead: 8,
      rowsRejected: 1,
      ordersCreated: 4,
      ordersUpdated: 0,
      ordersUnchanged: 0,
    });
    expect(progress.startedAt).toBeInstanceOf(Date); // superjson kept the type over the wire
    expect(progress.finishedAt).toBeInstanceOf(Date);
    expect(await readdir(uploads)).toEqual([]); // the temp file went with the import

    const { runs } = await client.imports.list.query({ limit: 10 });
    expect(runs.map((run) => run.id)).toEqual([runId]);
    const errors = await client.imports.errors.query({ runId });
    expect(errors.issues).toEqual([
      expect.objectContaining({ line: 16, column: "order_total", message: expect.any(String) }),
    ]);

    const again = await upload();
    await tasks.drain();
    expect(await client.imports.progress.query(again)).toMatchObject({
      status: "SUCCEEDED",
      fileSha256: progress.fileSha256,
      ordersCreated: 0,
      ordersUpdated: 0,
      ordersUnchanged: 4,
    });
    expect(await db.prisma.ecomOrder.count()).toBe(4);
    expect(await db.prisma.ecomOrderChange.count()).toBe(0);
    expect(await readdir(uploads)).toEqual([]);
  });

  it("answers an upload over IMPORT_MAX_MB with 413 PAYLOAD_TOO_LARGE, keeps no temp file and records no run", async () => {
    const { db, tasks, client, uploads } = await serve();
    const header = "order_number;email\n";
    const tooBig = new Blob([header, new Uint8Array(1024 * 1024).fill(0x41)]);
    const error = await client.imports.start
      .mutate(importUploadBody(tooBig, { fileName: "huge.csv" }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCClientError);
    const failure = error as TRPCClientError<AppRouter>;
    expect(failure.data?.code).toBe("PAYLOAD_TOO_LARGE");
    expect(failure.data?.httpStatus).toBe(413);
    expect(failure.message).toContain("IMPORT_MAX_MB");
    await tasks.drain();
    expect(await readdir(uploads)).toEqual([]);
    expect(await db.prisma.importRun.count()).toBe(0);
    // The connection is still good for the next request.
    expect((await client.imports.list.query()).runs).toEqual([]);
  });

  it("refuses an upload from a viewer token with 403 before reading it", async () => {
    const { server, db } = await serve();
    const response = await fetch(`${server.url}/api/trpc/imports.start`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${testTokens.viewer}`,
        "content-type": "application/octet-stream",
      },
      body: importUploadBody(new TextEncoder().encode("order_number;email\n")),
    });
    expect(response.status).toBe(403);
    expect(await db.prisma.importRun.count()).toBe(0);
  });
});
