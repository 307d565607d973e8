// The analytics on the simulated store after CSV import and sync: every customer's stored metrics
// equal a brute-force computation over the canonical orders, the totals reconcile with the store
// total, and incremental runs touch only the customers the merge marked dirty.
import { testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { defaultAnalyticsConfig } from "@greenloop/order-sync/analytics";
import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { ingestRetail } from "../merge/testing/merge-harness";
import { openSyncedStore } from "../merge/testing/synced-store";
import { recomputeAllCustomers, recomputeDirtyCustomers } from "./recompute-analytics";
import { countedOrdersAsOf } from "./testing/counted-orders";

const cleanup = useTestCleanup();
const DAY = 86_400_000;
const config = defaultAnalyticsConfig;

function storeWithHistory() {
  return openSyncedStore(cleanup, {
    seed: 31,
    store: { customers: 60, inStoreSales: 240, ecomOrders: 80, months: 6 },
  });
}

const utcDay = (d: Date) => Math.floor(d.getTime() / DAY);

describe(`recomputeAllCustomers (${testDatabaseKind})`, () => {
  it("stores, for every customer, what a brute-force pass over their orders gives", async () => {
    const { db, asOf } = await storeWithHistory();
    // Batches of 7: loads, scoring and writes of several batches overlap, as at store scale.
    const run = await recomputeAllCustomers(db, { config, asOf, refit: true, chunkSize: 7 });
    const customers = await db.prisma.customer.findMany({
      where: { mergedIntoId: null },
      select: { id: true, metrics: true, orders: true },
    });
    expect(run).toMatchObject({ mode: "full", customers: customers.length, modelsFitted: true });
    expect(run.models.bgNbd).not.toBeNull();

    for (const customer of customers) {
      const m = customer.metrics;
      if (!m) throw new Error(`no metrics for ${customer.id}`);
      const counted = countedOrdersAsOf(customer.orders, asOf);
      const net = (o: (typeof counted)[number]) =>
        new Decimal(o.total.toString()).minus(o.refundedTotal.toString());
      const total = counted.reduce((sum, o) => sum.plus(net(o)), new Decimal(0));
      const recent = counted.filter((o) => utcDay(asOf) - utcDay(o.placedAt) < 90);
      const spend90 = recent.reduce((sum, o) => sum.plus(net(o)), new Decimal(0));
      const last = counted.reduce<Date | null>(
        (max, o) => (!max || o.placedAt > max ? o.placedAt : max),
        null,
      );
      const tier =
        counted.length === 0
          ? null
          : spend90.gte(1500)
            ? "Evergreen"
            : spend90.gte(750)
              ? "Bloom"
              : spend90.gte(250)
                ? "Sprout"
                : "Seed";
      expect({
        orderCount: m.orderCount,
        ecomOrderCount: m.ecomOrderCount,
        totalSpend: m.totalSpend.toString(),
        spend90d: m.spend90d.toString(),
        orders90d: m.orders90d,
        lastOrderAt: m.lastOrderAt,
        daysSinceLastOrder: m.daysSinceLastOrder,
        tier: m.tier,
      }).toEqual({
        orderCount: counted.length,
        ecomOrderCount: counted.filter((o) => o.channel === "ECOM").length,
        totalSpend: new Decimal(total.toFixed(5)).toString(),
        spend90d: new Decimal(spend90.toFixed(5)).toString(),
        orders90d: recent.length,
        lastOrderAt: last,
        daysSinceLastOrder: last ? utcDay(asOf) - utcDay(last) : null,
        tier,
      });
      if (counted.length > 0) {
        expect(m.rfmSegment).toEqual(expect.any(String));
        expect(m.probabilityAlive).toBeGreaterThanOrEqual(0);
        expect(m.probabilityAlive).toBeLessThanOrEqual(1);
      }
    }
  });

  it("reconciles: the customers' totals add up to the store total of orders with a customer", async () => {
    const { db, asOf } = await storeWithHistory();
    await recomputeAllCustomers(db, { config, asOf });
    const [{ customers, store }] = (await db.prisma.$queryRawUnsafe<
      Array<{ customers: string; store: string }>
    >(
      `SELECT (SELECT sum("totalSpend") FROM "CustomerMetrics")::text AS customers,
              (SELECT sum(total - "refundedTotal") FROM "Order"
                WHERE "customerId" IS NOT NULL AND "countsInAnalytics" AND "placedAt" <= $1)::text AS store`,
      asOf,
    )) as [{ customers: string; store: string }];
    expect(new Decimal(customers).toFixed(2)).toBe(new Decimal(store).toFixed(2));
  });
});

describe(`recomputeDirtyCustomers (${testDatabaseKind})`, () => {
  it("recomputes only the customers the merge marked dirty, then nothing", async () => {
    const { db, store, asOf } = await storeWithHistory();
    await recomputeAllCustomers(db, { config, asOf, refit: true });
    expect(await recomputeDirtyCustomers(db, { config, asOf })).toMatchObject({ customers: 0 });

    const [customer] = store.customers().filter((c) => c.deleted_at === null);
    store.createSale({ customer_id: customer?.id });
    const [sale] = store.sales().slice(-1);
    await ingestRetail(db, { sales: [sale as object] });
    const run = await recomputeDirtyCustomers(db, { config, asOf: new Date(asOf.getTime() + DAY) });
    expect(run.customers).toBe(1);
    const row = await db.prisma.order.findFirstOrThrow({
      where: { retailSaleId: sale?.id ?? "" },
      select: { customer: { select: { metrics: true } } },
    });
    expect(row.customer?.metrics?.lastOrderAt?.getTime()).toBe(Date.parse(String(sale?.sale_date)));
    expect(await recomputeDirtyCustomers(db, { config, asOf })).toMatchObject({ customers: 0 });
  });
});
