// The holdout test on the simulated store, against the database: the figures it stores are the
// ones a direct count over the canonical orders gives, and the latest run is the one shown.
import { openTestDatabase, testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { SimulatedStore } from "@greenloop/lightspeed-simulator";
import { defaultAnalyticsConfig } from "@greenloop/order-sync/analytics";
import { describe, expect, it } from "vitest";
import { importStoreExport, ingestRetail } from "../merge/testing/merge-harness";
import { latestHoldoutRun, runHoldout } from "./holdout-run";

const cleanup = useTestCleanup();
const config = defaultAnalyticsConfig;

async function openStore() {
  const db = await openTestDatabase();
  cleanup.defer(() => db.close());
  const store = new SimulatedStore({
    seed: 47,
    store: { customers: 80, inStoreSales: 400, ecomOrders: 120, months: 9 },
  });
  await ingestRetail(db, { customers: store.customers(), sales: store.sales() });
  await importStoreExport(db, store);
  return { db, now: new Date(store.now().getTime() + 86_400_000) };
}

describe(`runHoldout (${testDatabaseKind})`, () => {
  it("scores the customers before the last N weeks against their purchase days in them", async () => {
    const { db, now } = await openStore();
    const run = await runHoldout(db, { weeks: 8, config, trigger: "test", now });

    // The same windows counted in SQL over the canonical orders the analytics count.
    const [counts] = await db.prisma.$queryRawUnsafe<
      Array<{ lastDay: Date; customers: bigint; holdoutDays: bigint }>
    >(
      `WITH counted AS (
         SELECT o."customerId" AS customer, date_trunc('day', o."placedAt" AT TIME ZONE 'UTC') AS day
           FROM "Order" o JOIN "Customer" c ON c.id = o."customerId"
          WHERE c."mergedIntoId" IS NULL AND o."countsInAnalytics"
            AND NOT (o."refundedTotal" > 0 AND o."refundedTotal" >= o.total)),
       bounds AS (SELECT max(day) AS last_day, max(day) - interval '56 days' AS cal_end FROM counted),
       early AS (SELECT DISTINCT customer FROM counted, bounds WHERE day <= cal_end)
       SELECT (SELECT last_day FROM bounds) AS "lastDay",
              (SELECT count(*) FROM early) AS customers,
              (SELECT count(DISTINCT (customer, day)) FROM counted, bounds
                WHERE day > cal_end AND day <= last_day AND customer IN (SELECT customer FROM early))
                AS "holdoutDays"`,
    );
    expect(run.observationEnd.toISOString().slice(0, 10)).toBe(
      counts?.lastDay.toISOString().slice(0, 10),
    );
    expect(run.calibrationEnd.getTime()).toBe(run.observationEnd.getTime() - 56 * 86_400_000);
    expect(run.customers).toBe(Number(counts?.customers));
    expect(run.actualTotal).toBe(Number(counts?.holdoutDays));
    expect(run.actualTotal).toBeGreaterThan(0);
    expect(run.holdoutWeeks).toBe(8);

    expect(run.deciles).toHaveLength(10);
    const sum = (key: "predictedSum" | "actualSum" | "customers") =>
      run.deciles.reduce((total, decile) => total + decile[key], 0);
    expect(sum("customers")).toBe(run.customers);
    expect(sum("actualSum")).toBe(run.actualTotal);
    expect(sum("predictedSum")).toBeCloseTo(run.predictedTotal, 9);
    expect(run.predictedTotal).toBeGreaterThan(0);
    expect(run.rmse).toBeGreaterThanOrEqual(run.mae);
    expect(run.params.converged).toBe(true);
  });

  it("keeps every run and shows the latest", async () => {
    const { db, now } = await openStore();
    expect(await latestHoldoutRun(db)).toBeNull();
    const first = await runHoldout(db, { weeks: 4, config, trigger: "cli", now });
    const second = await runHoldout(db, { weeks: 12, config, trigger: "api", now });
    expect(await db.prisma.holdoutRun.count()).toBe(2);
    const latest = await latestHoldoutRun(db);
    expect(latest).toEqual(second);
    expect(latest?.id).not.toBe(first.id);
    expect(latest).toMatchObject({ holdoutWeeks: 12, trigger: "api" });
  });

  it("rejects a holdout that is not a whole number of weeks from 1 to 260", async () => {
    const { db, now } = await openStore();
    for (const weeks of [0, 1.5, 261, Number.NaN]) {
      await expect(runHoldout(db, { weeks, config, trigger: "test", now })).rejects.toThrow(
        /whole number of weeks from 1 to 260/,
      );
    }
    expect(await db.prisma.holdoutRun.count()).toBe(0);
  });

  it("says in words when there is too little data, and stores nothing", async () => {
    const empty = await openTestDatabase();
    cleanup.defer(() => empty.close());
    await expect(runHoldout(empty, { config, trigger: "test" })).rejects.toThrow(
      /Too little data for a holdout test: the store has no customer orders yet/,
    );
    const { db, now } = await openStore();
    // The whole nine months as holdout: nobody bought before it.
    await expect(runHoldout(db, { weeks: 200, config, trigger: "test", now })).rejects.toThrow(
      /Too little data for a holdout test: 0 customer\(s\) bought before/,
    );
    expect(await db.prisma.holdoutRun.count()).toBe(0);
  });
});
