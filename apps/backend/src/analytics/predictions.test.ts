// Predictions on a real database: the full run stores each customer's next order date (or why it
// is withheld) and the store's gate figures; `customers.byId` and `analytics.predictionGates`
// apply the gates. Expected values are recomputed here from the orders and the stored model.
import { type TestDatabase, testDatabaseKind } from "@greenloop/db/testing";
import { defaultAnalyticsConfig } from "@greenloop/order-sync/analytics";
import Decimal from "decimal.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApi, testApiEnv } from "../trpc/testing/api-test-kit";
import { recomputeAllCustomers, recomputeDirtyCustomers } from "./recompute-analytics";
import { openAnalyzedStore } from "./testing/analyzed-store";
import { countedOrdersAsOf } from "./testing/counted-orders";

const DAY = 86_400_000;
const utcDay = (d: Date) => Math.floor(d.getTime() / DAY);
/** Gates a 40-customer store passes (the defaults are Klaviyo's 500 customers and 180 days). */
const smallStoreGates = {
  PREDICTION_MIN_CUSTOMERS: "20",
  PREDICTION_MIN_HISTORY_DAYS: "120",
  PREDICTION_MIN_REPEAT_CUSTOMERS: "3",
};

let db: TestDatabase;
let asOf: Date;

beforeAll(async () => {
  ({ db, asOf } = await openAnalyzedStore({
    seed: 7,
    store: { customers: 40, inStoreSales: 160, ecomOrders: 50, months: 8 },
  }));
});

afterAll(async () => {
  await db?.close();
});

async function customersWithMetrics() {
  return db.prisma.customer.findMany({
    where: { mergedIntoId: null },
    select: {
      id: true,
      metrics: true,
      orders: {
        select: { placedAt: true, total: true, refundedTotal: true, countsInAnalytics: true },
      },
    },
  });
}

/** The UTC days with a counted order (BG/NBD's purchases: one a day), as the analytics count. */
function purchaseDays(orders: Awaited<ReturnType<typeof customersWithMetrics>>[number]["orders"]) {
  const counted = countedOrdersAsOf(orders, asOf);
  return [...new Set(counted.map((o) => utcDay(o.placedAt)))].sort((p, q) => p - q);
}

async function bgNbdParams() {
  const row = await db.prisma.analyticsModel.findUniqueOrThrow({ where: { name: "bg-nbd" } });
  return row.params as { r: number; alpha: number };
}

