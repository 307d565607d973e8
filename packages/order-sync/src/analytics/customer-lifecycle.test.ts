import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultAnalyticsConfig } from "./analytics-config";
import { arbitraryOrder, asOf, buildStoreOrder } from "./analytics-order-fixtures";
import { buildLifecycle, type LifecyclePeriod } from "./customer-lifecycle";
import type { StoreOrder } from "./store-order";
import { summarizeStore } from "./store-summary";

const chicago = "America/Chicago";
const config = defaultAnalyticsConfig; // won back after 90 days, lapsed after 90, lost after 180

/** An order by `customer` at an instant (the comments give Chicago's wall time). */
const order = (customer: string | null, iso: string, countsInAnalytics = true) =>
  buildStoreOrder(customer, { placedAt: new Date(iso), countsInAnalytics });

/** The non-zero counts per period key, for short expectations. */
function countsByKey(periods: readonly LifecyclePeriod[]) {
  const result: Record<string, Record<string, number>> = {};
  for (const { key, start: _start, toDate: _toDate, ...counts } of periods) {
    const nonZero = Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));
    if (Object.keys(nonZero).length > 0) result[key] = nonZero;
  }
  return result;
}

function monthly(orders: ReturnType<typeof order>[], asOf: string, timeZone = chicago) {
  return buildLifecycle({
    orders,
    from: new Date("2025-10-15T12:00:00Z"),
    asOf: new Date(asOf),
    granularity: "month",
    config,
    timeZone,
  });
}

