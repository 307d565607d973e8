import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultAnalyticsConfig } from "./analytics-config";
import { arbitraryOrder, asOf, buildStoreOrder } from "./analytics-order-fixtures";
import { buildCohortRetention } from "./cohort-retention";
import type { StoreOrder } from "./store-order";

const config = defaultAnalyticsConfig;
const at = (iso: string) => new Date(iso);

describe("buildCohortRetention", () => {
  it("does build the month-of-first-order × months-since triangle", () => {
    const orders: StoreOrder[] = [
      buildStoreOrder("ann", { placedAt: at("2026-01-03T10:00:00Z") }),
      buildStoreOrder("ann", { placedAt: at("2026-01-20T10:00:00Z") }),
      buildStoreOrder("ann", { placedAt: at("2026-03-01T10:00:00Z") }),
      buildStoreOrder("bob", { placedAt: at("2026-01-31T23:59:59Z") }),
      buildStoreOrder("bob", { placedAt: at("2026-02-01T00:00:00Z") }),
      buildStoreOrder("cat", { placedAt: at("2026-01-15T10:00:00Z") }),
      buildStoreOrder("cat", { placedAt: at("2026-02-15T10:00:00Z"), countsInAnalytics: false }),
      buildStoreOrder("dan", { placedAt: at("2026-03-10T10:00:00Z") }),
      buildStoreOrder(null, { placedAt: at("2026-02-10T10:00:00Z") }),
    ];
    const rows = buildCohortRetention({ orders, asOf, config });
    expect(rows.map(({ key, size, activeCustomers }) => [key, size, activeCustomers])).toEqual([
      ["2026-01", 3, [3, 1, 1]],
      ["2026-03", 1, [1]],
    ]);
    expect(rows[0]?.retention).toEqual([1, 1 / 3, 1 / 3]);
    expect(rows[0]?.start).toEqual(at("2026-01-01T00:00:00Z"));
  });

  it("does place customers by the first-order dates given", () => {
    const rows = buildCohortRetention({
      orders: [buildStoreOrder("ann", { placedAt: at("2026-03-01T10:00:00Z") })],
      customerFirstOrderAt: new Map([
        ["ann", at("2025-12-24T10:00:00Z")],
        ["eve", at("2026-02-02T10:00:00Z")],
        ["zed", at("2026-04-02T10:00:00Z")],
      ]),
      asOf,
      config,
    });
    expect(rows.map(({ key, size, activeCustomers }) => [key, size, activeCustomers])).toEqual([
      ["2025-12", 1, [0, 0, 0, 1]],
      ["2026-02", 1, [0, 0]],
    ]);
  });

  it("does put a customer in the store's month of their first order, not the UTC one", () => {
    // 03:00 UTC on March 1st is 9 PM on February 28th in Chicago.
    const orders: StoreOrder[] = [
      buildStoreOrder("ann", { placedAt: at("2026-03-01T03:00:00Z") }),
      buildStoreOrder("ann", { placedAt: at("2026-03-10T15:00:00Z") }),
    ];
    const cells = (timeZone?: string) =>
      buildCohortRetention({ orders, asOf, config, ...(timeZone ? { timeZone } : {}) }).map(
        ({ key, start, activeCustomers }) => [key, start, activeCustomers],
      );
    expect(cells("America/Chicago")).toEqual([["2026-02", at("2026-02-01T06:00:00Z"), [1, 1]]]);
    expect(cells("UTC")).toEqual([["2026-03", at("2026-03-01T00:00:00Z"), [1]]]);
    expect(cells()).toEqual(cells("UTC"));
  });

  it("does match a brute-force count for every cell, in a zone with daylight saving too", () => {
    const arbitraryStore = fc
      .array(fc.tuple(fc.constantFrom("a", "b", "c", "d", "e", "f", "g"), arbitraryOrder), {
        maxLength: 60,
      })
      .map((draws) => draws.map(([customerId, order]): StoreOrder => ({ ...order, customerId })));
    const zones = fc.constantFrom("UTC", "America/Chicago", "Australia/Lord_Howe", "Asia/Kolkata");
    fc.assert(
      fc.property(arbitraryStore, zones, (orders, timeZone) => {
        const rows = buildCohortRetention({ orders, asOf, config, timeZone });
        const counted = orders.filter(
          (order) =>
            order.countsInAnalytics &&
            order.placedAt <= asOf &&
            !(order.refundedTotal.gt(0) && order.refundedTotal.gte(order.total)),
        );
        // The zone's calendar straight from Intl, independent of the code under test.
        const calendar = new Intl.DateTimeFormat("en-US", {
          timeZone,
          year: "numeric",
          month: "numeric",
        });
        const monthNumber = (date: Date) => {
          const parts = calendar.formatToParts(date);
          const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
          return part("year") * 12 + part("month") - 1;
        };
        const first = new Map<string, number>();
        for (const order of counted) {
          const id = order.customerId ?? "";
          first.set(
            id,
            Math.min(first.get(id) ?? Number.POSITIVE_INFINITY, monthNumber(order.placedAt)),
          );
        }
        expect(rows.reduce((sum, row) => sum + row.size, 0)).toBe(first.size);
        for (const row of rows) {
          const cohort = [...first].filter(([, month]) => month === monthNumber(row.start));
          expect(row.size).toBe(cohort.length);
          expect(row.activeCustomers).toHaveLength(monthNumber(asOf) - monthNumber(row.start) + 1);
          row.activeCustomers.forEach((active, monthsSince) => {
            const expected = cohort.filter(([id, month]) =>
              counted.some(
                (order) =>
                  order.customerId === id && monthNumber(order.placedAt) === month + monthsSince,
              ),
            ).length;
            expect(active).toBe(expected);
          });
          expect(row.retention[0]).toBe(1);
        }
      }),
    );
  });

  it("does return no rows without orders", () => {
    expect(buildCohortRetention({ orders: [], asOf, config })).toEqual([]);
  });
});
