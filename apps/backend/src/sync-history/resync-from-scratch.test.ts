// Resync from scratch against the simulated store over loopback: the cursors go back to 0, the
// next poll re-reads every record, and the mirror ends as it was (no row twice, none changed).
import { testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { DomainError } from "@greenloop/order-sync/errors";
import { describe, expect, it } from "vitest";
import { pollRetail } from "../ingestion/polling/poll-retail";
import {
  connectTestClient,
  maxVersion,
  mirrorContents,
  readCursors,
  startTestSimulator,
  storeVersions,
} from "../ingestion/polling/testing/simulated-lightspeed";
import { jobLockKeys } from "../scheduler/job-lock-keys";
import { openDatabaseForTest } from "../testing/test-database";
import { resyncFromScratch, resyncJobName } from "./resync-from-scratch";

const cleanup = useTestCleanup();

async function polledStore() {
  const db = await openDatabaseForTest(cleanup);
  const sim = await startTestSimulator(cleanup);
  const client = connectTestClient(sim);
  expect((await pollRetail({ db, client, trigger: "test" })).ok).toBe(true);
  return { db, sim, client };
}

describe(`resyncFromScratch (${testDatabaseKind})`, () => {
  it("resets the cursors; the next poll re-reads everything and duplicates nothing", async () => {
    const { db, sim, client } = await polledStore();
    const truth = storeVersions(sim);
    const before = await mirrorContents(db);
    const cursors = await readCursors(db);
    expect(Number(cursors.sales?.afterVersion)).toBe(maxVersion(truth.sales));

    const asked = Date.now();
    const result = await resyncFromScratch(db, {
      resources: ["sales", "customers"],
      requestedBy: "test-operator",
    });
    expect(result.resources).toEqual([
      { resource: "customers", previousCursor: maxVersion(truth.customers) },
      { resource: "sales", previousCursor: maxVersion(truth.sales) },
    ]);
    const reset = await readCursors(db);
    expect(Number(reset.sales?.afterVersion)).toBe(0);
    expect(Number(reset.customers?.afterVersion)).toBe(0);
    const run = await db.prisma.jobRun.findUniqueOrThrow({
      where: { id: result.jobRunId },
      select: { job: true, status: true, startedAt: true, finishedAt: true, details: true },
    });
    expect(run).toMatchObject({
      job: resyncJobName,
      status: "SUCCEEDED",
      finishedAt: run.startedAt,
    });
    // Recorded by the database's clock, like every job run.
    expect(Math.abs(run.startedAt.getTime() - asked)).toBeLessThan(60_000);
    expect(run.details).toMatchObject({
      requestedBy: "test-operator",
      resources: ["customers", "sales"],
    });

    const again = await pollRetail({ db, client, trigger: "test" });
    expect(again.resources.sales).toMatchObject({
      status: "succeeded",
      startCursor: 0,
      records: truth.sales.length,
      inserted: 0,
      updated: 0,
      unchanged: truth.sales.length,
      cursor: maxVersion(truth.sales),
    });
    expect(again.resources.customers).toMatchObject({
      startCursor: 0,
      records: truth.customers.length,
      inserted: 0,
      unchanged: truth.customers.length,
    });
    expect(await mirrorContents(db)).toEqual(before);
    expect(await db.prisma.retailSale.count()).toBe(truth.sales.length);
  });

  it("resets only the resources named", async () => {
    const { db, sim } = await polledStore();
    const truth = storeVersions(sim);
    await resyncFromScratch(db, { resources: ["sales"], requestedBy: "ops" });
    const cursors = await readCursors(db);
    expect(Number(cursors.sales?.afterVersion)).toBe(0);
    expect(Number(cursors.customers?.afterVersion)).toBe(maxVersion(truth.customers));
  });

  it("refuses while a poll holds the poll lock, and changes nothing", async () => {
    const { db } = await polledStore();
    const before = await readCursors(db);
    const refused = await db.withJobLock(jobLockKeys.poll, () =>
      resyncFromScratch(db, { resources: ["sales"], requestedBy: "ops" }).then(
        () => null,
        (error: unknown) => error,
      ),
    );
    expect(refused.acquired && refused.result).toBeInstanceOf(DomainError);
    expect(refused.acquired && (refused.result as DomainError).code).toBe("CONFLICT");
    expect(await readCursors(db)).toEqual(before);
    expect(await db.prisma.jobRun.count({ where: { job: resyncJobName } })).toBe(0);
  });

  it("refuses an empty list of resources", async () => {
    const db = await openDatabaseForTest(cleanup);
    await expect(
      resyncFromScratch(db, { resources: [], requestedBy: "ops" }),
    ).rejects.toMatchObject({ code: "BAD_INPUT" });
  });
});
