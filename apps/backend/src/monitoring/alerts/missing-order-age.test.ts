// Regression: a missing-order alert said "after 3 days" (the threshold) for an order 62 days late,
// and kept saying it while the order aged. It states the order's age, and follows it.
import { testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { describe, expect, it } from "vitest";
import { openDatabaseForTest } from "../../testing/test-database";
import { evaluateAlerts } from "./evaluate-alerts";
import { testAlertSettings } from "./testing/test-alert-settings";

const cleanup = useTestCleanup();
const DAY = 86_400_000;

describe(`missing-order alert age (${testDatabaseKind})`, () => {
  it("states the order's current age, not the threshold, and updates it as the order ages", async () => {
    const db = await openDatabaseForTest(cleanup);
    const now = new Date("2026-11-30T12:00:00.000Z");
    await db.prisma.order.create({
      data: {
        key: "ecom:8001",
        source: "ecom_unsynced",
        channel: "ECOM",
        status: "COMPLETED",
        placedAt: new Date(now.getTime() - 62 * DAY - 3_600_000),
        total: "40.00",
        ecomOrderNumber: "8001",
      },
      select: { id: true },
    });
    const settings = testAlertSettings({ missingOrderAlertDays: 3, timeZone: "UTC" });
    const message = async () =>
      (
        await db.prisma.syncAlert.findUniqueOrThrow({
          where: { kind_subjectKey: { kind: "MISSING_ECOM_ORDER", subjectKey: "8001" } },
          select: { message: true, status: true },
        })
      ).message;

    const first = await evaluateAlerts(db, { now, settings });
    expect(first.notificationsCreated).toBe(1);
    expect(await message()).toMatch(/ is still not in X-Series after 62 days\.$/);

    // A day later the same alert says 63 days; the refresh notifies nobody again.
    const later = await evaluateAlerts(db, { now: new Date(now.getTime() + DAY), settings });
    expect(later.notificationsCreated).toBe(0);
    expect(await message()).toMatch(/ is still not in X-Series after 63 days\.$/);
    expect(await db.prisma.syncAlert.count()).toBe(1);
  });

  it("says 1 day, not 1 days", async () => {
    const db = await openDatabaseForTest(cleanup);
    const now = new Date("2026-11-30T12:00:00.000Z");
    await db.prisma.order.create({
      data: {
        key: "ecom:8002",
        source: "ecom_unsynced",
        channel: "ECOM",
        status: "COMPLETED",
        placedAt: new Date(now.getTime() - DAY - 60_000),
        total: "5.00",
        ecomOrderNumber: "8002",
      },
      select: { id: true },
    });
    await evaluateAlerts(db, {
      now,
      settings: testAlertSettings({ missingOrderAlertDays: 1, timeZone: "UTC" }),
    });
    const alert = await db.prisma.syncAlert.findFirstOrThrow({ select: { message: true } });
    expect(alert.message).toMatch(/ is still not in X-Series after 1 day\.$/);
  });
});
