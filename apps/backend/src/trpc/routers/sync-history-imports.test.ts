// The sync history's import runs: an eCom import (good file, bad file, interrupted) is in
// `sync.runs` beside the job runs, filterable as job "import", keyset-paged together with them.
import { testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { DomainError } from "@greenloop/order-sync/errors";
import { describe, expect, it } from "vitest";
import { importEcomOrders } from "../../imports/import-ecom-orders";
import { ecomBatches, ecomOrders } from "../../imports/testing/ecom-order-fixtures";
import { openDatabaseForTest } from "../../testing/test-database";
import { testApi } from "../testing/api-test-kit";

const cleanup = useTestCleanup();
const minute = 60_000;
const t0 = Date.UTC(2026, 11, 1, 9, 0);

async function* badFile(): ReturnType<typeof ecomBatches> {
  yield* ecomBatches(ecomOrders(1, 2), 2);
  throw new DomainError("BAD_INPUT", "line 6: the column order_number is empty");
}

/** Polls at t0 and t0+2m, a good import at t0+1m, a bad file at t0+3m, an interrupted one at t0+4m. */
async function storeWithImportsAndPolls() {
  const db = await openDatabaseForTest(cleanup);
  const file = (name: string) => ({ name, sha256: name.padEnd(64, "0"), bytes: 100 });
  const good = await importEcomOrders({
    db,
    source: ecomBatches(ecomOrders(1, 5), 2),
    file: file("good.csv"),
    format: "ecwid",
  });
  await expect(
    importEcomOrders({ db, source: badFile(), file: file("bad.csv"), format: "ecwid" }),
  ).rejects.toThrow("order_number");
  const bad = await db.prisma.importRun.findFirstOrThrow({ where: { fileName: "bad.csv" } });
  const interrupted = await db.prisma.importRun.create({
    data: {
      format: "ecwid",
      fileName: "cut.csv",
      fileSha256: "c".repeat(64),
      fileBytes: 100n,
      status: "INTERRUPTED",
      startedAt: new Date(t0 + 4 * minute),
      finishedAt: new Date(t0 + 4 * minute + 500),
      rowsTotal: 3,
      error:
        "Interrupted (SIGINT) after 3 row(s); committed batches are kept, re-run the import to finish.",
    },
  });
  const at = (minutes: number, seconds = 2) => ({
    startedAt: new Date(t0 + minutes * minute),
    finishedAt: new Date(t0 + minutes * minute + seconds * 1000),
  });
  await db.prisma.importRun.update({ where: { id: good.importRunId ?? "" }, data: at(1, 3) });
  await db.prisma.importRun.update({ where: { id: bad.id }, data: at(3) });
  for (const minutes of [0, 2]) {
    await db.prisma.jobRun.create({
      data: {
        job: "poll.sales",
        trigger: "schedule",
        status: "SUCCEEDED",
        records: 4,
        ...at(minutes),
      },
    });
  }
  return { db, goodId: good.importRunId, badId: bad.id, interruptedId: interrupted.id };
}

describe(`sync.runs with import runs (${testDatabaseKind})`, () => {
  it("puts import runs in the timeline with rows read, orders created, duration and why they failed", async () => {
    const { db, goodId, badId, interruptedId } = await storeWithImportsAndPolls();
    const { caller } = await testApi(db, "viewer");
    const page = await caller.sync.runs({ limit: 100 });
    expect(page.runs.map((run) => [run.job, run.status, run.kind])).toEqual([
      ["import", "FAILED", "import"],
      ["import", "FAILED", "import"],
      ["poll.sales", "SUCCEEDED", "job"],
      ["import", "SUCCEEDED", "import"],
      ["poll.sales", "SUCCEEDED", "job"],
    ]);
    expect(page.jobs).toEqual(["import", "poll.sales"]);
    const [cut, bad, , good] = page.runs;
    expect(good).toMatchObject({
      id: goodId,
      fileName: "good.csv",
      records: 10,
      errors: 0,
      ordersCreated: 5,
      durationMs: 3_000,
      error: null,
      retryable: null,
    });
    // A bad file fails the same way until someone fixes it.
    expect(bad).toMatchObject({ id: badId, fileName: "bad.csv", retryable: false });
    expect(bad?.error).toContain("order_number");
    // Re-running the same file finishes an interrupted import.
    expect(cut).toMatchObject({ id: interruptedId, retryable: true, durationMs: 500 });
    const polls = page.runs.filter((run) => run.kind === "job");
    expect(polls.every((run) => run.fileName === null && run.ordersCreated === null)).toBe(true);
  });

  it("filters to the imports as job 'import', and by outcome across both kinds", async () => {
    const { db, goodId, badId, interruptedId } = await storeWithImportsAndPolls();
    const { caller } = await testApi(db, "viewer");
    expect((await caller.sync.runs({ job: "import" })).runs.map((run) => run.id)).toEqual([
      interruptedId,
      badId,
      goodId,
    ]);
    expect((await caller.sync.runs({ job: "poll" })).runs.map((run) => run.kind)).toEqual([
      "job",
      "job",
    ]);
    const succeeded = await caller.sync.runs({ outcome: "SUCCEEDED" });
    expect(succeeded.runs.map((run) => run.job)).toEqual(["poll.sales", "import", "poll.sales"]);
    expect((await caller.sync.runs({ job: "import", outcome: "FAILED" })).runs).toHaveLength(2);
  });

  it("pages job runs and import runs together by keyset, each run once", async () => {
    const { db } = await storeWithImportsAndPolls();
    const { caller } = await testApi(db, "viewer");
    const all = (await caller.sync.runs({ limit: 100 })).runs.map((run) => run.id);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await caller.sync.runs({ limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...page.runs.map((run) => run.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(all);
    expect(seen).toHaveLength(5);
  });
});
