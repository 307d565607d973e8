// Cohorts in the store's months (STORE_TIMEZONE): the SQL (AT TIME ZONE, on PGlite and PostgreSQL)
// puts each order in the month the store's calendar showed, across daylight-saving changes, and
// equals the pure reference buildCohortRetention given the same zone.
import { randomUUID } from "node:crypto";
import { openTestDatabase, type TestDatabase, testDatabaseKind } from "@greenloop/db/testing";
import {
  buildCohortRetention,
  defaultAnalyticsConfig,
  type StoreOrder,
} from "@greenloop/order-sync/analytics";
import { DomainError } from "@greenloop/order-sync/errors";
import Decimal from "decimal.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getCohortRetention } from "./store-views-cohorts";

const HOUR = 3_600_000;
const config = defaultAnalyticsConfig;
const asOf = new Date("2026-04-10T12:00:00Z");
const at = (iso: string) => new Date(iso);

let db: TestDatabase;
let orders: StoreOrder[];
/** Customer ids by name, for the hand-placed boundary orders. */
const customerIds = new Map<string, string>();

beforeAll(async () => {
  db = await openTestDatabase();
  const names = ["ann", "bob", ...Array.from({ length: 12 }, (_, i) => `shopper-${i}`)];
  for (const displayName of names) {
    const { id } = await db.prisma.customer.create({ data: { displayName }, select: { id: true } });
    customerIds.set(displayName, id);
  }
  const id = (name: string) => customerIds.get(name) ?? "";
  const rows: Array<{ customerId: string | null; placedAt: Date; countsInAnalytics?: boolean }> = [
    // 03:00 UTC on March 1st is 9 PM on February 28th in Chicago (CST).
    { customerId: id("ann"), placedAt: at("2026-03-01T03:00:00Z") },
    { customerId: id("ann"), placedAt: at("2026-03-20T15:00:00Z") },
    // 05:30 UTC on April 1st is 00:30 CDT: April in Chicago and in UTC.
    { customerId: id("bob"), placedAt: at("2026-04-01T05:30:00Z") },
    { customerId: null, placedAt: at("2026-03-01T03:00:00Z") },
    ...boundaryOrders(names.slice(2).map(id)),
  ];
  await db.prisma.order.createMany({
    data: rows.map((row) => ({
      key: `retail:cohort-${randomUUID()}`,
      source: "retail",
      status: "COMPLETED",
      channel: "RETAIL",
      total: "10.00",
      refundedTotal: "0",
      countsInAnalytics: true,
      ...row,
    })),
  });
  orders = rows.map((row) => ({
    id: randomUUID(),
    channel: "RETAIL",
    total: new Decimal("10.00"),
    refundedTotal: new Decimal(0),
    countsInAnalytics: true,
    ...row,
  }));
});

afterAll(async () => {
  await db?.close();
});

/**
 * Orders within hours of a month's turn, in UTC and in the zones below, over the thirteen months
 * from January 2025, which take in the daylight-saving changes of 2025: shopper i starts in month
 * i and orders again every few months, some hours before and some after UTC's or the store's
 * midnight. Deterministic.
 */
function boundaryOrders(
  shoppers: string[],
): Array<{ customerId: string; placedAt: Date; countsInAnalytics?: boolean }> {
  const offsets = [-7, -5.5, -4, -1, 0.5, 3, 5.5, 6.5, 11];
  const rows: Array<{ customerId: string; placedAt: Date; countsInAnalytics?: boolean }> = [];
  shoppers.forEach((customerId, shopper) => {
    for (let month = shopper; month <= 12; month += 2 + (shopper % 3)) {
      const turn = Date.UTC(2025, month, 1); // 2025-01-01 … 2026-01-01
      const offset = offsets[(shopper + month) % offsets.length] ?? 0;
      rows.push({
        customerId,
        placedAt: new Date(turn + offset * HOUR),
        ...(month === 7 && shopper % 5 === 0 ? { countsInAnalytics: false } : {}),
      });
    }
  });
  return rows;
}

describe(`getCohortRetention in the store's months (${testDatabaseKind})`, () => {
  it("puts an order at 9 PM on February 28th in Chicago in February's cohort, in UTC's in March", async () => {
    // The last three months hold only ann's and bob's first orders (the shoppers' start by January).
    const cohortsOf = async (timeZone?: string) =>
      (await getCohortRetention(db, { asOf, months: 3, ...(timeZone ? { timeZone } : {}) }))
        .cohorts;
    expect(await cohortsOf("America/Chicago")).toEqual([
      {
        key: "2026-02",
        start: at("2026-02-01T06:00:00Z"), // Chicago's midnight (CST)
        size: 1,
        activeCustomers: [1, 1, 0], // ann: 9 PM on Feb 28th, then March 20th
        retention: [1, 1, 0],
      },
      {
        key: "2026-04",
        start: at("2026-04-01T05:00:00Z"), // CDT
        size: 1,
        activeCustomers: [1], // bob, at 00:30 on April 1st
        retention: [1],
      },
    ]);
    expect(await cohortsOf("UTC")).toEqual([
      {
        key: "2026-03",
        start: at("2026-03-01T00:00:00Z"),
        size: 1,
        activeCustomers: [1, 0],
        retention: [1, 0],
      },
      {
        key: "2026-04",
        start: at("2026-04-01T00:00:00Z"),
        size: 1,
        activeCustomers: [1],
        retention: [1],
      },
    ]);
    expect(await cohortsOf()).toEqual(await cohortsOf("UTC"));
  });

  it.each(["America/Chicago", "Europe/London", "Australia/Lord_Howe", "Asia/Kolkata", "UTC"])(
    "equals buildCohortRetention in %s, daylight saving included",
    async (timeZone) => {
      const view = await getCohortRetention(db, { asOf, timeZone });
      const reference = buildCohortRetention({ orders, asOf, config, timeZone });
      expect(view.cohorts.length).toBeGreaterThanOrEqual(9);
      expect(view.cohorts).toEqual(reference);

      const recent = await getCohortRetention(db, { asOf, months: 4, timeZone });
      expect(recent.cohorts).toEqual(reference.slice(-recent.cohorts.length));
      expect(recent.cohorts.length).toBeGreaterThan(0);
      expect((recent.cohorts[0]?.key ?? "") >= "2026-01").toBe(true);
    },
  );

  it("answers differently for a zone whose months turn at another instant", async () => {
    const chicago = await getCohortRetention(db, { asOf, timeZone: "America/Chicago" });
    const utc = await getCohortRetention(db, { asOf });
    expect(chicago.cohorts.map((c) => [c.key, c.size])).not.toEqual(
      utc.cohorts.map((c) => [c.key, c.size]),
    );
  });

  it("refuses a zone that is not an IANA name as BAD_INPUT", async () => {
    const error = await getCohortRetention(db, { asOf, timeZone: "Mars/Olympus" }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe("BAD_INPUT");
  });
});
