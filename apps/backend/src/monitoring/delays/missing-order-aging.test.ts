// The missing-orders worklist on a real database: each order with its customer's name, its total
// and its age, oldest first (sync.missing), and the backlog counted per age bucket
// (sync.missingAging).
import { testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { describe, expect, it } from "vitest";
import { openDatabaseForTest } from "../../testing/test-database";
import { testApi, testApiEnv } from "../../trpc/testing/api-test-kit";

const cleanup = useTestCleanup();
const DAY = 86_400_000;
const now = new Date("2026-12-01T12:00:00.000Z");

/** Unsynced eCom orders aged 1, 3, 7, 8, 20, 45, 62 and 400 days; two have a named customer. */
async function agedBacklog() {
  const db = await openDatabaseForTest(cleanup);
  const nora = await db.prisma.customer.create({
    data: { displayName: "Nora Quist" },
    select: { id: true },
  });
  const anonymous = await db.prisma.customer.create({ data: {}, select: { id: true } });
  const ages = [1, 3, 7, 8, 20, 45, 62, 400];
  for (const [index, age] of ages.entries()) {
    await db.prisma.order.create({
      data: {
        key: `ecom:${9000 + index}`,
        source: "ecom_unsynced",
        channel: "ECOM",
        status: "COMPLETED",
        // An hour past the whole day: the age in days is exactly `age`.
        placedAt: new Date(now.getTime() - age * DAY - 3_600_000),
        total: `${10 + index}.25`,
        ecomOrderNumber: String(9000 + index),
        customerId: age === 62 ? nora.id : age === 400 ? anonymous.id : null,
      },
      select: { id: true },
    });
  }
  // Synced and cancelled orders are not missing.
  await db.prisma.order.create({
    data: {
      key: "ecom:9100",
      source: "ecom_unsynced",
      channel: "ECOM",
      status: "CANCELLED",
      countsInAnalytics: false,
      placedAt: new Date(now.getTime() - 30 * DAY),
      total: "99.00",
      ecomOrderNumber: "9100",
    },
    select: { id: true },
  });
  const env = testApiEnv({ MISSING_ORDER_ALERT_DAYS: "3" });
  const { caller } = await testApi(db, "viewer", { env, now: () => now });
  return { caller, nora, anonymous };
}

describe(`the missing-orders worklist (${testDatabaseKind})`, () => {
  it("lists each order with its customer's name, total and age, oldest first", async () => {
    const { caller, nora, anonymous } = await agedBacklog();
    const missing = await caller.sync.missing({});
    expect(missing.total).toBe(7);
    expect(
      missing.orders.map((order) => [
        order.ecomOrderNumber,
        order.ageDays,
        order.customerId,
        order.customerName,
        order.total.toFixed(2),
      ]),
    ).toEqual([
      ["9007", 400, anonymous.id, null, "17.25"],
      ["9006", 62, nora.id, "Nora Quist", "16.25"],
      ["9005", 45, null, null, "15.25"],
      ["9004", 20, null, null, "14.25"],
      ["9003", 8, null, null, "13.25"],
      ["9002", 7, null, null, "12.25"],
      ["9001", 3, null, null, "11.25"],
    ]);
  });

  it("counts the backlog and its money per age bucket, from the alert threshold up", async () => {
    const { caller } = await agedBacklog();
    const aging = await caller.sync.missingAging({});
    const summary = (bucket: (typeof aging.buckets)[number]) => ({
      label: bucket.label,
      fromDays: bucket.fromDays,
      toDays: bucket.toDays,
      orders: bucket.orders,
      total: bucket.total.toFixed(2),
    });
    expect(aging.days).toBe(3);
    expect(aging.buckets.map(summary)).toEqual([
      { label: "3–7 days", fromDays: 3, toDays: 7, orders: 2, total: "23.50" },
      { label: "8–14 days", fromDays: 8, toDays: 14, orders: 1, total: "13.25" },
      { label: "15–30 days", fromDays: 15, toDays: 30, orders: 1, total: "14.25" },
      { label: "31–60 days", fromDays: 31, toDays: 60, orders: 1, total: "15.25" },
      { label: "over 60 days", fromDays: 61, toDays: null, orders: 2, total: "33.50" },
    ]);
    expect(aging.orders).toBe((await caller.sync.missing({})).total);
    expect(aging.total.toFixed(2)).toBe("99.75");

    // Every unsynced order: the youngest bucket appears; a high threshold starts mid-bucket.
    const all = await caller.sync.missingAging({ days: 0 });
    expect(all.buckets[0]).toMatchObject({ label: "0–2 days", orders: 1 });
    expect(all.orders).toBe(8);
    const old = await caller.sync.missingAging({ days: 10 });
    expect(old.buckets.map(summary).map(({ label, orders }) => [label, orders])).toEqual([
      ["10–14 days", 0],
      ["15–30 days", 1],
      ["31–60 days", 1],
      ["over 60 days", 2],
    ]);
  });
});
