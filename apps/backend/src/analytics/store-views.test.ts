// The store views (SQL) on the simulated store after CSV import, sync and a full analytics run
// equal the pure reference computations over the same orders and metrics: summarizeStore,
// buildCohortRetention, summarizeSegments, and brute force for the customer lists.
import { randomUUID } from "node:crypto";
import { type TestDatabase, testDatabaseKind } from "@greenloop/db/testing";
import {
  buildCohortRetention,
  defaultAnalyticsConfig,
  formatMoney,
  inactivitySegments,
  resolveFirstOrderDates,
  rfmSegments,
  type StoreOrder,
  selectCountedOrders,
  summarizeSegments,
  summarizeStore,
} from "@greenloop/order-sync/analytics";
import { DomainError } from "@greenloop/order-sync/errors";
import { storePeriodStart } from "@greenloop/order-sync/store-time";
import Decimal from "decimal.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChannelMixView } from "./store-views";
import * as storeViews from "./store-views";
import { openAnalyzedStore } from "./testing/analyzed-store";

const DAY = 86_400_000;
const config = defaultAnalyticsConfig;

let db: TestDatabase;
let asOf: Date;
let orders: StoreOrder[];
let metrics: Array<{
  customerId: string;
  displayName: string | null;
  totalSpend: Decimal;
  spend90d: Decimal;
  predictedValue365d: Decimal | null;
  rfmSegment: string | null;
  tier: string | null;
  inactivitySegment: string | null;
  churnRiskLabel: string | null;
  churnRisk: number | null;
}>;

beforeAll(async () => {
  ({ db, asOf } = await openAnalyzedStore(
    { seed: 31, store: { customers: 60, inStoreSales: 240, ecomOrders: 80, months: 7 } },
    { beforeAnalytics: addEdgeCaseOrders },
  ));

  orders = (
    await db.prisma.order.findMany({
      select: {
        id: true,
        customerId: true,
        placedAt: true,
        total: true,
        refundedTotal: true,
        channel: true,
        countsInAnalytics: true,
      },
    })
  ).map((o) => ({
    ...o,
    total: new Decimal(o.total.toString()),
    refundedTotal: new Decimal(o.refundedTotal.toString()),
  }));
  metrics = (
    await db.prisma.customerMetrics.findMany({
      where: { customer: { mergedIntoId: null } },
      select: {
        customerId: true,
        customer: { select: { displayName: true } },
        totalSpend: true,
        spend90d: true,
        predictedValue365d: true,
        rfmSegment: true,
        tier: true,
        inactivitySegment: true,
        churnRiskLabel: true,
        churnRisk: true,
      },
    })
  ).map(({ customer, ...m }) => ({
    ...m,
    displayName: customer.displayName,
    totalSpend: new Decimal(m.totalSpend.toString()),
    spend90d: new Decimal(m.spend90d.toString()),
    predictedValue365d:
      m.predictedValue365d === null ? null : new Decimal(m.predictedValue365d.toString()),
  }));
});

afterAll(async () => {
  await db?.close();
});

/**
 * What the simulator does not make on its own: walk-ins, refunds in full and in part, a void,
 * sub-cent amounts, an order after asOf, orders on the last and first millisecond of a UTC week
 * and month, customers whose first order falls just before rangeStart, and a customer whose only
 * order was refunded (no segment).
 */