describe("buildLifecycle", () => {
  it("takes a one-order customer through new, lapsed after 90 days and lost after 180", () => {
    // January 10th, noon in Chicago; +90 days is April 10th, +180 is July 9th.
    const periods = monthly([order("ann", "2026-01-10T18:00:00Z")], "2026-08-01T12:00:00Z");
    expect(countsByKey(periods)).toEqual({
      "2026-01": { newCustomers: 1 },
      "2026-04": { lapsedCustomers: 1 },
      "2026-07": { lostCustomers: 1 },
    });
    expect(periods[0]?.key).toBe("2025-10");
    expect(periods.at(-1)).toMatchObject({ key: "2026-08", toDate: true });
    expect(periods.filter((p) => p.toDate)).toHaveLength(1);
  });

  it("counts an order exactly 90 store days after the last as won back, 89 as returning", () => {
    const periods = monthly(
      [
        // January 1st and April 1st 2026: 31 + 28 + 31 = 90 days apart.
        order("ann", "2026-01-01T18:00:00Z"),
        order("ann", "2026-04-01T17:00:00Z"),
        // January 1st and March 31st: 89 days.
        order("bob", "2026-01-01T18:00:00Z"),
        order("bob", "2026-03-31T17:00:00Z"),
      ],
      "2026-04-20T12:00:00Z",
    );
    expect(countsByKey(periods)).toEqual({
      "2026-01": { newCustomers: 2 },
      "2026-03": { returningCustomers: 1 },
      // ann crossed the 90 days at the start of April 1st and ordered that day: not lapsed.
      "2026-04": { wonBackCustomers: 1 },
    });
  });

  it("counts the days between the store's dates across a daylight-saving change", () => {
    // 11:30 PM on January 5th (CST) and 00:30 on April 5th (CDT): 90 store days apart, though
    // only 89 × 24 hours and 89 UTC dates (January 6th to April 5th) lie between them.
    const orders = [order("ann", "2026-01-06T05:30:00Z"), order("ann", "2026-04-05T05:30:00Z")];
    expect(countsByKey(monthly(orders, "2026-04-20T12:00:00Z"))["2026-04"]).toEqual({
      wonBackCustomers: 1,
    });
    expect(countsByKey(monthly(orders, "2026-04-20T12:00:00Z", "UTC"))["2026-04"]).toEqual({
      returningCustomers: 1,
    });
  });

  it("puts an order at 9 PM on February 28th in Chicago in February, in March in UTC", () => {
    const orders = [order("ann", "2026-03-01T03:00:00Z")];
    expect(countsByKey(monthly(orders, "2026-03-10T12:00:00Z"))).toEqual({
      "2026-02": { newCustomers: 1 },
    });
    expect(countsByKey(monthly(orders, "2026-03-10T12:00:00Z", "UTC"))).toEqual({
      "2026-03": { newCustomers: 1 },
    });
  });

  it("counts a lapse only once asOf has reached the crossing day", () => {
    // Ordered January 10th: lapses at 00:00 on April 10th, Chicago time (05:00Z, CDT).
    const orders = [order("ann", "2026-01-10T18:00:00Z")];
    const lapsedIn = (asOf: string) => monthly(orders, asOf).at(-1)?.lapsedCustomers;
    expect(lapsedIn("2026-04-10T04:59:59Z")).toBe(0);
    expect(lapsedIn("2026-04-10T05:00:00Z")).toBe(1);
  });

  it("counts a lapse in one month and the return in the next, or only the return in one month", () => {
    const periods = monthly(
      [
        // December 31st + 90 = March 31st: lapsed in March, back on April 2nd.
        order("ann", "2025-12-31T18:00:00Z"),
        order("ann", "2026-04-02T17:00:00Z"),
        // January 1st + 90 = April 1st, back on April 20th: April holds only the return.
        order("bob", "2026-01-01T18:00:00Z"),
        order("bob", "2026-04-20T17:00:00Z"),
      ],
      "2026-04-25T12:00:00Z",
    );
    expect(countsByKey(periods)).toEqual({
      "2025-12": { newCustomers: 1 },
      "2026-01": { newCustomers: 1 },
      "2026-03": { lapsedCustomers: 1 },
      "2026-04": { wonBackCustomers: 2 },
    });
  });

  it("ignores walk-ins and orders that do not count in analytics", () => {
    const periods = monthly(
      [
        order(null, "2026-01-10T18:00:00Z"),
        order("ann", "2026-01-10T18:00:00Z", false),
        order("ann", "2026-02-10T18:00:00Z"),
      ],
      "2026-03-01T12:00:00Z",
    );
    expect(countsByKey(periods)).toEqual({ "2026-02": { newCustomers: 1 } });
  });

  it("counts a customer once per period: lost over lapsed, new over won back over returning", () => {
    const periods = buildLifecycle({
      orders: [
        // Monday January 5th; +3 days (Thursday) lapsed and +5 days (Saturday) lost, same week.
        order("ann", "2026-01-05T18:00:00Z"),
        // Monday 12th, Tuesday 13th and Saturday 17th (6 PM): 4 days after Tuesday.
        order("bob", "2026-01-12T18:00:00Z"),
        order("bob", "2026-01-13T18:00:00Z"),
        order("bob", "2026-01-18T00:00:00Z"),
      ],
      from: new Date("2026-01-05T12:00:00Z"),
      asOf: new Date("2026-01-19T12:00:00Z"),
      granularity: "week",
      config: {
        ...config,
        lifecycle: { wonBackAfterDays: 4, lapsedAfterDays: 3, lostAfterDays: 5 },
      },
      timeZone: chicago,
    });
    expect(countsByKey(periods)).toEqual({
      "2026-W02": { newCustomers: 1, lostCustomers: 1 },
      // bob is new that week, which outranks won back (the 4-day gap to Saturday); his lapse
      // from Tuesday (Friday 16th) does not count: he ordered again that week.
      "2026-W03": { newCustomers: 1 },
      // Lapsed Tuesday 20th (Saturday 17th + 3) is after asOf (Monday 19th).
    });
    expect(periods.map((p) => [p.key, p.start.toISOString()])).toEqual([
      ["2026-W02", "2026-01-05T06:00:00.000Z"],
      ["2026-W03", "2026-01-12T06:00:00.000Z"],
      ["2026-W04", "2026-01-19T06:00:00.000Z"],
    ]);
  });
});

describe("buildLifecycle against summarizeStore", () => {
  it("splits each UTC month's active customers into new, returning and won back as the summary does", () => {
    const arbitraryStore = fc
      .array(fc.tuple(fc.constantFrom("a", "b", "c", "d", "e", null), arbitraryOrder), {
        maxLength: 60,
      })
      .map((draws) => draws.map(([customerId, order]): StoreOrder => ({ ...order, customerId })));
    fc.assert(
      fc.property(arbitraryStore, (orders) => {
        const summary = summarizeStore({ orders, asOf, config }).byMonth;
        const first = summary[0];
        if (first === undefined) return;
        const lifecycle = buildLifecycle({
          orders,
          from: first.start,
          asOf,
          granularity: "month",
          config,
        });
        expect(lifecycle.map((p) => [p.key, p.start])).toEqual(
          summary.map((p) => [p.key, p.start]),
        );
        lifecycle.forEach((period, index) => {
          const { newCustomers, returningCustomers } = summary[index] ?? {};
          expect(period.newCustomers).toBe(newCustomers);
          expect(period.returningCustomers + period.wonBackCustomers).toBe(returningCustomers);
        });
      }),
    );
  });
});
