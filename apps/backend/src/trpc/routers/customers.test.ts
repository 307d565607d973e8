import { testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import {
  familyStore,
  HOUR,
  ingestAndAnalyze,
  threeChannelStore,
} from "../../customers/testing/customer-fixtures";
import { addEmailOnlyAndPhoneOnly } from "../../merge/testing/identity-scenarios";
import { emptyStore, importStoreExport, ingestRetail } from "../../merge/testing/merge-harness";
import { openDatabaseForTest } from "../../testing/test-database";
import { apiTransformer } from "../api-transformer";
import { testApi, trpcErrorCode } from "../testing/api-test-kit";

const cleanup = useTestCleanup();

/** Dana's email-only and phone-only X-Series records, merged later through an online order. */
async function mergedDana() {
  const db = await openDatabaseForTest(cleanup);
  const store = emptyStore(8);
  const { emailOnly, phoneOnly } = addEmailOnlyAndPhoneOnly(store, {
    first_name: "Dana",
    last_name: "Reed",
    email: "dana.reed@example.com",
    mobile: "(615) 555-0142",
  });
  await ingestRetail(db, { sales: store.sales(), customers: store.customers() });
  const before = await db.prisma.customer.findMany({ select: { id: true } });
  store.placeEcomOrder({ email: "Dana.Reed@example.com", phoneDigits: "6155550142" });
  await importStoreExport(db, store);
  const survivor = await db.prisma.customer.findFirstOrThrow({
    where: { mergedIntoId: null },
    select: { id: true },
  });
  const mergedAway = before.find((c) => c.id !== survivor.id);
  if (!mergedAway) throw new Error("expected a merged-away customer");
  return { db, store, emailOnly, phoneOnly, survivorId: survivor.id, mergedAwayId: mergedAway.id };
}

describe(`customers.lookup (${testDatabaseKind})`, () => {
  it("answers the app's summary with in-store, synced and unsynced online orders", async () => {
    const db = await openDatabaseForTest(cleanup);
    const { store, maya, inStore, synced, unsynced } = threeChannelStore();
    await ingestAndAnalyze(db, store);
    const { caller } = await testApi(db, "viewer");

    const result = await caller.customers.lookup({ email: "  MAYA.LIND@example.com " });

    if (result.match !== "one") throw new Error(`expected one customer, got ${result.match}`);
    const { summary, orders } = result;
    expect(orders.items.map((o) => o.source).sort()).toEqual([
      "ecom_synced",
      "ecom_unsynced",
      "retail",
    ]);
    expect(orders.nextCursor).toBeNull();
    const bySource = Object.fromEntries(orders.items.map((o) => [o.source, o]));
    expect(bySource.retail?.invoiceNumber).toBe(inStore.invoice_number);
    expect(bySource.retail?.receiptNumber).toBe(inStore.invoice_number);
    expect(bySource.ecom_synced?.ecomOrderNumber).toBe(synced.orderNumber);
    expect(bySource.ecom_synced?.invoiceNumber).toEqual(expect.any(String));
    // Placed (minute precision in the export) → reached X-Series an hour later.
    expect(bySource.ecom_synced?.syncDelaySeconds).toBeGreaterThanOrEqual(3600);
    expect(bySource.ecom_synced?.syncDelaySeconds).toBeLessThan(3660);
    expect(bySource.ecom_unsynced).toMatchObject({
      ecomOrderNumber: unsynced.orderNumber,
      receiptNumber: unsynced.orderNumber,
      invoiceNumber: null,
      reachedRetailAt: null,
      channel: "ECOM",
    });
    expect(bySource.ecom_unsynced?.total.toString()).toBe(
      new Decimal(unsynced.totalCents).div(100).toString(),
    );
    expect(bySource.ecom_synced?.total.toString()).toBe(
      new Decimal(synced.totalCents).div(100).toString(),
    );
    expect(orders.items.every((o) => o.countsInAnalytics)).toBe(true);

    const sum = orders.items.reduce((total, o) => total.plus(o.total), new Decimal(0));
    expect(summary).toMatchObject({
      lightspeedCustomerId: maya.id,
      firstName: "Maya",
      lastName: "Lind",
      email: "maya.lind@example.com",
      phone: "+16155550101",
      customerCode: maya.customer_code,
      orderCount: 3,
      inactiveSegment: "active",
      // The store's rule: a first order within the last weeks.
      isFirstTimeBuyer: true,
    });
    expect(summary.lifetimeValue?.toString()).toBe(sum.toString());
    expect(summary.rolling90DaySpend?.toString()).toBe(sum.toString());
    expect(summary.averageOrderValue?.toFixed(2)).toBe(sum.div(3).toFixed(2));
    expect(summary.loyaltyBalance?.toString()).toBe("12.5");
    const latest = Math.max(...orders.items.map((o) => o.placedAt.getTime()));
    expect(summary.lastOrderDate?.getTime()).toBe(latest);
    expect(bySource.ecom_unsynced?.placedAt.getTime()).toBe(latest);
    expect(summary.tier).toEqual(expect.any(String));
    expect(summary.metricsComputedAt).toBeInstanceOf(Date);

    // Money and dates survive the wire exactly.
    const wire = apiTransformer.deserialize(apiTransformer.serialize(result)) as typeof result;
    if (wire.match !== "one") throw new Error("lost on the wire");
    expect(Decimal.isDecimal(wire.summary.lifetimeValue)).toBe(true);
    expect(wire.summary.lifetimeValue?.toString()).toBe(sum.toString());
    expect(wire.orders.items[0]?.placedAt).toBeInstanceOf(Date);
  });

  it("finds the customer by phone, and answers none for an unknown email", async () => {
    const db = await openDatabaseForTest(cleanup);
    const { store, maya } = threeChannelStore();
    await ingestAndAnalyze(db, store);
    const { caller } = await testApi(db, "viewer");

    const byPhone = await caller.customers.lookup({ phone: "615-555-0101" });
    expect(byPhone.match === "one" && byPhone.summary.lightspeedCustomerId).toBe(maya.id);
    expect(await caller.customers.lookup({ email: "nobody@example.com" })).toEqual({
      match: "none",
    });
    expect(await trpcErrorCode(caller.customers.lookup({}))).toBe("BAD_REQUEST");
    expect(
      await trpcErrorCode(caller.customers.lookup({ email: "a@example.com", phone: "6155550101" })),
    ).toBe("BAD_REQUEST");
  });

  it("lists every customer carrying a shared family email, flagged, without picking one", async () => {
    const db = await openDatabaseForTest(cleanup);
    const { store, ana, ben } = familyStore();
    await ingestAndAnalyze(db, store);
    const { caller } = await testApi(db, "viewer");

    const result = await caller.customers.lookup({ email: "cruz.family@example.com" });

    if (result.match !== "shared") throw new Error(`expected shared, got ${result.match}`);
    expect(result.flagged).toMatchObject({ kind: "EMAIL", value: "cruz.family@example.com" });
    expect(result.flagged.reason).toMatch(/^shared/);
    expect(result.customers.map((c) => c.lightspeedCustomerId).sort()).toEqual(
      [ana.id, ben.id].sort(),
    );
    expect(result.customers.map((c) => c.orderCount).sort()).toEqual([1, 2]);
  });

  it("is refused to a customer session", async () => {
    const db = await openDatabaseForTest(cleanup);
    const { caller } = await testApi(db, { customerEmail: "maya.lind@example.com" });
    expect(await trpcErrorCode(caller.customers.lookup({ email: "maya.lind@example.com" }))).toBe(
      "FORBIDDEN",
    );
  });
});

describe(`customers.list (${testDatabaseKind})`, () => {
  it("searches, filters and sorts through the router, with bounded pages", async () => {
    const db = await openDatabaseForTest(cleanup);
    const { store, maya, leo } = threeChannelStore();
    await ingestAndAnalyze(db, store);
    const { caller } = await testApi(db, "viewer");

    const everyone = await caller.customers.list();
    expect(everyone.items.map((c) => c.lightspeedCustomerId)).toEqual([maya.id, leo.id]);
    const byRecency = await caller.customers.list({ sort: "recency", direction: "asc", limit: 1 });
    expect(byRecency.items.map((c) => c.lightspeedCustomerId)).toEqual([leo.id]);
    const next = await caller.customers.list({
      sort: "recency",
      direction: "asc",
      limit: 1,
      cursor: byRecency.nextCursor ?? undefined,
    });
    expect(next.items.map((c) => c.lightspeedCustomerId)).toEqual([maya.id]);
    const found = await caller.customers.list({ search: "lind", inactiveSegment: "active" });
    expect(found.items.map((c) => c.lightspeedCustomerId)).toEqual([maya.id]);
    expect(found.items[0]?.lifetimeValue?.gt(0)).toBe(true);
    expect((await caller.customers.list({ search: "615.555.0199" })).items).toHaveLength(1);
    expect(await trpcErrorCode(caller.customers.list({ limit: 101 }))).toBe("BAD_REQUEST");
    expect(await trpcErrorCode(caller.customers.list({ search: "x".repeat(321) }))).toBe(
      "BAD_REQUEST",
    );
    expect(await trpcErrorCode(caller.customers.list({ cursor: "forged" }))).toBe("BAD_REQUEST");
  });
});

describe(`customers.byId (${testDatabaseKind})`, () => {
  it("answers a merged-away id with the survivor, and says so", async () => {
    const { db, survivorId, mergedAwayId, emailOnly, phoneOnly } = await mergedDana();
    const { caller } = await testApi(db, "viewer");

    const profile = await caller.customers.byId({ customerId: mergedAwayId });

    expect(profile).toMatchObject({
      customerId: survivorId,
      requestedId: mergedAwayId,
      mergedInto: survivorId,
      mergedFrom: [mergedAwayId],
      metrics: null,
    });
    expect(profile.retailCustomers.map((r) => r.id).sort()).toEqual(
      [emailOnly.id, phoneOnly.id].sort(),
    );
    expect(profile.identities).toContainEqual(
      expect.objectContaining({ kind: "EMAIL", value: "dana.reed@example.com", blocked: false }),
    );
    expect(profile.identities).toContainEqual(
      expect.objectContaining({ kind: "PHONE", value: "+16155550142" }),
    );
    expect(profile.orders.items).toHaveLength(3);
    // Before the analytics run the figures are unknown, not zero.
    expect(profile.summary.lifetimeValue).toBeNull();

    const direct = await caller.customers.byId({ customerId: survivorId });
    expect(direct).toMatchObject({ customerId: survivorId, mergedInto: null });
    const orders = await caller.customers.orders({ customerId: mergedAwayId, limit: 2 });
    expect(orders).toMatchObject({ customerId: survivorId, mergedInto: survivorId });
    expect(orders.items).toHaveLength(2);
    const rest = await caller.customers.orders({
      customerId: survivorId,
      limit: 2,
      cursor: orders.nextCursor ?? undefined,
    });
    expect(rest.nextCursor).toBeNull();
    expect(new Set([...orders.items, ...rest.items].map((o) => o.id)).size).toBe(3);

    expect(
      await trpcErrorCode(
        caller.customers.byId({ customerId: "00000000-0000-4000-8000-000000000000" }),
      ),
    ).toBe("NOT_FOUND");
    expect(await trpcErrorCode(caller.customers.byId({ customerId: "not-a-uuid" }))).toBe(
      "BAD_REQUEST",
    );
  });
});

describe(`customers.split and customers.pin (${testDatabaseKind})`, () => {
  it("splits a wrong merge and pins an identifier, for an operator only", async () => {
    const { db, survivorId, phoneOnly } = await mergedDana();
    const operator = (await testApi(db, "operator")).caller;
    const viewer = (await testApi(db, "viewer")).caller;
    const record = `retail_customer:${phoneOnly.id}`;

    expect(
      await trpcErrorCode(viewer.customers.split({ customerId: survivorId, records: [record] })),
    ).toBe("FORBIDDEN");
    expect(
      await trpcErrorCode(viewer.customers.pin({ customerId: survivorId, phone: "6155550142" })),
    ).toBe("FORBIDDEN");
    expect(await trpcErrorCode(operator.customers.split({} as never))).toBe("BAD_REQUEST");
    expect(
      await trpcErrorCode(
        operator.customers.split({ customerId: survivorId, records: Array(101).fill(record) }),
      ),
    ).toBe("BAD_REQUEST");

    const explained = await viewer.customers.explain({ customerId: survivorId });
    expect(explained.records).toContain(record);

    const split = await operator.customers.split({
      customerId: survivorId,
      records: [record],
      reason: "two different Danas",
    });

    expect(split.customerId).toBe(survivorId);
    expect(split.moved).toContain(record);
    const moved = await viewer.customers.byId({ customerId: split.newCustomerId });
    expect(moved.retailCustomers.map((r) => r.id)).toEqual([phoneOnly.id]);
    const kept = await viewer.customers.byId({ customerId: survivorId });
    expect(kept.retailCustomers.map((r) => r.id)).not.toContain(phoneOnly.id);
    const history = await viewer.customers.explain({ customerId: survivorId });
    expect(history.history.map((e) => e.reason)).toContain("split: two different Danas");

    const pinned = await operator.customers.pin({
      customerId: split.newCustomerId,
      phone: "(615) 555-0142",
      reason: "the phone is the second Dana's",
    });
    expect(pinned.identifier).toEqual({ kind: "PHONE", value: "+16155550142" });
    expect(pinned.records).toContain(record);
    expect(
      await db.prisma.identityPin.findUnique({
        where: { kind_value: { kind: "PHONE", value: "+16155550142" } },
        select: { customerId: true, reason: true },
      }),
    ).toEqual({ customerId: split.newCustomerId, reason: "the phone is the second Dana's" });
    expect(
      await trpcErrorCode(
        operator.customers.pin({ customerId: survivorId, email: "nobody@example.com" }),
      ),
    ).toBe("NOT_FOUND");
  });
});

describe(`customers.byId figures (${testDatabaseKind})`, () => {
  it("gives a customer without orders no average order value and no tier progress", async () => {
    const db = await openDatabaseForTest(cleanup);
    const store = emptyStore(21);
    const zoe = store.createCustomer({
      first_name: "Zoe",
      last_name: "Nil",
      email: "zoe.nil@example.com",
    });
    store.advanceClock(HOUR);
    await ingestAndAnalyze(db, store);
    const { caller } = await testApi(db, "viewer");
    const lookup = await caller.customers.lookup({ email: "zoe.nil@example.com" });
    if (lookup.match !== "one") throw new Error(`expected one customer, got ${lookup.match}`);
    expect(lookup.summary.lightspeedCustomerId).toBe(zoe.id);

    const profile = await caller.customers.byId({ customerId: lookup.summary.customerId });

    // Computed (not "unknown"), yet nothing to average and no tier to progress from: the stored
    // row says 0 and "Sprout, 250 to go", which read as facts about a customer who never bought.
    expect(profile.metrics).not.toBeNull();
    expect(profile.summary).toMatchObject({
      orderCount: 0,
      tier: null,
      averageOrderValue: null,
      nextTier: null,
      spendToNextTier: null,
    });
    expect(profile.metrics).toMatchObject({
      averageOrderValue: null,
      nextTier: null,
      amountToNextTier: null,
    });
    expect(profile.firstOrderAt).toBeNull();
  });

  it("keeps a customer's tier progress and average when they have orders", async () => {
    const db = await openDatabaseForTest(cleanup);
    const { store } = threeChannelStore();
    await ingestAndAnalyze(db, store);
    const { caller } = await testApi(db, "viewer");
    const lookup = await caller.customers.lookup({ email: "maya.lind@example.com" });
    if (lookup.match !== "one") throw new Error(`expected one customer, got ${lookup.match}`);

    const { summary, metrics } = await caller.customers.byId({
      customerId: lookup.summary.customerId,
    });

    expect(summary.tier).toEqual(expect.any(String));
    expect(summary.nextTier).toEqual(expect.any(String));
    expect(summary.spendToNextTier?.isPositive()).toBe(true);
    expect(summary.averageOrderValue?.toFixed(2)).toBe(summary.lifetimeValue?.div(3).toFixed(2));
    expect(metrics?.averageOrderValue?.toFixed(2)).toBe(summary.averageOrderValue?.toFixed(2));
  });

  it("tells the first order apart from when the system first saw the customer", async () => {
    const { db, survivorId, mergedAwayId } = await mergedDana();
    const { caller } = await testApi(db, "viewer");
    const orders = await db.prisma.order.findMany({
      where: { customerId: survivorId, countsInAnalytics: true },
      select: { placedAt: true },
    });
    const rows = await db.prisma.customer.findMany({
      where: { id: { in: [survivorId, mergedAwayId] } },
      select: { createdAt: true },
    });

    const profile = await caller.customers.byId({ customerId: survivorId });

    // The store's history is older than the system: the first order predates the first sighting.
    const earliestOrder = Math.min(...orders.map((o) => o.placedAt.getTime()));
    expect(profile.firstOrderAt?.getTime()).toBe(earliestOrder);
    expect(profile.firstOrderAt?.getTime()).not.toBe(profile.firstSeenAt.getTime());
    // The merged-away customer's row counts as a sighting of the same person.
    const earliestRow = Math.min(...rows.map((r) => r.createdAt.getTime()));
    expect(profile.firstSeenAt.getTime()).toBeLessThanOrEqual(earliestRow);
    expect(profile.firstSeenAt.getTime()).toBeLessThanOrEqual(profile.createdAt.getTime());
  });
});
