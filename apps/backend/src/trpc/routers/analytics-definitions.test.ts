// analytics.definitions states the thresholds the analytics actually run with, so the dashboard's
// legend cannot drift from the configuration.
import { testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { describe, expect, it } from "vitest";
import { openDatabaseForTest } from "../../testing/test-database";
import { testApi, testApiEnv, trpcErrorCode } from "../testing/api-test-kit";

const cleanup = useTestCleanup();

describe(`analytics.definitions (${testDatabaseKind})`, () => {
  it("answers the configured tiers (lowest first), VIP minimum and label boundaries", async () => {
    const db = await openDatabaseForTest(cleanup);
    const env = testApiEnv({
      LOYALTY_TIERS: "Gold=900,Seed=0,Silver=300",
      VIP_MIN_LIFETIME_VALUE: "2500",
    });
    const { caller } = await testApi(db, "viewer", { env });

    const definitions = await caller.analytics.definitions();

    expect(definitions.tiers.map((t) => [t.name, t.minRollingSpend.toString()])).toEqual([
      ["Seed", "0"],
      ["Silver", "300"],
      ["Gold", "900"],
    ]);
    expect(definitions.vip.minLifetimeValue.toString()).toBe("2500");
    expect(definitions).toMatchObject({
      rollingWindowDays: 90,
      tierRequiresOrder: true,
      inactivityFromDays: { "30d": 30, "60d": 60, "90d+": 90 },
      churnRisk: { mediumFrom: 0.4, highFrom: 0.7 },
    });
  });

  it("is refused without a staff token", async () => {
    const db = await openDatabaseForTest(cleanup);
    const { caller } = await testApi(db, { authorization: undefined });
    expect(await trpcErrorCode(caller.analytics.definitions())).toBe("UNAUTHORIZED");
  });
});
