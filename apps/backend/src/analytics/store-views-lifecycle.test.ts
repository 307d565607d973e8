// The lifecycle in SQL (on PGlite and PostgreSQL) equals the pure reference buildLifecycle on
// random customers whose gaps cluster at the thresholds, placed at all hours (so near the store's
// and UTC's midnights), across daylight-saving changes, in weeks and months of several zones;
// and the hand-made edge cases read as the definitions say.
import { randomUUID } from "node:crypto";
import { openTestDatabase, type TestDatabase, testDatabaseKind } from "@greenloop/db/testing";
import { SeededRandom } from "@greenloop/lightspeed-simulator";
import {
  type AnalyticsConfig,
  buildLifecycle,
  defaultAnalyticsConfig,
  type StoreOrder,
} from "@greenloop/order-sync/analytics";
import { DomainError } from "@greenloop/order-sync/errors";
import Decimal from "decimal.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getStoreSummary } from "./store-views";
import { getLifecycle } from "./store-views-lifecycle";

const DAY = 86_400_000;
const asOf = new Date("2026-04-10T12:00:00Z");
const from = new Date("2024-03-01T00:00:00Z");
const shortThresholds: AnalyticsConfig["lifecycle"] = {
  wonBackAfterDays: 10,
  lapsedAfterDays: 5,
  lostAfterDays: 12,
};

let db: TestDatabase;
let orders: StoreOrder[];

/** The hand-made customers: [name, instants of their orders]. */
const edgeCases: Array<[string, string[]]> = [
  ["one order", ["2026-01-10T18:00:00Z"]],
  // January 1st and April 1st 2026 in Chicago: exactly 90 days.
  ["exactly 90 days", ["2026-01-01T18:00:00Z", "2026-04-01T17:00:00Z"]],
  ["89 days", ["2026-01-01T18:00:00Z", "2026-03-31T17:00:00Z"]],
  // 11:30 PM January 5th (CST) and 00:30 April 5th (CDT): 90 store days, 89 UTC dates.
  ["across DST", ["2026-01-06T05:30:00Z", "2026-04-05T05:30:00Z"]],
  // 9 PM on February 28th in Chicago, March 1st in UTC.
  ["month's turn", ["2026-03-01T03:00:00Z"]],
];

beforeAll(async () => {
  db = await openTestDatabase();
  const random = new SeededRandom(22);
  const rows: Array<Omit<StoreOrder, "id" | "channel" | "total">> = [];
  const add = (customerId: string | null, placedAt: Date) => {
    const refund = random.chance(0.06) ? "full" : "none";
    rows.push({
      customerId,
      placedAt,
      countsInAnalytics: !random.chance(0.08),
      refundedTotal: new Decimal(refund === "full" ? "25.00" : "0"),
    });
  };
  const customers: string[] = Array.from({ length: 90 }, () => randomUUID());
  const edgeIds: string[] = edgeCases.map(() => randomUUID());
  await db.prisma.customer.createMany({ data: [...customers, ...edgeIds].map((id) => ({ id })) });
  const gaps = [0, 1, 3, 4, 5, 6, 9, 10, 11, 12, 13, 29, 60, 89, 90, 91, 179, 180, 181, 250];
  for (const customerId of customers) {
    let at = from.getTime() - 40 * DAY + random.int(0, 700) * DAY;
    for (let n = random.int(1, 9); n > 0; n--) {
      add(customerId, new Date(at + random.int(0, 24 * 60 - 1) * 60_000));
      at += random.pick(gaps) * DAY;
    }
  }
  for (let n = 0; n < 30; n++) add(null, new Date(asOf.getTime() - random.int(0, 400) * DAY));
  // Orders after asOf count nowhere.
  add(customers[0] ?? null, new Date(asOf.getTime() + 3 * DAY));
  edgeCases.forEach(([, instants], index) => {
    for (const iso of instants) {
      rows.push({
        customerId: edgeIds[index] ?? null,
        placedAt: new Date(iso),
        countsInAnalytics: true,
        refundedTotal: new Decimal(0),
      });
    }
  });
  orders = rows.map((row) => ({
    ...row,
    id: randomUUID(),
    channel: "RETAIL",
    total: new Decimal("25.00"),
  }));
  await db.prisma.order.createMany({
    data: orders.map(({ id, ...order }) => ({
      ...order,
      key: `retail:lifecycle-${id}`,
      source: "retail",
      status: "COMPLETED",
    })),
  });
});

afterAll(async () => {
  await db?.close();
});