describe(`predictions (${testDatabaseKind})`, () => {
  it("stores the store's gate figures as counted from the customers' metrics", async () => {
    const api = await testApi(db, "viewer");
    const report = await api.caller.analytics.predictionGates();
    const metrics = (await customersWithMetrics()).flatMap((c) => (c.metrics ? [c.metrics] : []));
    const withOrders = metrics.filter((m) => m.orderCount > 0);
    const first = Math.min(...withOrders.map((m) => m.firstOrderAt?.getTime() ?? Infinity));
    const last = Math.max(...withOrders.map((m) => m.lastOrderAt?.getTime() ?? 0));
    expect(report?.gates.map((gate) => [gate.id, gate.threshold, gate.value])).toEqual([
      ["customersWithOrders", 500, withOrders.length],
      ["historyDays", 180, utcDay(asOf) - utcDay(new Date(first))],
      ["recentOrder", 30, utcDay(asOf) - utcDay(new Date(last))],
      ["repeatCustomers", 10, metrics.filter((m) => m.orderCount >= 3).length],
    ]);
    // Forty customers over eight months: too few customers and too short a history for Klaviyo.
    expect(withOrders.length).toBeLessThan(500);
    expect(report?.eligible).toBe(false);
    expect(report?.gates.find((gate) => gate.id === "recentOrder")?.passed).toBe(true);
  });

  it("withholds every customer's predictions while the store fails a gate, saying which", async () => {
    const api = await testApi(db, "viewer");
    const customer = (await customersWithMetrics()).find((c) => (c.metrics?.orderCount ?? 0) > 3);
    if (!customer) throw new Error("the store has no repeat customer");
    const { predictions, metrics } = await api.caller.customers.byId({ customerId: customer.id });
    expect(metrics?.predictedValue365d).not.toBeNull(); // the figures exist, and stay in metrics
    expect(predictions).toMatchObject({
      nextOrderAt: null,
      churnProbability: null,
      churnBand: null,
      predictedOrders365d: null,
      predictedSpend365d: null,
      withheldReason: { code: "store_not_eligible" },
    });
    expect(predictions?.withheldReason?.message).toContain("At least 500 customers with orders");
  });

  it("shows a repeat customer's next order date: asOf plus the median wait, from their orders", async () => {
    const api = await testApi(db, "viewer", { env: testApiEnv(smallStoreGates) });
    expect((await api.caller.analytics.predictionGates())?.eligible).toBe(true);
    const { r, alpha } = await bgNbdParams();
    const repeat = (await customersWithMetrics()).filter(
      (c) => (c.metrics?.orderCount ?? 0) >= 2 && (c.metrics?.probabilityAlive ?? 0) >= 0.1,
    );
    let checked = 0;
    for (const customer of repeat) {
      const days = purchaseDays(customer.orders);
      if (days.length < 2) continue; // two orders on one day: no repeat purchase for BG/NBD
      const { predictions, metrics } = await api.caller.customers.byId({ customerId: customer.id });
      // T in weeks from the first purchase day to asOf's; x = repeat purchase days.
      const T = (utcDay(asOf) - (days[0] ?? 0)) / 7;
      const x = days.length - 1;
      const weeks = (alpha + T) * (2 ** (1 / (r + x)) - 1);
      const expected = asOf.getTime() + weeks * 7 * DAY;
      expect(Math.abs((predictions?.nextOrderAt?.getTime() ?? 0) - expected)).toBeLessThan(1);
      expect(predictions?.withheldReason).toBeNull();
      expect(predictions?.churnProbability).toBeCloseTo(1 - (metrics?.probabilityAlive ?? 0), 12);
      expect(predictions?.churnBand).toBe(metrics?.churnRiskLabel);
      expect(predictions?.predictedOrders365d).toBe(metrics?.predictedPurchases365d);
      expect(predictions?.predictedSpend365d).toEqual(
        metrics?.predictedValue365d?.toDecimalPlaces(2, Decimal.ROUND_HALF_UP),
      );
      checked += 1;
    }
    expect(checked).toBeGreaterThan(5);
  });

  it("withholds a one-order customer's date and churn, not their 365-day figures", async () => {
    const api = await testApi(db, "viewer", { env: testApiEnv(smallStoreGates) });
    const single = (await customersWithMetrics()).find((c) => c.metrics?.orderCount === 1);
    if (!single) throw new Error("the store has no one-order customer");
    const { predictions } = await api.caller.customers.byId({ customerId: single.id });
    expect(predictions).toMatchObject({
      nextOrderAt: null,
      churnProbability: null,
      churnBand: null,
      withheldReason: { code: "single_order" },
    });
    expect(predictions?.predictedOrders365d).toBeGreaterThan(0);
    expect(predictions?.predictedSpend365d).toBeInstanceOf(Decimal);
  });

  it("withholds the date of customers below the configured P(alive), and a full run again changes nothing", async () => {
    const strict = {
      ...defaultAnalyticsConfig,
      predictions: { ...defaultAnalyticsConfig.predictions, minProbabilityAliveForNextOrder: 0.8 },
    };
    await recomputeAllCustomers(db, { config: strict, asOf });
    const once = await customersWithMetrics();
    await recomputeAllCustomers(db, { config: strict, asOf });
    const twice = await customersWithMetrics();
    const stored = (list: typeof once) =>
      list.map((c) => [c.id, c.metrics?.expectedNextOrderAt, c.metrics?.predictionWithheldReason]);
    expect(stored(twice)).toEqual(stored(once));

    const repeaters = once.filter((c) => c.metrics?.predictionWithheldReason !== "single_order");
    const below = repeaters.filter((c) => (c.metrics?.probabilityAlive ?? 1) < 0.8);
    expect(below.length).toBeGreaterThan(0);
    for (const c of below) {
      expect(c.metrics?.predictionWithheldReason).toBe("probably_inactive");
      expect(c.metrics?.expectedNextOrderAt).toBeNull();
    }
    const api = await testApi(db, "viewer", { env: testApiEnv(smallStoreGates) });
    const { predictions } = await api.caller.customers.byId({ customerId: below[0]?.id ?? "" });
    expect(predictions?.withheldReason?.code).toBe("probably_inactive");
    expect(predictions?.churnProbability).toBeGreaterThan(0.2);
    await recomputeAllCustomers(db, { config: defaultAnalyticsConfig, asOf });
  });

  it("says a customer without orders has nothing to predict from, after an incremental run", async () => {
    const created = await db.prisma.customer.create({
      data: { displayName: "No Orders Yet", metricsDirtyAt: new Date(asOf.getTime() - DAY) },
      select: { id: true },
    });
    await recomputeDirtyCustomers(db, { config: defaultAnalyticsConfig, asOf });
    const api = await testApi(db, "viewer", { env: testApiEnv(smallStoreGates) });
    const { predictions } = await api.caller.customers.byId({ customerId: created.id });
    expect(predictions).toMatchObject({
      nextOrderAt: null,
      predictedOrders365d: null,
      withheldReason: { code: "no_orders" },
    });
  });
});
