import { openTestDatabase, testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { describe, expect, it } from "vitest";
import type { RetailChanges } from "../retail-changes";
import { type PollProgress, pollJobName, pollRetail } from "./poll-retail";
import {
  connectTestClient,
  maxVersion,
  mirrorContents,
  mirrorVersions,
  readCursors,
  startTestSimulator,
  storeVersions,
} from "./testing/simulated-lightspeed";

const cleanup = useTestCleanup();

async function setup() {
  const db = await openTestDatabase();
  cleanup.defer(() => db.close());
  const sim = await startTestSimulator(cleanup);
  return { db, sim, client: connectTestClient(sim) };
}

async function jobRuns(db: Awaited<ReturnType<typeof setup>>["db"], job: string) {
  return db.prisma.jobRun.findMany({
    where: { job },
    orderBy: { startedAt: "asc" },
    select: {
      trigger: true,
      status: true,
      pages: true,
      records: true,
      errors: true,
      error: true,
      details: true,
      finishedAt: true,
    },
  });
}

describe(`pollRetail (${testDatabaseKind})`, () => {
  it("mirrors every sale and customer, then changes nothing when nothing is new", async () => {
    const { db, sim, client } = await setup();
    const truth = storeVersions(sim);
    expect(truth.sales.length).toBeGreaterThan(100);

    const first = await pollRetail({ db, client, trigger: "test" });
    expect(first.ok).toBe(true);
    expect(await mirrorVersions(db)).toEqual(truth);
    expect(first.resources.sales).toMatchObject({
      status: "succeeded",
      startCursor: 0,
      cursor: maxVersion(truth.sales),
      pages: Math.ceil(truth.sales.length / 25),
      records: truth.sales.length,
      inserted: truth.sales.length,
      errors: 0,
    });
    expect(first.resources.customers.cursor).toBe(maxVersion(truth.customers));
    const cursors = await readCursors(db);
    expect(cursors.sales?.afterVersion).toBe(BigInt(maxVersion(truth.sales)));
    expect(cursors.customers?.afterVersion).toBe(BigInt(maxVersion(truth.customers)));

    const changes: RetailChanges[] = [];
    const second = await pollRetail({
      db,
      client,
      trigger: "test",
      onRetailChanges: async (c) => {
        changes.push(c);
      },
    });
    expect(second.ok).toBe(true);
    expect(second.resources.sales).toMatchObject({ pages: 0, records: 0, inserted: 0 });
    expect(second.resources.customers).toMatchObject({ pages: 0, records: 0, inserted: 0 });
    expect(changes).toEqual([]);
    expect(await readCursors(db)).toEqual(cursors); // same versions, updatedAt untouched
    expect(await mirrorVersions(db)).toEqual(truth);

    const runs = await jobRuns(db, pollJobName("sales"));
    expect(runs).toHaveLength(2);
    expect(runs[0]).toMatchObject({
      trigger: "test",
      status: "SUCCEEDED",
      pages: Math.ceil(truth.sales.length / 25),
      records: truth.sales.length,
      errors: 0,
      error: null,
    });
    expect(runs[0]?.finishedAt).toBeInstanceOf(Date);
    expect(runs[1]).toMatchObject({ status: "SUCCEEDED", pages: 0, records: 0 });
  });

  it("brings in updates and deletions with their new versions and reports the changed ids", async () => {
    const { db, sim, client } = await setup();
    await pollRetail({ db, client, trigger: "test" });

    const [firstSale, secondSale] = sim.store.sales();
    const [firstCustomer, secondCustomer] = sim.store.customers();
    const updated = sim.store.updateSale(firstSale?.id ?? "", { note: "changed in store" });
    const deletedSale = sim.store.deleteSale(secondSale?.id ?? "");
    const deletedCustomer = sim.store.deleteCustomer(firstCustomer?.id ?? "");
    const renamed = sim.store.updateCustomer(secondCustomer?.id ?? "", { first_name: "Renamed" });
    const created = sim.store.createSale({ customer_id: renamed.id });

    const changes: RetailChanges[] = [];
    const result = await pollRetail({
      db,
      client,
      trigger: "test",
      onRetailChanges: async (c) => {
        changes.push(c);
      },
    });
    expect(result.ok).toBe(true);
    expect(await mirrorVersions(db)).toEqual(storeVersions(sim));
    expect(result.resources.sales).toMatchObject({ records: 3, inserted: 1, updated: 2 });
    expect(result.resources.customers).toMatchObject({ records: 2, inserted: 0, updated: 2 });
    expect(changes).toEqual([
      { sales: [], customers: expect.arrayContaining([deletedCustomer.id, renamed.id]) },
      { sales: expect.arrayContaining([updated.id, deletedSale.id, created.id]), customers: [] },
    ]);

    const sale = await db.prisma.retailSale.findUniqueOrThrow({
      where: { id: deletedSale.id },
      select: { version: true, deletedAt: true },
    });
    expect(sale.version).toBe(BigInt(deletedSale.version));
    expect(sale.deletedAt?.toISOString()).toBe(
      new Date(deletedSale.deleted_at ?? "").toISOString(),
    );
    const customer = await db.prisma.retailCustomer.findUniqueOrThrow({
      where: { id: deletedCustomer.id },
      select: { version: true, deletedAt: true },
    });
    expect(customer.version).toBe(BigInt(deletedCustomer.version));
    expect(customer.deletedAt).not.toBeNull();
    expect((await db.prisma.retailSale.findUniqueOrThrow({ where: { id: updated.id } })).note).toBe(
      "changed in store",
    );
  });

  it("goes on when onRetailChanges throws, and counts the failures", async () => {
    const { db, sim, client } = await setup();
    const result = await pollRetail({
      db,
      client,
      trigger: "test",
      onRetailChanges: async () => {
        throw new Error("merge is broken");
      },
    });
    expect(result.ok).toBe(true);
    expect(await mirrorVersions(db)).toEqual(storeVersions(sim));
    const pages = Math.ceil(sim.store.sales().length / 25);
    expect(result.resources.sales.onRetailChangesFailures).toBe(pages);
    const [run] = await jobRuns(db, "poll.sales");
    expect(run).toMatchObject({
      status: "SUCCEEDED",
      details: { onRetailChangesFailures: pages },
    });
  });

  it("stops after page k when interrupted, resumes at page k+1 and ends like an uninterrupted poll", async () => {
    const { db, sim, client } = await setup();
    const stop = new AbortController();
    const seen: PollProgress[] = [];
    const interrupted = await pollRetail({
      db,
      client,
      trigger: "test",
      signal: stop.signal,
      onProgress: (progress) => {
        seen.push(progress);
        if (progress.resource === "sales" && progress.pages === 2) stop.abort("test");
      },
    });
    expect(interrupted.ok).toBe(false);
    expect(interrupted.interrupted).toBe(true);
    expect(interrupted.resources.customers.status).toBe("succeeded");
    expect(interrupted.resources.sales).toMatchObject({ status: "interrupted", pages: 2 });
    const afterTwoPages = seen.at(-1)?.cursor ?? -1;
    expect((await readCursors(db)).sales?.afterVersion).toBe(BigInt(afterTwoPages));
    expect(await db.prisma.retailSale.count()).toBe(50);
    expect((await jobRuns(db, "poll.sales"))[0]).toMatchObject({
      status: "FAILED",
      pages: 2,
      records: 50,
      error: `interrupted after 2 page(s); the cursor is saved at ${afterTwoPages}`,
    });

    const resumedProgress: PollProgress[] = [];
    const resumed = await pollRetail({
      db,
      client,
      trigger: "test",
      onProgress: (progress) => resumedProgress.push(progress),
    });
    expect(resumed.ok).toBe(true);
    const total = sim.store.sales().length;
    expect(resumed.resources.sales).toMatchObject({
      startCursor: afterTwoPages,
      pages: Math.ceil(total / 25) - 2,
      records: total - 50,
      inserted: total - 50,
    });
    expect(resumedProgress[0]?.startCursor).toBe(afterTwoPages);

    const reference = await openTestDatabase();
    cleanup.defer(() => reference.close());
    await pollRetail({ db: reference, client, trigger: "test" });
    expect(await mirrorContents(db)).toEqual(await mirrorContents(reference));
    expect(await mirrorVersions(db)).toEqual(storeVersions(sim));
  });

  it("records a failed run when Lightspeed keeps failing after page k, keeps the cursor, and resumes", async () => {
    const { db, sim, client } = await setup();
    await pollRetail({ db, client, trigger: "test", resources: ["customers"] });
    let pagesBeforeFault = 0;
    const failed = await pollRetail({
      db,
      client,
      trigger: "test",
      resources: ["sales"],
      onProgress: (progress) => {
        pagesBeforeFault = progress.pages;
        // More failures than the one retry the client allows: the next page fails for good.
        if (progress.pages === 3) sim.store.faults.failNext(4, 503);
      },
    });
    expect(failed.ok).toBe(false);
    expect(failed.interrupted).toBe(false);
    expect(pagesBeforeFault).toBe(3);
    expect(failed.resources.sales).toMatchObject({ status: "failed", pages: 3, records: 75 });
    expect(failed.resources.sales.error?.code).toBe("UNAVAILABLE");
    expect(failed.resources.customers.status).toBe("skipped");
    const cursorAfterFault = failed.resources.sales.cursor;
    expect((await readCursors(db)).sales?.afterVersion).toBe(BigInt(cursorAfterFault));
    const [failedRun] = await jobRuns(db, "poll.sales");
    expect(failedRun).toMatchObject({ status: "FAILED", pages: 3, records: 75 });
    expect(failedRun?.error).toMatch(/503/);
    expect(failedRun?.details).toMatchObject({
      errorCode: "UNAVAILABLE",
      endCursor: cursorAfterFault,
    });

    sim.store.faults.reset();
    const resumed = await pollRetail({ db, client, trigger: "test", resources: ["sales"] });
    expect(resumed.ok).toBe(true);
    expect(resumed.resources.sales.startCursor).toBe(cursorAfterFault);
    expect(await mirrorVersions(db)).toEqual(storeVersions(sim));
    expect((await jobRuns(db, "poll.sales")).map((run) => run.status)).toEqual([
      "FAILED",
      "SUCCEEDED",
    ]);
  });

  it("counts and skips a malformed record, and the poll completes", async () => {
    const { db, sim, client } = await setup();
    await pollRetail({ db, client, trigger: "test" });
    const victim = sim.store.sales()[5];
    const good = await db.prisma.retailSale.findUniqueOrThrow({
      where: { id: victim?.id ?? "" },
      select: { version: true, totalPrice: true },
    });
    // The bad copy re-enters the change feed with a new version, next to a good change.
    sim.store.faults.corruptSale(victim?.id ?? "", { bumpVersion: true });
    const other = sim.store.updateSale(sim.store.sales()[6]?.id ?? "", { note: "fine" });

    const result = await pollRetail({ db, client, trigger: "test" });
    expect(result.ok).toBe(true);
    expect(result.resources.sales).toMatchObject({
      status: "succeeded",
      pages: 1,
      records: 1,
      errors: 1,
      updated: 1,
      cursor: other.version,
    });
    // The mirror keeps the last good copy; the cursor moved past the bad one.
    expect(
      await db.prisma.retailSale.findUniqueOrThrow({
        where: { id: victim?.id ?? "" },
        select: { version: true, totalPrice: true },
      }),
    ).toEqual(good);
    const [, run] = await jobRuns(db, "poll.sales");
    expect(run).toMatchObject({ status: "SUCCEEDED", records: 1, errors: 1 });
    expect(run?.details).toMatchObject({
      malformed: [{ id: victim?.id, issues: expect.arrayContaining(["total_price"]) }],
    });
  });

  it("re-reads from version 0 with full and changes nothing when already in sync", async () => {
    const { db, sim, client } = await setup();
    await pollRetail({ db, client, trigger: "test" });
    const cursors = await readCursors(db);
    const contents = await mirrorContents(db);
    const changes: RetailChanges[] = [];

    const full = await pollRetail({
      db,
      client,
      trigger: "test",
      full: true,
      onRetailChanges: async (c) => {
        changes.push(c);
      },
    });
    const total = sim.store.sales().length;
    expect(full.resources.sales).toMatchObject({
      status: "succeeded",
      startCursor: 0,
      pages: Math.ceil(total / 25),
      records: total,
      inserted: 0,
      updated: 0,
      unchanged: total,
    });
    expect(changes).toEqual([]);
    expect(await readCursors(db)).toEqual(cursors);
    expect(await mirrorContents(db)).toEqual(contents);
  });

  it("keeps the saved cursor when a full re-read fails midway", async () => {
    const { db, sim, client } = await setup();
    await pollRetail({ db, client, trigger: "test" });
    const cursors = await readCursors(db);
    const failed = await pollRetail({
      db,
      client,
      trigger: "test",
      full: true,
      resources: ["sales"],
      onProgress: (progress) => {
        if (progress.pages === 1) sim.store.faults.failNext(4, 500);
      },
    });
    expect(failed.resources.sales).toMatchObject({ status: "failed", pages: 1 });
    expect(failed.resources.sales.cursor).toBe(Number(cursors.sales?.afterVersion));
    expect(await readCursors(db)).toEqual(cursors);
  });

  it("closes runs left RUNNING by a process that died", async () => {
    const { db, client } = await setup();
    await db.prisma.jobRun.create({ data: { job: "poll.sales", trigger: "schedule" } });
    await pollRetail({ db, client, trigger: "test", resources: ["sales"] });
    const runs = await jobRuns(db, "poll.sales");
    expect(runs.map((run) => run.status)).toEqual(["FAILED", "SUCCEEDED"]);
    expect(runs[0]?.error).toMatch(/^abandoned/);
  });
});
