// The report counts the backlog per 15-minute slot in the database instead of reading every order:
// the weeks must be those of the orders themselves, also in a time zone half an hour off UTC and
// for orders placed minutes either side of a store-local Monday midnight.
import { testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { describe, expect, it } from "vitest";
import { openDatabaseForTest } from "../../testing/test-database";
import { listEcomBacklog } from "./ecom-backlog";
import { getSyncDelayReport } from "./sync-delay-report";
import { summarizeDelaysByWeek } from "./weekly-delays";

const cleanup = useTestCleanup();

describe(`the sync-delay report's backlog (${testDatabaseKind})`, () => {
  it("gives each week the missing orders placed in it, as counting them one by one does", async () => {
    const db = await openDatabaseForTest(cleanup);
    const timeZone = "Asia/Kolkata"; // UTC+5:30
    // Monday 2026-11-02 00:00 in Kolkata is Sunday 2026-11-01 18:30 UTC.
    const mondayMidnight = Date.parse("2026-11-01T18:30:00.000Z");
    const offsetsMinutes = [-31, -16, -1, 0, 1, 14, 29, 31, 7 * 24 * 60 - 1, 7 * 24 * 60];
    await Promise.all(
      offsetsMinutes.map((minutes, i) =>
        db.prisma.order.create({
          data: {
            key: `ecom:${5000 + i}`,
            source: "ecom_unsynced",
            channel: "ECOM",
            status: "COMPLETED",
            placedAt: new Date(mondayMidnight + minutes * 60_000),
            total: "10.00",
            ecomOrderNumber: String(5000 + i),
          },
          select: { id: true },
        }),
      ),
    );
    const now = new Date("2026-12-01T00:00:00.000Z");
    const report = await getSyncDelayReport(db, { now, timeZone });
    const byOrder = summarizeDelaysByWeek([], await listEcomBacklog(db, { now }), timeZone);
    expect(report.weeks).toEqual(byOrder);
    expect(
      report.weeks.map(({ weekStart, stillMissing }) => ({ weekStart, stillMissing })),
    ).toEqual([
      { weekStart: "2026-10-26", stillMissing: 3 },
      { weekStart: "2026-11-02", stillMissing: 6 },
      { weekStart: "2026-11-09", stillMissing: 1 },
    ]);
    expect(report.backlog).toEqual({
      count: offsetsMinutes.length,
      oldestPlacedAt: new Date(mondayMidnight - 31 * 60_000),
    });
  });
});
