// How a missing-order alert resolves, written set-based: the order arrived (and how late), was
// cancelled, is no longer old enough to alert on, or is gone.
import { testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { describe, expect, it } from "vitest";
import { openDatabaseForTest } from "../../testing/test-database";
import { evaluateAlerts } from "./evaluate-alerts";
import { testAlertSettings } from "./testing/test-alert-settings";

const cleanup = useTestCleanup();
const DAY = 86_400_000;

describe(`missing-order alert resolutions (${testDatabaseKind})`, () => {
  it("says how each alert ended", async () => {
    const db = await openDatabaseForTest(cleanup);
    const now = new Date("2026-11-30T12:00:00.000Z");
    const placedAt = new Date(now.getTime() - 10 * DAY);
    for (const number of ["7001", "7002", "7003", "7004"]) {
      await db.prisma.order.create({
        data: {
          key: `ecom:${number}`,
          source: "ecom_unsynced",
          channel: "ECOM",
          status: "COMPLETED",
          placedAt,
          total: "12.00",
          ecomOrderNumber: number,
        },
        select: { id: true },
      });
    }
    const settings = testAlertSettings({ missingOrderAlertDays: 3, timeZone: "America/Chicago" });
    await evaluateAlerts(db, { now, settings });
    expect(
      await db.prisma.syncAlert.findUniqueOrThrow({
        where: { kind_subjectKey: { kind: "MISSING_ECOM_ORDER", subjectKey: "7001" } },
        select: { message: true, details: true },
      }),
    ).toEqual({
      message:
        "eCom order #7001, placed Nov 20, 2026, 6:00 AM America/Chicago, is still not in X-Series after 10 days.",
      details: { ecomOrderNumber: "7001", placedAt: placedAt.toISOString(), alertAfterDays: 3 },
    });

    const reachedAt = new Date(placedAt.getTime() + DAY + 3_600_000);
    await db.prisma.order.update({
      where: { ecomOrderNumber: "7001" },
      data: { source: "ecom_synced", reachedRetailAt: reachedAt, syncDelaySeconds: 90_000 },
    });
    await db.prisma.order.update({
      where: { ecomOrderNumber: "7002" },
      data: { status: "CANCELLED", countsInAnalytics: false },
    });
    await db.prisma.order.update({
      where: { ecomOrderNumber: "7003" },
      data: { placedAt: new Date(now.getTime() - DAY) }, // a corrected export: placed yesterday
    });
    await db.prisma.order.delete({ where: { ecomOrderNumber: "7004" } });
    const result = await evaluateAlerts(db, { now, settings });
    expect(result.transitions.find((t) => t.kind === "MISSING_ECOM_ORDER")).toMatchObject({
      resolved: 4,
      resolvedSubjects: ["7001", "7002", "7003", "7004"],
    });

    const alerts = await db.prisma.syncAlert.findMany({
      select: { subjectKey: true, status: true, resolvedAt: true, details: true },
      orderBy: { subjectKey: "asc" },
    });
    const base = {
      ecomOrderNumber: expect.any(String),
      placedAt: expect.any(String),
      alertAfterDays: 3,
    };
    expect(alerts).toEqual([
      {
        subjectKey: "7001",
        status: "RESOLVED",
        resolvedAt: now,
        details: {
          ...base,
          outcome: "arrived",
          reachedAt: reachedAt.toISOString(),
          delaySeconds: 90_000,
          resolution: "It arrived 1 day 1 hour after it was placed.",
        },
      },
      {
        subjectKey: "7002",
        status: "RESOLVED",
        resolvedAt: now,
        details: {
          ...base,
          outcome: "cancelled",
          resolution: "It is no longer expected in X-Series (cancelled).",
        },
      },
      {
        subjectKey: "7003",
        status: "RESOLVED",
        resolvedAt: now,
        details: {
          ...base,
          outcome: "below_threshold",
          resolution:
            "It is still not in X-Series, but no longer older than MISSING_ORDER_ALERT_DAYS.",
        },
      },
      {
        subjectKey: "7004",
        status: "RESOLVED",
        resolvedAt: now,
        details: {
          ...base,
          outcome: "gone",
          resolution: "The order is no longer among the unsynced eCom orders.",
        },
      },
    ]);
    const titles = await db.prisma.notification.findMany({
      where: { kind: "alert.resolved" },
      select: { title: true },
      orderBy: { title: "asc" },
    });
    expect(titles.map((n) => n.title)).toEqual([
      "eCom order #7001 reached X-Series",
      "eCom order #7002 was cancelled",
      "eCom order #7003: alert withdrawn",
      "eCom order #7004 is no longer tracked",
    ]);
  });
});