async function addEdgeCaseOrders(db: TestDatabase, asOf: Date): Promise<void> {
  const customers = await db.prisma.customer.findMany({
    where: { mergedIntoId: null, orders: { some: {} } },
    select: { id: true },
    orderBy: { id: "asc" },
    take: 4,
  });
  if (customers.length < 4) throw new Error("the simulated store has too few customers");
  const [a, b, c, d] = customers.map((customer) => customer.id) as [string, string, string, string];
  const [refundedOnly, earlyBird, lateReturner] = await Promise.all(
    ["Refunded Only", "Early Bird", "Late Returner"].map((displayName) =>
      db.prisma.customer.create({ data: { displayName }, select: { id: true } }),
    ),
  );
  if (!refundedOnly || !earlyBird || !lateReturner) throw new Error("customers not created");
  const from = rangeStart(asOf);
  const asOfDay = Math.floor(asOf.getTime() / DAY) * DAY;
  const weekday = (new Date(asOfDay).getUTCDay() + 6) % 7; // 0 = Monday
  const monday = new Date(asOfDay - (weekday + 14) * DAY);
  const monthStart = new Date(Date.UTC(asOf.getUTCFullYear(), asOf.getUTCMonth() - 2, 1));
  const at = (date: Date, ms: number) => new Date(date.getTime() + ms);
  const rows: Array<{
    customerId: string | null;
    placedAt: Date;
    total: string;
    refundedTotal?: string;
    channel?: "RETAIL" | "ECOM";
    countsInAnalytics?: boolean;
  }> = [
    { customerId: null, placedAt: at(monday, 0), total: "19.99" },
    { customerId: null, placedAt: at(monday, -1), total: "5.00", channel: "ECOM" },
    { customerId: a, placedAt: at(monthStart, 0), total: "120.12345" },
    { customerId: a, placedAt: at(monthStart, -1), total: "80.00", refundedTotal: "80.00" },
    { customerId: b, placedAt: at(monthStart, -1), total: "64.50", refundedTotal: "14.25" },
    { customerId: b, placedAt: at(monday, 3 * DAY), total: "42.00", countsInAnalytics: false },
    { customerId: c, placedAt: at(asOf, 0), total: "33.33", channel: "ECOM" },
    { customerId: c, placedAt: at(asOf, 1), total: "1000.00" },
    { customerId: d, placedAt: at(monday, 7 * DAY - 1), total: "0.00" },
    // First order just before `from`, in from's week and month: new there only by the order
    // placed again in the range in that same period.
    { customerId: earlyBird.id, placedAt: at(from, -2 * 3_600_000), total: "10.00" },
    { customerId: earlyBird.id, placedAt: at(from, 1_800_000), total: "11.00" },
    { customerId: lateReturner.id, placedAt: at(from, -2 * 3_600_000), total: "12.00" },
    { customerId: lateReturner.id, placedAt: at(from, 3 * DAY), total: "13.00" },
    {
      customerId: refundedOnly.id,
      placedAt: at(monday, DAY),
      total: "25.00",
      refundedTotal: "25.00",
    },
  ];
  await db.prisma.order.createMany({
    data: rows.map((row) => ({
      key: `retail:edge-${randomUUID()}`,
      source: "retail",
      status: "COMPLETED",
      channel: "RETAIL",
      refundedTotal: "0",
      countsInAnalytics: true,
      ...row,
    })),
  });
}

/** The `from` of the range tests: a Saturday evening, in the middle of a week and a month. */
const rangeStart = (asOf: Date) => new Date(asOf.getTime() - 75 * DAY - 3_600_000);

/** An exact amount normalised, so "12.50" and Decimal(12.5) compare equal. */
const exact = (amount: string | Decimal) => new Decimal(amount).toString();
const moneyText = /^-?\d+\.\d{2,}$/;

function referenceMix(mix: Reference["channelMix"]): ChannelMixView {
  const one = (share: (typeof mix)["RETAIL"]) => ({
    orderCount: share.orderCount,
    netSpend: exact(share.netSpend),
    orderShare: share.orderShare,
    spendShare: share.spendShare,
  });
  return { RETAIL: one(mix.RETAIL), ECOM: one(mix.ECOM) };
}

function normaliseMix(mix: ChannelMixView): ChannelMixView {
  return {
    RETAIL: { ...mix.RETAIL, netSpend: exact(mix.RETAIL.netSpend) },
    ECOM: { ...mix.ECOM, netSpend: exact(mix.ECOM.netSpend) },
  };
}

