import { openTestDatabase, testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { describe, expect, it } from "vitest";
import { createNotifications } from "./notification-store";

const cleanup = useTestCleanup();
const now = new Date("2026-03-02T15:00:00.000Z");

describe(`createNotifications (${testDatabaseKind})`, () => {
  it("stores a campaign id in each notification's data (its own, unless the data names one), once per dedupe key", async () => {
    const db = await openTestDatabase();
    cleanup.defer(() => db.close());
    const drafts = [
      {
        kind: "customer.vip_order" as const,
        title: "VIP order",
        body: "b",
        data: { orderKey: "retail:s1" },
        dedupeKey: "vip_order:retail:s1",
      },
      {
        kind: "alert.opened" as const,
        title: "Alert",
        body: "b",
        data: { campaignId: "poll-health" },
        dedupeKey: "alert:1",
      },
      { kind: "customer.at_risk" as const, title: "At risk", body: "b", dedupeKey: "at_risk:1" },
    ];
    expect(await createNotifications(db.prisma, drafts, now)).toBe(3);
    expect(await createNotifications(db.prisma, drafts, now)).toBe(0);
    const rows = await db.prisma.notification.findMany({
      select: { id: true, kind: true, data: true },
      orderBy: { kind: "asc" },
    });
    expect(rows).toEqual([
      { id: expect.any(String), kind: "alert.opened", data: { campaignId: "poll-health" } },
      {
        id: expect.any(String),
        kind: "customer.at_risk",
        data: { campaignId: `customer.at_risk:${rows[1]?.id}` },
      },
      {
        id: expect.any(String),
        kind: "customer.vip_order",
        data: { orderKey: "retail:s1", campaignId: `customer.vip_order:${rows[2]?.id}` },
      },
    ]);
  });
});
