// The analytics procedures answer what the store views answer for the same data, with money as
// Decimal; their inputs are bounded.
import { type TestDatabase, testDatabaseKind } from "@greenloop/db/testing";
import type { SimulatedStore } from "@greenloop/lightspeed-simulator";
import { defaultAnalyticsConfig } from "@greenloop/order-sync/analytics";
import { storePeriodStart } from "@greenloop/order-sync/store-time";
import Decimal from "decimal.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recomputeAllCustomers } from "../../analytics/recompute-analytics";
import * as storeViews from "../../analytics/store-views";
import { openAnalyzedStore } from "../../analytics/testing/analyzed-store";
import { insertTestCatalog } from "../../products/testing/insert-test-catalog";
import { type TestApi, testApi, trpcErrorCode } from "../testing/api-test-kit";
import { DEFAULT_SUMMARY_PERIODS, MAX_SUMMARY_PERIODS } from "./analytics";

const DAY = 86_400_000;
const config = defaultAnalyticsConfig;

let db: TestDatabase;
let api: TestApi;
let asOf: Date;

beforeAll(async () => {
  let store: SimulatedStore;
  ({ db, asOf, store } = await openAnalyzedStore({
    seed: 7,
    store: { customers: 40, inStoreSales: 160, ecomOrders: 50, months: 8 },
  }));
  // The catalog, for the category views and the favourites (analysed again with it).
  await insertTestCatalog(db, store.fixtures.products);
  await recomputeAllCustomers(db, { config, asOf });
  api = await testApi(db, "viewer", { now: () => asOf });
});

afterAll(async () => {
  await db?.close();
});

/**
 * The domain view with its decimal strings turned into Decimals wherever the API answered with a
 * Decimal: what the API must equal. (The output schemas refuse a money field left as text.)
 */
function withDecimals(domain: unknown, wire: unknown): unknown {
  if (Decimal.isDecimal(wire)) {
    expect(typeof domain, "money is decimal text in the domain view").toBe("string");
    return new Decimal(domain as string);
  }
  if (Array.isArray(domain)) {
    return domain.map((item, i) => withDecimals(item, (wire as unknown[] | undefined)?.[i]));
  }
  if (domain !== null && typeof domain === "object" && !(domain instanceof Date)) {
    const fields = (wire ?? {}) as Record<string, unknown>;
    return Object.fromEntries(
      Object.entries(domain).map(([key, value]) => [key, withDecimals(value, fields[key])]),
    );
  }
  return domain;
}

describe(`analytics router, products (${testDatabaseKind})`, () => {
  it("categoryMix answers getCategoryMix with Decimals, over summary's default range", async () => {
    const wire = await api.caller.analytics.categoryMix({ period: "week" });
    const timeZone = api.context.config.storeTimeZone;
    const from = storePeriodStart(asOf, "week", DEFAULT_SUMMARY_PERIODS - 1, timeZone);
    const domain = await storeViews.getCategoryMix(db, {
      asOf,
      from,
      granularity: "week",
      timeZone,
    });
    expect(wire).toEqual(withDecimals(domain, wire));
    expect(wire.from).toEqual(from);
    expect(wire.categories.map((c) => c.category)).toContain("Flower");
    expect(wire.categories.at(-1)?.category).toBe("Uncategorised");
  });

  it("categoryAffinity answers getCategoryAffinity with Decimals; its inputs are bounded", async () => {
    const wire = await api.caller.analytics.categoryAffinity({ asOf, limit: 5 });
    const domain = await storeViews.getCategoryAffinity(db, { asOf, limit: 5 });
    expect(wire).toEqual(withDecimals(domain, wire));
    expect(wire.pairs.length).toBeGreaterThan(0);
    expect(wire.bySegment.length).toBeGreaterThan(0);
    expect(await trpcErrorCode(api.caller.analytics.categoryAffinity({ limit: 101 }))).toBe(
      "BAD_REQUEST",
    );
  });

  it("customers.byId gives the favourite categories and brands with their shares", async () => {
    const stored = await db.prisma.customerMetrics.findFirstOrThrow({
      where: { NOT: { favouriteCategories: { isEmpty: true } } },
      orderBy: { totalSpend: "desc" },
    });
    const { metrics } = await api.caller.customers.byId({ customerId: stored.customerId });
    expect(metrics?.favouriteCategories).toEqual(stored.favouriteCategories);
    expect(metrics?.favouriteBrands).toEqual(stored.favouriteBrands);
    expect(metrics?.categoryShares.map((s) => s.name)).toEqual(stored.favouriteCategories);
    const [top] = stored.categoryShares as Array<{ name: string; share: number; spend: string }>;
    expect(metrics?.categoryShares[0]).toEqual({
      name: top?.name,
      share: top?.share,
      spend: new Decimal(top?.spend ?? "NaN"),
    });
    expect(metrics?.brandShares.map((s) => s.name)).toEqual(stored.favouriteBrands);
  });
});