describe(`getStoreSummary (${testDatabaseKind})`, () => {
  it("equals summarizeStore over the same orders, week by week", async () => {
    const view = await storeViews.getStoreSummary(db, { asOf, granularity: "week" });
    const reference = summarizeStore({ orders, asOf, config });

    expect(reference.anonymousOrderCount).toBeGreaterThan(0);
    expect(view.periods.length).toBeGreaterThan(25);
    expect(view.totalSpend).toMatch(moneyText);
    expect(totalsOf(view)).toEqual(referenceTotals(reference));
    expect(view.periods.map(normalisePeriod)).toEqual(reference.byWeek.map(referencePeriod));
  });

  it("counts orders refunded in full when the configuration says so", async () => {
    const refundsCount = { ...config, countFullyRefundedOrders: true };
    const view = await storeViews.getStoreSummary(db, {
      asOf,
      granularity: "month",
      config: refundsCount,
    });
    const reference = summarizeStore({ orders, asOf, config: refundsCount });
    const byDefault = await storeViews.getStoreSummary(db, { asOf, granularity: "month" });

    expect(view.orderCount).toBeGreaterThan(byDefault.orderCount);
    expect(totalsOf(view)).toEqual(referenceTotals(reference));
    expect(view.periods.map(normalisePeriod)).toEqual(reference.byMonth.map(referencePeriod));
  });

  it.each(["week", "month"] as const)(
    "equals summarizeStore by %s from a date on, new customers by their first order ever",
    async (granularity) => {
      const from = rangeStart(asOf);
      const view = await storeViews.getStoreSummary(db, { asOf, from, granularity });
      const counted = selectCountedOrders(orders, { asOf, countFullyRefundedOrders: false });
      const reference = summarizeStore({
        orders: orders.filter((order) => order.placedAt >= from),
        customerFirstOrderAt: resolveFirstOrderDates(counted, undefined, asOf),
        asOf,
        config,
      });

      expect(view.periods.some((period) => period.returningCustomers > 0)).toBe(true);
      expect(totalsOf(view)).toEqual(referenceTotals(reference));
      const referencePeriods = granularity === "week" ? reference.byWeek : reference.byMonth;
      expect(view.periods.map(normalisePeriod)).toEqual(referencePeriods.map(referencePeriod));
    },
  );

  it.each(["week", "month"] as const)(
    "puts each order in the store-local %s it was placed in (STORE_TIMEZONE), not the UTC one",
    async (granularity) => {
      const timeZone = "America/Chicago";
      const view = await storeViews.getStoreSummary(db, { asOf, granularity, timeZone });
      const counted = selectCountedOrders(orders, { asOf, countFullyRefundedOrders: false });
      const perStart = new Map<number, number>();
      for (const order of counted) {
        const start = storePeriodStart(order.placedAt, granularity, 0, timeZone).getTime();
        perStart.set(start, (perStart.get(start) ?? 0) + 1);
      }
      expect(view.periods.length).toBeGreaterThan(5);
      for (const period of view.periods) {
        expect(period.start).toEqual(storePeriodStart(period.start, granularity, 0, timeZone));
        expect(period.orderCount).toBe(perStart.get(period.start.getTime()) ?? 0);
      }
      expect(view.orderCount).toBe(counted.length);
      // Some order falls in a different period in UTC than in Chicago (evenings, month ends).
      const utc = await storeViews.getStoreSummary(db, { asOf, granularity });
      expect(utc.periods.map((p) => p.orderCount)).not.toEqual(
        view.periods.map((p) => p.orderCount),
      );
    },
  );

  it("reconciles: the customers' lifetime values add up to the attributed spend", async () => {
    const view = await storeViews.getStoreSummary(db, { asOf, granularity: "month" });
    const customers = metrics.reduce((sum, m) => sum.plus(m.totalSpend), new Decimal(0));
    expect(exact(view.attributedSpend)).toBe(exact(customers));
  });

  it("returns zeros and no periods before the first order", async () => {
    const view = await storeViews.getStoreSummary(db, {
      asOf: new Date("2000-01-01"),
      granularity: "week",
    });
    expect(view).toMatchObject({
      orderCount: 0,
      totalSpend: "0.00",
      averageOrderValue: null,
      customerCount: 0,
      channelMix: { RETAIL: { orderCount: 0, orderShare: null, spendShare: null } },
      periods: [],
    });
  });
});

type View = Awaited<ReturnType<typeof storeViews.getStoreSummary>>;
type Reference = ReturnType<typeof summarizeStore>;

function totalsOf(view: View) {
  return {
    orderCount: view.orderCount,
    totalSpend: exact(view.totalSpend),
    averageOrderValue: view.averageOrderValue,
    attributedSpend: exact(view.attributedSpend),
    anonymousOrderCount: view.anonymousOrderCount,
    customerCount: view.customerCount,
    channelMix: normaliseMix(view.channelMix),
  };
}

function referenceTotals(reference: Reference) {
  return {
    orderCount: reference.orderCount,
    totalSpend: exact(reference.totalSpend),
    averageOrderValue: reference.averageOrderValue && formatMoney(reference.averageOrderValue),
    attributedSpend: exact(reference.attributedSpend),
    anonymousOrderCount: reference.anonymousOrderCount,
    customerCount: reference.customerCount,
    channelMix: referenceMix(reference.channelMix),
  };
}

type ViewPeriod = View["periods"][number];
type ReferencePeriod = Reference["byWeek"][number];

function normalisePeriod(period: ViewPeriod) {
  return {
    ...period,
    netSpend: exact(period.netSpend),
    netSpendChange: period.netSpendChange && exact(period.netSpendChange),
    channelMix: normaliseMix(period.channelMix),
  };
}

