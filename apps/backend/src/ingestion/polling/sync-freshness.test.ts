import { openTestDatabase, testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { describe, expect, it } from "vitest";
import { pollCatalog } from "./poll-catalog";
import { pollRetail } from "./poll-retail";
import { getSyncFreshness } from "./sync-freshness";
import { connectTestClient, startTestSimulator } from "./testing/simulated-lightspeed";

const cleanup = useTestCleanup();
const syncIntervalMs = 15 * 60_000;

describe(`getSyncFreshness (${testDatabaseKind})`, () => {
  it("says never synced, and stale, on a fresh database", async () => {
    const db = await openTestDatabase();
    cleanup.defer(() => db.close());
    const freshness = await getSyncFreshness(db, { syncIntervalMs });
    expect(freshness.stale).toBe(true);
    expect(freshness.sales).toEqual({
      resource: "sales",
      cursor: null,
      cursorUpdatedAt: null,
      lastSuccessAt: null,
      lagSeconds: null,
      stale: true,
      lastRun: null,
    });
  });

  it("reports the cursor, the last success and the lag, and turns stale after two intervals", async () => {
    const db = await openTestDatabase();
    cleanup.defer(() => db.close());
    const sim = await startTestSimulator(cleanup);
    const result = await pollRetail({ db, client: connectTestClient(sim), trigger: "test" });
    const success = await db.prisma.jobRun.findFirstOrThrow({
      where: { job: "poll.sales" },
      select: { finishedAt: true },
    });
    const finishedAt = success.finishedAt ?? new Date(0);

    const soon = await getSyncFreshness(db, {
      syncIntervalMs,
      now: new Date(finishedAt.getTime() + 90_000),
    });
    expect(soon.stale).toBe(false);
    expect(soon.sales).toMatchObject({
      cursor: result.resources.sales.cursor,
      lastSuccessAt: finishedAt,
      lagSeconds: 90,
      stale: false,
      lastRun: { status: "SUCCEEDED", trigger: "test", error: null, errors: 0 },
    });
    expect(soon.customers.cursor).toBe(result.resources.customers.cursor);

    // A later failure shows as the last run; freshness still counts from the last success.
    sim.store.faults.failNext(4, 503);
    await pollRetail({
      db,
      client: connectTestClient(sim),
      trigger: "schedule",
      resources: ["sales"],
    });
    const late = await getSyncFreshness(db, {
      syncIntervalMs,
      now: new Date(finishedAt.getTime() + 2 * syncIntervalMs + 1_000),
    });
    expect(late.stale).toBe(true);
    expect(late.sales).toMatchObject({
      lastSuccessAt: finishedAt,
      lagSeconds: (2 * syncIntervalMs) / 1000 + 1,
      stale: true,
      lastRun: { status: "FAILED", trigger: "schedule", error: expect.stringMatching(/503/) },
    });
    expect(late.customers.lastRun?.status).toBe("SUCCEEDED");
  });
  it("lists the catalog's polls beside sales and customers, without making the sync stale", async () => {
    const db = await openTestDatabase();
    cleanup.defer(() => db.close());
    const sim = await startTestSimulator(cleanup);
    const client = connectTestClient(sim);
    await pollRetail({ db, client, trigger: "test" });
    const before = await getSyncFreshness(db, { syncIntervalMs });
    expect(before.stale).toBe(false);
    expect(before.products).toMatchObject({ resource: "products", cursor: null, stale: true });

    const catalog = await pollCatalog({ db, client, trigger: "test" });
    const after = await getSyncFreshness(db, { syncIntervalMs });
    for (const resource of ["productCategories", "brands", "products"] as const) {
      expect(after[resource]).toMatchObject({
        resource,
        cursor: catalog.resources[resource].cursor,
        stale: false,
        lastRun: { status: "SUCCEEDED", trigger: "test" },
      });
    }
  });
});
