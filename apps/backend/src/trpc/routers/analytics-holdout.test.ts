// analytics.holdout shows the latest stored holdout test (null before one); analytics.runHoldout
// lets an operator run one, with the same figures the domain function stores.
import { type TestDatabase, testDatabaseKind } from "@greenloop/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openAnalyzedStore } from "../../analytics/testing/analyzed-store";
import { type TestApi, testApi, trpcErrorCode } from "../testing/api-test-kit";

let db: TestDatabase;
let viewer: TestApi;
let operator: TestApi;

beforeAll(async () => {
  const store = await openAnalyzedStore({
    seed: 21,
    store: { customers: 50, inStoreSales: 240, ecomOrders: 60, months: 8 },
  });
  db = store.db;
  viewer = await testApi(db, "viewer", { now: () => store.asOf });
  operator = await testApi(db, "operator", { now: () => store.asOf });
});

afterAll(async () => {
  await db?.close();
});

describe(`analytics.holdout / runHoldout (${testDatabaseKind})`, () => {
  it("is null before the first run, then the latest run as stored", async () => {
    expect(await viewer.caller.analytics.holdout()).toBeNull();
    const first = await operator.caller.analytics.runHoldout({ weeks: 5 });
    const second = await operator.caller.analytics.runHoldout();
    expect(first).toMatchObject({ holdoutWeeks: 5, trigger: "api" });
    expect(second).toMatchObject({ holdoutWeeks: 13, trigger: "api" });
    const latest = await viewer.caller.analytics.holdout();
    expect(latest).toEqual(second);
    const stored = await db.prisma.holdoutRun.findUniqueOrThrow({ where: { id: second.id } });
    expect(latest).toMatchObject({
      customers: stored.customers,
      mae: stored.mae,
      rmse: stored.rmse,
      correlation: stored.correlation,
      predictedTotal: stored.predictedTotal,
      actualTotal: stored.actualTotal,
      deciles: stored.deciles,
    });
  });

  it("lets only operators run it, with weeks from 1 to 260", async () => {
    expect(await trpcErrorCode(viewer.caller.analytics.runHoldout({ weeks: 4 }))).toBe("FORBIDDEN");
    expect(await trpcErrorCode(operator.caller.analytics.runHoldout({ weeks: 0 }))).toBe(
      "BAD_REQUEST",
    );
    expect(await trpcErrorCode(operator.caller.analytics.runHoldout({ weeks: 261 }))).toBe(
      "BAD_REQUEST",
    );
  });
});