function referencePeriod(period: ReferencePeriod) {
  return {
    key: period.key,
    start: period.start,
    orderCount: period.orderCount,
    netSpend: exact(period.netSpend),
    averageOrderValue: period.averageOrderValue && formatMoney(period.averageOrderValue),
    activeCustomers: period.activeCustomers,
    newCustomers: period.newCustomers,
    returningCustomers: period.returningCustomers,
    channelMix: referenceMix(period.channelMix),
    netSpendChange: period.netSpendChange && exact(period.netSpendChange),
  };
}

describe(`getChannelMix (${testDatabaseKind})`, () => {
  it("equals summarizeStore's channel mix over the same range", async () => {
    const from = new Date(asOf.getTime() - 30 * DAY);
    const view = await storeViews.getChannelMix(db, { asOf, from });
    const reference = summarizeStore({
      orders: orders.filter((order) => order.placedAt >= from),
      asOf,
      config,
    });
    expect(view.orderCount).toBe(reference.orderCount);
    expect(exact(view.netSpend)).toBe(exact(reference.totalSpend));
    expect(normaliseMix(view.channels)).toEqual(referenceMix(reference.channelMix));
    expect(view.channels.ECOM.orderCount).toBeGreaterThan(0);
  });
});

describe(`getCohortRetention (${testDatabaseKind})`, () => {
  it("equals buildCohortRetention over the same orders", async () => {
    const view = await storeViews.getCohortRetention(db, { asOf });
    const reference = buildCohortRetention({ orders, asOf, config });
    expect(view.cohorts.length).toBeGreaterThanOrEqual(7);
    expect(view.cohorts).toEqual(reference);
  });

  it("equals buildCohortRetention in the store's months (America/Chicago)", async () => {
    const timeZone = "America/Chicago";
    const view = await storeViews.getCohortRetention(db, { asOf, timeZone });
    expect(view.cohorts.length).toBeGreaterThanOrEqual(7);
    expect(view.cohorts).toEqual(buildCohortRetention({ orders, asOf, config, timeZone }));
    for (const cohort of view.cohorts) {
      expect(cohort.start).toEqual(storePeriodStart(cohort.start, "month", 0, timeZone));
    }
  });

  it("keeps the last `months` cohorts whole", async () => {
    const view = await storeViews.getCohortRetention(db, { asOf, months: 3 });
    const reference = buildCohortRetention({ orders, asOf, config });
    const firstKept = new Date(Date.UTC(asOf.getUTCFullYear(), asOf.getUTCMonth() - 2, 1));
    expect(view.cohorts).toEqual(reference.filter((row) => row.start >= firstKept));
  });
});

describe(`getSegmentSizes (${testDatabaseKind})`, () => {
  const known = {
    rfmSegment: [...rfmSegments],
    tier: ["Seed", "Sprout", "Bloom", "Evergreen"],
    inactivitySegment: [...inactivitySegments],
  } as const;

  it.each(["rfmSegment", "tier", "inactivitySegment"] as const)(
    "equals summarizeSegments over the stored metrics, by %s",
    async (by) => {
      const view = await storeViews.getSegmentSizes(db, { by });
      const labelled = metrics.flatMap((m) => {
        const segment = m[by];
        return segment === null ? [] : [{ segment, totalSpend: m.totalSpend }];
      });
      const reference = summarizeSegments(labelled, { segments: known[by] as readonly string[] });
      const unlabelled = metrics.filter((m) => m[by] === null);

      // Who may be emailed is consent's to say (consent/reachable-by-email.test.ts): at most all.
      expect(
        view.segments.map(({ reachableByEmail, ...s }) => {
          expect(reachableByEmail).toBeLessThanOrEqual(s.customerCount);
          return { ...s, revenue: exact(s.revenue) };
        }),
      ).toEqual(reference.map((s) => ({ ...s, revenue: exact(s.revenue) })));
      expect(view.customerCount).toBe(labelled.length);
      expect(view.unsegmented.customerCount).toBe(unlabelled.length);
      expect(view.unsegmented.customerCount).toBeGreaterThan(0);
      const all = new Decimal(view.revenue).plus(view.unsegmented.revenue);
      expect(exact(all)).toBe(
        exact(metrics.reduce((s, m) => s.plus(m.totalSpend), new Decimal(0))),
      );
    },
  );
});

