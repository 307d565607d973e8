// Notable customer events: a VIP's new order, a customer entering At Risk. Each notifies once,
// the first run is a baseline, and entering At Risk again after leaving notifies again.
import type { Database } from "@greenloop/db";
import { testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { describe, expect, it } from "vitest";
import { seedCustomerMetrics } from "../../analytics/testing/seed-customer-metrics";
import { openDatabaseForTest } from "../../testing/test-database";
import { detectAtRiskEntries } from "./at-risk-events";
import { detectVipOrders } from "./vip-order-events";

const cleanup = useTestCleanup();
const HOUR = 3_600_000;
const t0 = new Date("2026-03-02T15:00:00.000Z").getTime();
const at = (hours: number) => new Date(t0 + hours * HOUR);

async function customer(
  db: Pick<Database, "prisma">,
  name: string,
  metrics: { isVip?: boolean; rfmSegment?: string | null } = {},
) {
  const { id } = await db.prisma.customer.create({
    data: { displayName: name },
    select: { id: true },
  });
  await seedCustomerMetrics(db, id, {
    totalSpend: "2500.00",
    averageOrderValue: "2500.00",
    spend90d: "0",
    orders90d: 0,
    isVip: metrics.isVip ?? false,
    rfmSegment: metrics.rfmSegment ?? null,
  });
  return id;
}

async function setSegment(db: Pick<Database, "prisma">, customerId: string, rfmSegment: string) {
  await db.prisma.customerMetrics.update({
    where: { customerId },
    data: { rfmSegment },
    select: { customerId: true },
  });
}

async function order(db: Pick<Database, "prisma">, key: string, customerId: string, hours: number) {
  await db.prisma.order.create({
    data: {
      key,
      customerId,
      source: "retail",
      channel: "RETAIL",
      status: "COMPLETED",
      placedAt: at(hours),
      total: "84.50",
    },
    select: { id: true },
  });
}

async function notifications(db: Pick<Database, "prisma">, kind: string) {
  return db.prisma.notification.findMany({
    where: { kind },
    select: { title: true, body: true, data: true },
    orderBy: [{ createdAt: "asc" }, { title: "asc" }],
  });
}

describe(`detectVipOrders (${testDatabaseKind})`, () => {
  it("notifies once per new order of a VIP, after a baseline, and never for others", async () => {
    const db = await openDatabaseForTest(cleanup);
    const vip = await customer(db, "Dana Reed", { isVip: true });
    const regular = await customer(db, "Sam Lee");
    await order(db, "retail:old", vip, -2);

    expect(await detectVipOrders(db, { now: at(0) })).toEqual({ notified: 0, baseline: true });
    await order(db, "retail:s1", vip, 1);
    await order(db, "retail:s2", regular, 1);
    expect(await detectVipOrders(db, { now: at(2) })).toEqual({ notified: 1, baseline: false });
    expect(await detectVipOrders(db, { now: at(3) })).toEqual({ notified: 0, baseline: false });
    expect(await notifications(db, "customer.vip_order")).toEqual([
      {
        title: "VIP order: Dana Reed",
        body: "Dana Reed placed an order in store for $84.50.",
        data: expect.objectContaining({ customerId: vip, orderKey: "retail:s1", total: "84.50" }),
      },
    ]);
  });
});

describe(`detectAtRiskEntries (${testDatabaseKind})`, () => {
  it("notifies on entering At Risk, once, and again after leaving and coming back", async () => {
    const db = await openDatabaseForTest(cleanup);
    await customer(db, "Already At Risk", { rfmSegment: "At Risk" });
    const ana = await customer(db, "Ana Garcia", { rfmSegment: "Loyal" });
    const run = (hours: number) => detectAtRiskEntries(db, { now: at(hours), digestOver: 5 });

    expect(await run(0)).toEqual({ entered: 1, left: 0, notified: 0, baseline: true });
    expect(await run(1)).toEqual({ entered: 0, left: 0, notified: 0, baseline: false });
    await setSegment(db, ana, "At Risk");
    expect(await run(2)).toMatchObject({ entered: 1, notified: 1 });
    expect(await run(3)).toMatchObject({ entered: 0, notified: 0 });
    await setSegment(db, ana, "Champions");
    expect(await run(4)).toMatchObject({ left: 1, notified: 0 });
    await setSegment(db, ana, "At Risk");
    expect(await run(5)).toMatchObject({ entered: 1, notified: 1 });
    expect((await notifications(db, "customer.at_risk")).map((n) => n.title)).toEqual([
      "Ana Garcia is now At Risk",
      "Ana Garcia is now At Risk",
    ]);
  });

  it("summarises many customers entering at once (after a full analytics run) in one notification", async () => {
    const db = await openDatabaseForTest(cleanup);
    await detectAtRiskEntries(db, { now: at(0), digestOver: 5 });
    const ids = [];
    for (let i = 0; i < 7; i += 1)
      ids.push(await customer(db, `Customer ${i}`, { rfmSegment: "At Risk" }));
    expect(await detectAtRiskEntries(db, { now: at(1), digestOver: 5 })).toMatchObject({
      entered: 7,
      notified: 1,
    });
    const [digest] = await notifications(db, "customer.at_risk");
    expect(digest).toMatchObject({
      title: "7 customers entered At Risk",
      data: { count: 7, customerIds: expect.arrayContaining(ids) },
    });
  });
});