describe(`analytics router (${testDatabaseKind})`, () => {
  it("summary answers getStoreSummary with Decimals, for an explicit range", async () => {
    const from = new Date(asOf.getTime() - 120 * DAY);
    const wire = await api.caller.analytics.summary({ period: "week", from, asOf });
    const domain = await storeViews.getStoreSummary(db, {
      asOf,
      from,
      granularity: "week",
      timeZone: api.context.config.storeTimeZone,
      config,
    });
    expect(domain.orderCount).toBeGreaterThan(0);
    expect(wire.totalSpend).toBeInstanceOf(Decimal);
    expect(wire.periods[0]?.netSpend).toBeInstanceOf(Decimal);
    expect(wire).toEqual(withDecimals(domain, wire));
  });

  it("summary defaults to asOf's period and the eleven before it, in the store's months", async () => {
    const wire = await api.caller.analytics.summary({});
    const timeZone = api.context.config.storeTimeZone;
    expect(timeZone).toBe("America/Chicago");
    const from = storePeriodStart(asOf, "month", 11, timeZone);
    expect(
      new Intl.DateTimeFormat("en-US", {
        timeZone,
        day: "numeric",
        hour: "numeric",
        hourCycle: "h23",
      })
        .formatToParts(from)
        .filter((part) => part.type !== "literal")
        .map((part) => Number(part.value)),
      "the 1st at midnight, store time",
    ).toEqual([1, 0]);
    expect(DEFAULT_SUMMARY_PERIODS).toBe(12);
    expect(wire.from).toEqual(from);
    expect(wire.asOf).toEqual(asOf);
    const domain = await storeViews.getStoreSummary(db, {
      asOf,
      from,
      granularity: "month",
      timeZone,
      config,
    });
    expect(wire).toEqual(withDecimals(domain, wire));
  });

  it("summary refuses a range of more periods than the maximum", async () => {
    const weeks = MAX_SUMMARY_PERIODS.week;
    const tooEarly = new Date(asOf.getTime() - (weeks + 1) * 7 * DAY);
    expect(
      await trpcErrorCode(api.caller.analytics.summary({ period: "week", from: tooEarly, asOf })),
    ).toBe("BAD_REQUEST");
    const earliest = new Date(asOf.getTime() - (weeks - 2) * 7 * DAY);
    const longest = await api.caller.analytics.summary({ period: "week", from: earliest, asOf });
    expect(longest.from).toEqual(earliest);
    expect(
      await trpcErrorCode(
        api.caller.analytics.summary({
          period: "month",
          from: new Date(asOf.getTime() + DAY),
          asOf,
        }),
      ),
    ).toBe("BAD_REQUEST");
  });

  it("lifecycle answers getLifecycle over the summary's default range, to date at the end", async () => {
    const wire = await api.caller.analytics.lifecycle({});
    const timeZone = api.context.config.storeTimeZone;
    const from = storePeriodStart(asOf, "month", DEFAULT_SUMMARY_PERIODS - 1, timeZone);
    const domain = await storeViews.getLifecycle(db, {
      asOf,
      from,
      granularity: "month",
      timeZone,
      config,
    });
    expect(wire).toEqual(domain);
    expect(wire.periods).toHaveLength(DEFAULT_SUMMARY_PERIODS);
    // Every month of the range, the ones before the store's first order too (as zeros).
    expect(wire.periods.map((p) => p.start)).toEqual(
      wire.periods.map((_, index) =>
        storePeriodStart(asOf, "month", DEFAULT_SUMMARY_PERIODS - 1 - index, timeZone),
      ),
    );
    expect(wire.periods.at(-1)?.toDate).toBe(true);
    expect(wire.thresholds).toEqual(config.lifecycle);
    expect(wire.periods.some((p) => p.newCustomers > 0 && p.returningCustomers > 0)).toBe(true);
  });

  it("lifecycle by week refuses more weeks than the summary's maximum", async () => {
    const weeks = MAX_SUMMARY_PERIODS.week;
    const tooEarly = new Date(asOf.getTime() - (weeks + 1) * 7 * DAY);
    expect(
      await trpcErrorCode(api.caller.analytics.lifecycle({ period: "week", from: tooEarly, asOf })),
    ).toBe("BAD_REQUEST");
    const from = new Date(asOf.getTime() - 20 * 7 * DAY);
    const weekly = await api.caller.analytics.lifecycle({ period: "week", from, asOf });
    expect(weekly.granularity).toBe("week");
    expect(weekly.periods.length).toBeGreaterThanOrEqual(20);
  });

  it("channelMix answers getChannelMix with Decimals", async () => {
    const wire = await api.caller.analytics.channelMix({});
    const domain = await storeViews.getChannelMix(db, { asOf, config });
    expect(domain.channels.ECOM.orderCount).toBeGreaterThan(0);
    expect(wire).toEqual(withDecimals(domain, wire));
    const from = new Date(asOf.getTime() - 60 * DAY);
    const recent = await api.caller.analytics.channelMix({ from });
    expect(recent).toEqual(
      withDecimals(await storeViews.getChannelMix(db, { asOf, from, config }), recent),
    );
  });

  it("cohorts answers getCohortRetention in the store's months", async () => {
    const wire = await api.caller.analytics.cohorts({ months: 6 });
    const timeZone = api.context.config.storeTimeZone;
    const domain = await storeViews.getCohortRetention(db, { asOf, months: 6, config, timeZone });
    const firstKept = storePeriodStart(asOf, "month", 5, timeZone);
    for (const { start } of wire.cohorts) {
      expect(start).toEqual(storePeriodStart(start, "month", 0, timeZone));
      expect(start.getTime()).toBeGreaterThanOrEqual(firstKept.getTime());
    }
    expect(domain.cohorts.length).toBeGreaterThan(0);
    expect(wire).toEqual(domain);
    expect(await trpcErrorCode(api.caller.analytics.cohorts({ months: 10_000 }))).toBe(
      "BAD_REQUEST",
    );
  });

  it("segments answers getSegmentSizes with Decimals, by each kind", async () => {
    for (const by of ["rfmSegment", "tier", "inactivitySegment"] as const) {
      const wire = await api.caller.analytics.segments({ by });
      const domain = await storeViews.getSegmentSizes(db, { by, config });
      expect(domain.customerCount, by).toBeGreaterThan(0);
      expect(wire).toEqual(withDecimals(domain, wire));
    }
  });

  it("topCustomers and atRisk answer the store views with Decimals, at most 100", async () => {
    const top = await api.caller.analytics.topCustomers({ by: "spend90d", limit: 5 });
    const topDomain = await storeViews.getTopCustomers(db, { by: "spend90d", limit: 5 });
    expect(topDomain.customers.length).toBe(5);
    expect(top).toEqual(withDecimals(topDomain, top));

    const atRisk = await api.caller.analytics.atRisk({ limit: 100 });
    const atRiskDomain = await storeViews.getAtRiskCustomers(db, { limit: 100 });
    expect(atRiskDomain.customers.length).toBeGreaterThan(0);
    expect(atRisk).toEqual(withDecimals(atRiskDomain, atRisk));

    expect(await trpcErrorCode(api.caller.analytics.topCustomers({ limit: 101 }))).toBe(
      "BAD_REQUEST",
    );
    expect(await trpcErrorCode(api.caller.analytics.atRisk({ limit: 0 }))).toBe("BAD_REQUEST");
  });

  it("clvDistribution answers getClvDistribution with Decimals", async () => {
    const wire = await api.caller.analytics.clvDistribution({ buckets: 8 });
    const domain = await storeViews.getClvDistribution(db, { buckets: 8 });
    expect(domain.customerCount).toBeGreaterThan(0);
    expect(wire).toEqual(withDecimals(domain, wire));
  });

  it("refuses a customer's session", async () => {
    const customer = await testApi(db, { customerEmail: "someone@example.com" });
    expect(await trpcErrorCode(customer.caller.analytics.summary({}))).toBe("FORBIDDEN");
  });
});