describe(`getTopCustomers (${testDatabaseKind})`, () => {
  it.each(["totalSpend", "predictedValue365d", "spend90d"] as const)(
    "lists the customers with the highest %s, ties by id",
    async (by) => {
      const view = await storeViews.getTopCustomers(db, { by, limit: 10 });
      const expected = metrics
        .filter((m) => m[by]?.gt(0))
        .sort((x, y) => (y[by] as Decimal).cmp(x[by] as Decimal) || compareIds(x, y))
        .slice(0, 10);
      expect(view.customers.map((c) => [c.customerId, exact(c[by] ?? "0")])).toEqual(
        expected.map((m) => [m.customerId, exact(m[by] ?? "0")]),
      );
      expect(view.customers[0]?.displayName).toBe(expected[0]?.displayName);
    },
  );
});

describe(`getAtRiskCustomers (${testDatabaseKind})`, () => {
  it("lists high and medium churn risk, the most spent first", async () => {
    const view = await storeViews.getAtRiskCustomers(db, { limit: 500 });
    const expected = metrics
      .filter((m) => m.churnRiskLabel === "high" || m.churnRiskLabel === "medium")
      .sort(
        (x, y) =>
          y.totalSpend.cmp(x.totalSpend) ||
          (y.churnRisk ?? -1) - (x.churnRisk ?? -1) ||
          compareIds(x, y),
      );
    expect(expected.length).toBeGreaterThan(0);
    expect(view.customers.map((c) => [c.customerId, c.churnRiskLabel])).toEqual(
      expected.map((m) => [m.customerId, m.churnRiskLabel]),
    );
  });
});

describe(`getClvDistribution (${testDatabaseKind})`, () => {
  it("puts every predicted value in the one bucket that holds it", async () => {
    const view = await storeViews.getClvDistribution(db, { buckets: 7 });
    const values = metrics.flatMap((m) => (m.predictedValue365d ? [m.predictedValue365d] : []));
    expect(view.customerCount).toBe(values.length);
    expect(view.withoutPrediction).toBe(metrics.length - values.length);
    expect(exact(view.totalValue)).toBe(exact(values.reduce((s, v) => s.plus(v), new Decimal(0))));
    expect(view.buckets).toHaveLength(7);

    const counts = view.buckets.map(() => 0);
    for (const value of values) {
      const index = view.buckets.findIndex(
        (bucket, i) =>
          value.gte(bucket.from) &&
          (value.lt(bucket.to) || (i === view.buckets.length - 1 && value.lte(bucket.to))),
      );
      expect(index).toBeGreaterThanOrEqual(0);
      counts[index] = (counts[index] ?? 0) + 1;
    }
    expect(view.buckets.map((bucket) => bucket.customerCount)).toEqual(counts);
    expect(view.buckets[0]?.from).toBe("0.00");
    const max = values.reduce((m, v) => Decimal.max(m, v), new Decimal(0));
    expect(new Decimal(view.buckets.at(-1)?.to ?? 0).gte(max)).toBe(true);
  });
});

describe("store view inputs", () => {
  it.each([
    ["a limit over 500", () => storeViews.getTopCustomers(db, { by: "totalSpend", limit: 501 })],
    ["a zero limit", () => storeViews.getAtRiskCustomers(db, { limit: 0 })],
    ["a fractional limit", () => storeViews.getAtRiskCustomers(db, { limit: 1.5 })],
    [
      "an unknown ranking",
      () => storeViews.getTopCustomers(db, { by: `"id"; --` as "spend90d", limit: 5 }),
    ],
    ["an unknown segment kind", () => storeViews.getSegmentSizes(db, { by: "email" as "tier" })],
    ["zero buckets", () => storeViews.getClvDistribution(db, { buckets: 0 })],
    [
      "an unknown granularity",
      () => storeViews.getStoreSummary(db, { asOf, granularity: "day" as "week" }),
    ],
    ["an invalid date", () => storeViews.getChannelMix(db, { asOf: new Date(Number.NaN) })],
    [
      "from after asOf",
      () => storeViews.getChannelMix(db, { asOf, from: new Date(asOf.getTime() + 1) }),
    ],
    ["zero cohort months", () => storeViews.getCohortRetention(db, { asOf, months: 0 })],
  ])("rejects %s as BAD_INPUT", async (_, call) => {
    const error = await call().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: "BAD_INPUT" });
  });
});

function compareIds(x: { customerId: string }, y: { customerId: string }): number {
  return x.customerId < y.customerId ? -1 : x.customerId > y.customerId ? 1 : 0;
}
