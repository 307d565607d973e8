import { openTestDatabase, testDatabaseKind } from "@greenloop/db/testing";
import { describe, expect, it } from "vitest";
import { testApi, testApiEnv } from "../testing/api-test-kit";

describe(`system.status (${testDatabaseKind})`, () => {
  it("reports the database, its migrations and what it holds", async () => {
    const db = await openTestDatabase();
    try {
      await db.prisma.customer.createMany({ data: [{ displayName: "A" }, { displayName: "B" }] });
      await db.prisma.syncCursor.create({ data: { resource: "sales", afterVersion: 1234n } });
      await db.prisma.jobRun.create({
        data: {
          job: "poll.sales",
          trigger: "test",
          status: "SUCCEEDED",
          finishedAt: new Date(),
          pages: 1,
        },
      });
      const { caller } = await testApi(db, "viewer");

      const status = await caller.system.status();

      expect(status.database.kind).toBe(testDatabaseKind);
      expect(status.database.migrations.upToDate).toBe(true);
      expect(status.database.migrations.pending).toEqual([]);
      expect(status.database.migrations.applied.length).toBeGreaterThan(0);
      expect(status.counts).toEqual({
        customers: 2,
        orders: 0,
        retailSales: 0,
        retailCustomers: 0,
        ecomOrders: 0,
        pendingWebhookDeliveries: 0,
        unsyncedEcomOrders: 0,
        flaggedIdentifiers: 0,
        customersAwaitingAnalytics: 0,
      });
      expect(status.ingestion?.polling.sales).toMatchObject({ cursor: 1234, stale: false });
      expect(status.ingestion?.polling.sales.lagSeconds).toBeLessThan(60);
      // Customers were never polled: stale, which alerting will pick up.
      expect(status.ingestion?.polling.customers).toMatchObject({
        cursor: null,
        lastSuccessAt: null,
        stale: true,
      });
      expect(status.ingestion?.polling.stale).toBe(true);
      expect(status.ingestion?.webhooks).toMatchObject({
        pending: 0,
        dead: 0,
        signatureRejections: 0,
      });
      expect(status.serverTime).toBeInstanceOf(Date);
      expect(status.uptimeSeconds).toBeGreaterThanOrEqual(5);
    } finally {
      await db.close();
    }
  });

  it("reports pending migrations, and no counts, when the schema is behind", async () => {
    const db = await openTestDatabase({ migrate: false });
    try {
      const { caller } = await testApi(db, "viewer");
      const status = await caller.system.status();
      expect(status.database.migrations.upToDate).toBe(false);
      expect(status.database.migrations.pending).toEqual((await db.migrationStatus()).pending);
      expect(status.database.migrations.pending.length).toBeGreaterThan(0);
      expect(status.counts).toBeNull();
      expect(status.ingestion).toBeNull();
    } finally {
      await db.close();
    }
  });
});

describe(`system.storeTime (${testDatabaseKind})`, () => {
  it("answers STORE_TIMEZONE and the API's clock, which may be far from the wall clock", async () => {
    const db = await openTestDatabase();
    try {
      const storeNow = new Date("2031-05-06T07:08:09Z");
      const { caller } = await testApi(db, "viewer", {
        env: testApiEnv({ STORE_TIMEZONE: "Europe/Berlin" }),
        now: () => storeNow,
      });
      expect(await caller.system.storeTime()).toEqual({
        timeZone: "Europe/Berlin",
        now: storeNow,
      });
    } finally {
      await db.close();
    }
  });
});