describe(`getLifecycle (${testDatabaseKind})`, () => {
  it.each([
    ["month", "America/Chicago", defaultAnalyticsConfig.lifecycle],
    ["week", "America/Chicago", defaultAnalyticsConfig.lifecycle],
    ["week", "America/Chicago", shortThresholds],
    ["month", "America/Chicago", shortThresholds],
    ["month", "Australia/Lord_Howe", defaultAnalyticsConfig.lifecycle],
    ["week", "Asia/Kolkata", shortThresholds],
    ["month", "UTC", defaultAnalyticsConfig.lifecycle],
  ] as const)(
    "equals buildLifecycle by %s in %s with %o",
    async (granularity, timeZone, lifecycle) => {
      for (const countFullyRefundedOrders of [false, true]) {
        const config = { ...defaultAnalyticsConfig, countFullyRefundedOrders, lifecycle };
        const view = await getLifecycle(db, { asOf, from, granularity, timeZone, config });
        const reference = buildLifecycle({ orders, from, asOf, granularity, config, timeZone });
        expect(view.periods).toEqual(reference);
        expect(view.thresholds).toEqual(lifecycle);
        // Not a vacuous match: every state occurs.
        for (const field of [
          "newCustomers",
          "returningCustomers",
          "wonBackCustomers",
          "lapsedCustomers",
          "lostCustomers",
        ] as const) {
          expect(
            view.periods.some((period) => period[field] > 0),
            field,
          ).toBe(true);
        }
      }
    },
  );

  it("splits the summary's customers: new alike, returning + won back = returning", async () => {
    const timeZone = "America/Chicago";
    const start = new Date("2025-01-01T06:00:00Z"); // January 1st in Chicago
    const summary = await getStoreSummary(db, {
      asOf,
      from: start,
      granularity: "month",
      timeZone,
    });
    const view = await getLifecycle(db, { asOf, from: start, granularity: "month", timeZone });
    expect(view.periods).toHaveLength(summary.periods.length);
    view.periods.forEach((period, index) => {
      const month = summary.periods[index];
      expect(period.key).toBe(month?.key);
      expect(period.newCustomers).toBe(month?.newCustomers);
      expect(period.returningCustomers + period.wonBackCustomers).toBe(month?.returningCustomers);
    });
  });

  // PGlite has one connection, so the session's zone set here is the one the view runs in. Only
  // the periods' keys and counts are compared: the PGlite adapter reads a timestamptz as if the
  // session were in UTC (every view's instants move with it), which the backend never changes.
  // Evenings in Chicago are already the next day in UTC and in Kiritimati (UTC+14).
  it.skipIf(testDatabaseKind !== "pglite")(
    "equals buildLifecycle whatever the database session's time zone",
    async () => {
      const countsOf = (periods: ReadonlyArray<{ start: Date; toDate: boolean }>) =>
        periods.map(({ start: _start, toDate: _toDate, ...counts }) => counts);
      try {
        await db.prisma.$executeRawUnsafe("SET TIME ZONE 'Pacific/Kiritimati'");
        // 10:30 PM in Chicago on 30 days: one of them has a lapse on the next day.
        for (let day = 0; day < 30; day++) {
          const evening = new Date(Date.parse("2025-11-02T04:30:00Z") + day * DAY);
          const input = {
            asOf: evening,
            from,
            granularity: "week" as const,
            timeZone: "America/Chicago",
          };
          const config = { ...defaultAnalyticsConfig, lifecycle: shortThresholds };
          expect(countsOf((await getLifecycle(db, { ...input, config })).periods)).toEqual(
            countsOf(buildLifecycle({ ...input, orders, config })),
          );
        }
      } finally {
        await db.prisma.$executeRawUnsafe("SET TIME ZONE 'UTC'");
      }
    },
  );

  it("refuses a zone that is not an IANA name and a from after asOf as BAD_INPUT", async () => {
    for (const input of [
      { asOf, from, granularity: "month" as const, timeZone: "Mars/Olympus" },
      { asOf: from, from: asOf, granularity: "month" as const },
      { asOf, from, granularity: "day" as "month" },
    ]) {
      const error = await getLifecycle(db, input).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe("BAD_INPUT");
    }
  });
});

describe(`getLifecycle on the hand-made customers alone (${testDatabaseKind})`, () => {
  let edgeDb: TestDatabase;

  beforeAll(async () => {
    edgeDb = await openTestDatabase();
    for (const [displayName, instants] of edgeCases) {
      const { id } = await edgeDb.prisma.customer.create({
        data: { displayName },
        select: { id: true },
      });
      await edgeDb.prisma.order.createMany({
        data: instants.map((iso) => ({
          key: `retail:lifecycle-${randomUUID()}`,
          source: "retail",
          status: "COMPLETED",
          channel: "RETAIL",
          total: "25.00",
          refundedTotal: "0",
          countsInAnalytics: true,
          customerId: id,
          placedAt: new Date(iso),
        })),
      });
    }
  });

  afterAll(async () => {
    await edgeDb?.close();
  });

  it("counts each as the definitions say, in Chicago's months", async () => {
    const view = await getLifecycle(edgeDb, {
      asOf,
      from: new Date("2026-01-01T06:00:00Z"),
      granularity: "month",
      timeZone: "America/Chicago",
    });
    const counts = view.periods.map(({ key, start, toDate, ...rest }) => ({
      key,
      start: start.toISOString(),
      toDate,
      ...rest,
    }));
    const zero = {
      returningCustomers: 0,
      wonBackCustomers: 0,
      lapsedCustomers: 0,
      lostCustomers: 0,
    };
    expect(counts).toEqual([
      // one order, exactly 90 days, 89 days and across DST start in January.
      {
        key: "2026-01",
        start: "2026-01-01T06:00:00.000Z",
        toDate: false,
        ...zero,
        newCustomers: 4,
      },
      // 9 PM on February 28th in Chicago.
      {
        key: "2026-02",
        start: "2026-02-01T06:00:00.000Z",
        toDate: false,
        ...zero,
        newCustomers: 1,
      },
      // 89 days: back on March 31st.
      {
        key: "2026-03",
        start: "2026-03-01T06:00:00.000Z",
        toDate: false,
        ...zero,
        newCustomers: 0,
        returningCustomers: 1,
      },
      // Exactly 90 days and across DST: won back. One order (January 10th) lapses on April 10th,
      // asOf's day; the month's turn (February 28th) lapses on May 29th, after asOf.
      {
        key: "2026-04",
        start: "2026-04-01T05:00:00.000Z",
        toDate: true,
        ...zero,
        newCustomers: 0,
        wonBackCustomers: 2,
        lapsedCustomers: 1,
      },
    ]);
  });
});
