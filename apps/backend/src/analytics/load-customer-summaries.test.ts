// The database's summary of each customer's counted orders equals summarizeCustomerOrders over the
// same orders in memory: the counted selection (voids, orders after asOf to the millisecond, full
// refunds either way), the rolling window's boundary day, purchase days, the repeat days' spend.
import { randomUUID } from "node:crypto";
import { testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { SeededRandom } from "@greenloop/lightspeed-simulator";
import {
  type AnalyticsOrder,
  defaultAnalyticsConfig,
  summarizeCustomerOrders,
} from "@greenloop/order-sync/analytics";
import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { openDatabaseForTest } from "../testing/test-database";
import { loadAnalyticsOrders } from "./load-analytics-orders";
import { loadCustomerSummaries, loadEveryCustomerSummary } from "./load-customer-summaries";

const cleanup = useTestCleanup();
const DAY = 86_400_000;
// Not on a day's boundary, with milliseconds: "placed by asOf" is decided to the millisecond.
const asOf = new Date("2026-06-15T09:30:00.250Z");

describe(`loadCustomerSummaries (${testDatabaseKind})`, () => {
  it("gives, per customer, what summarizeCustomerOrders gives over their orders", async () => {
    const db = await openDatabaseForTest(cleanup);
    const random = new SeededRandom(19);
    const customerIds = Array.from({ length: 40 }, () => randomUUID());
    await db.prisma.customer.createMany({
      data: customerIds.map((id, n) => ({ id, displayName: `Summary ${n}` })),
    });
    const boundaries = [
      asOf.getTime(), // placed at asOf: counted
      asOf.getTime() + 1, // a millisecond later: not
      Math.floor(asOf.getTime() / DAY) * DAY - 89 * DAY, // first day inside the 90-day window
      Math.floor(asOf.getTime() / DAY) * DAY - 90 * DAY + DAY - 1, // last moment of that day
      Math.floor(asOf.getTime() / DAY) * DAY - 90 * DAY, // first day outside it
    ];
    const rows = [];
    for (let n = 0; n < 600; n++) {
      const customerId = customerIds[n % 37] as string; // the last three have no orders
      const placedAt =
        n < boundaries.length * 4
          ? (boundaries[n % boundaries.length] as number)
          : asOf.getTime() -
            Math.floor(random.next() * 400 * DAY) +
            (random.next() < 0.03 ? DAY : 0);
      // Several orders on one day for some customers: one purchase day.
      const sameDay = n % 11 === 0 ? placedAt - (placedAt % DAY) + 60_000 : placedAt;
      const total = new Decimal(Math.floor(random.next() * 30_000)).div(100);
      const refund = random.next();
      const refundedTotal =
        refund < 0.05 ? total : refund < 0.1 ? total.times(0.3).toDecimalPlaces(2) : new Decimal(0);
      const counts = random.next() > 0.05;
      const online = random.next() < 0.4;
      rows.push({
        id: randomUUID(),
        key: `summary-${n}`,
        customerId,
        source: online ? "ecom_unsynced" : "retail",
        countsInAnalytics: counts,
        channel: online ? ("ECOM" as const) : ("RETAIL" as const),
        status: counts ? ("COMPLETED" as const) : ("VOIDED" as const),
        placedAt: new Date(sameDay),
        total,
        refundedTotal,
        ...(online ? { ecomOrderNumber: `summary-${n}` } : { retailSaleId: `summary-sale-${n}` }),
      });
    }
    await db.prisma.order.createMany({ data: rows });
    const inMemory = await loadAnalyticsOrders(db.prisma, customerIds);
    for (const countFullyRefundedOrders of [false, true]) {
      const config = { ...defaultAnalyticsConfig, countFullyRefundedOrders };
      const loaded = await loadCustomerSummaries(db.prisma, customerIds, { asOf, config });
      expect(loaded.orders).toBe(rows.length);
      for (const id of customerIds) {
        const orders: AnalyticsOrder[] = inMemory.get(id) ?? [];
        const expected = summarizeCustomerOrders(orders, { asOf, config });
        const actual = loaded.summaries.get(id);
        if (expected.orderCount === 0) {
          expect(actual).toBeUndefined();
          continue;
        }
        expect(plain(actual)).toEqual(plain(expected));
      }
    }
    // Every customer with orders is summarized, and the window's boundary was exercised.
    const summaries = (
      await loadCustomerSummaries(db.prisma, customerIds, {
        asOf,
        config: defaultAnalyticsConfig,
      })
    ).summaries;
    expect(summaries.size).toBe(37);
    // A full run's one pass over every customer's orders gives the same rows.
    const everyone = await loadCustomerSummaries(db.prisma, "every customer", {
      asOf,
      config: defaultAnalyticsConfig,
    });
    expect(everyone.orders).toBe(rows.length);
    expect(new Map([...everyone.summaries].map(([id, s]) => [id, plain(s)]))).toEqual(
      new Map([...summaries].map(([id, s]) => [id, plain(s)])),
    );
    // So do passes over id ranges run at once, however the ids are cut (a customer on a cut
    // belongs to the range that starts there; the customers without orders are in the ids too).
    const sortedIds = (
      await db.prisma.customer.findMany({ select: { id: true }, orderBy: { id: "asc" } })
    ).map((c) => c.id);
    for (const parts of [2, 3, 7, 100]) {
      const inRanges = await loadEveryCustomerSummary(db.prisma, sortedIds, {
        asOf,
        config: defaultAnalyticsConfig,
        parts,
      });
      expect(inRanges.orders).toBe(rows.length);
      expect(new Map([...inRanges.summaries].map(([id, s]) => [id, plain(s)]))).toEqual(
        new Map([...summaries].map(([id, s]) => [id, plain(s)])),
      );
      expect(inRanges.countedOrderLines).toEqual(everyone.countedOrderLines);
    }
    expect([...summaries.values()].some((s) => s.orders90d > 0 && s.orders90d < s.orderCount)).toBe(
      true,
    );
  });
});

/** Decimals as strings with their value's digits, for equality. */
function plain(summary: object | undefined) {
  if (!summary) return summary;
  return Object.fromEntries(
    Object.entries(summary).map(([key, value]) => [
      key,
      value instanceof Decimal ? value.toFixed() : value,
    ]),
  );
}
