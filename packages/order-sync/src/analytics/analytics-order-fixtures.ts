// Test orders for the analytics specs: one valid in-store order unless overridden.
import Decimal from "decimal.js";
import fc from "fast-check";
import type { AnalyticsOrder } from "./analytics-order";
import type { StoreOrder } from "./store-order";

const millisecondsPerDay = 86_400_000;

/** The moment most specs compute "as of": midday UTC, mid-March 2026. */
export const asOf = new Date("2026-03-15T12:00:00Z");

/** The same time of day, `days` UTC days before asOf. */
export function daysBefore(days: number, from: Date = asOf): Date {
  return new Date(from.getTime() - days * millisecondsPerDay);
}

let sequence = 0;

export function buildOrder(overrides: Partial<AnalyticsOrder> = {}): AnalyticsOrder {
  sequence += 1;
  return {
    id: `order-${sequence}`,
    placedAt: daysBefore(10),
    total: new Decimal("100.00"),
    refundedTotal: new Decimal(0),
    channel: "RETAIL",
    countsInAnalytics: true,
    ...overrides,
  };
}

export function buildStoreOrder(
  customerId: string | null,
  overrides: Partial<AnalyticsOrder> = {},
): StoreOrder {
  return { ...buildOrder(overrides), customerId };
}

/** Cents as a Decimal money amount, e.g. 12345 → 123.45. */
export function money(cents: number): Decimal {
  return new Decimal(cents).div(100);
}

/**
 * Random orders over about two years before asOf, with voids, partial and full
 * refunds, a few orders after asOf and several on the same instant.
 */
export const arbitraryOrder: fc.Arbitrary<AnalyticsOrder> = fc
  .record({
    // Boundary days of the window, inactivity segments and first-time-buyer rule come up often.
    dayOffset: fc.oneof(
      fc.integer({ min: -5, max: 800 }),
      fc.constantFrom(0, 1, 29, 30, 59, 60, 89, 90, 91),
    ),
    minuteOfDay: fc.integer({ min: 0, max: 24 * 60 - 1 }),
    totalCents: fc.integer({ min: 0, max: 300_000 }),
    refund: fc.constantFrom("none", "none", "none", "partial", "full"),
    refundShare: fc.double({ min: 0, max: 1, noNaN: true }),
    channel: fc.constantFrom("RETAIL" as const, "ECOM" as const),
    countsInAnalytics: fc.integer({ min: 0, max: 5 }).map((n) => n !== 0),
  })
  .map((draw) => {
    const total = money(draw.totalCents);
    const refundedTotal =
      draw.refund === "full"
        ? total
        : draw.refund === "partial"
          ? money(Math.floor(draw.totalCents * draw.refundShare))
          : new Decimal(0);
    const dayStart = Math.floor(asOf.getTime() / millisecondsPerDay) - draw.dayOffset;
    return buildOrder({
      placedAt: new Date(dayStart * millisecondsPerDay + draw.minuteOfDay * 60_000),
      total,
      refundedTotal,
      channel: draw.channel,
      countsInAnalytics: draw.countsInAnalytics,
    });
  });
