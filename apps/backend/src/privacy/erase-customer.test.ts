// Erasure end to end on a real database, with the simulator as X-Series over loopback: the person's
// data leaves every column of every table, the store's figures do not move, and re-syncs (webhook,
// poll, a later sale), a re-import of the eCom export and a full re-merge bring nothing back.
import type { Database } from "@greenloop/db";
import { testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { defaultAnalyticsConfig } from "@greenloop/order-sync/analytics";
import { DomainError } from "@greenloop/order-sync/errors";
import { describe, expect, it } from "vitest";
import { getChannelMix, getStoreSummary } from "../analytics/store-views";
import { openCustomerSession } from "../auth/customer-sessions";
import { lookupCustomer } from "../customers/lookup-customer";
import { createMergeRules } from "../merge/merge-rules";
import { pinIdentifier, splitCustomer } from "../merge/split-customer";
import { addFamilyEmail } from "../merge/testing/identity-scenarios";
import { importStoreExport, ingestRetail } from "../merge/testing/merge-harness";
import { registerPushToken } from "../monitoring/notifications/push-tokens";
import { hashIdentifierValue } from "../redaction/erased-identifiers";
import { openDatabaseForTest } from "../testing/test-database";
import { eraseCustomer } from "./erase-customer";
import {
  addPerson,
  needlesOf,
  openErasureStore,
  person,
  resyncPerson,
  syncStore,
  YEAR,
} from "./testing/erasure-store";
import { dumpDatabase, grepDatabase } from "./testing/grep-database";

const cleanup = useTestCleanup();
const region = { defaultRegion: "US" as const, config: defaultAnalyticsConfig };

/** The store's figures the erasure must not move. */
async function storeFigures(db: Database) {
  const asOf = new Date("2100-01-01T00:00:00Z");
  const [totals] = await db.prisma.$queryRawUnsafe<Array<{ orders: number; total: string }>>(
    `SELECT count(*)::int AS orders, coalesce(sum(total), 0)::text AS total
       FROM "Order" WHERE "countsInAnalytics"`,
  );
  return {
    totals,
    summary: await getStoreSummary(db, { asOf, granularity: "month" }),
    channelMix: await getChannelMix(db, { asOf }),
  };
}

async function customerIdOf(db: Database, email: string): Promise<string> {
  const found = await lookupCustomer(db, { email }, region);
  if (!("customer" in found) || found.customer === null) throw new Error(`no customer ${email}`);
  return found.customer.id;
}

describe(`eraseCustomer (${testDatabaseKind})`, () => {
  it("removes the person from every table, keeps the store's figures, and survives re-syncs, re-imports and a full re-merge", async () => {
    const harness = await openErasureStore(cleanup);
    const { db, store } = harness;
    const { customer, needles } = addPerson(store);
    // Mirrored, the same changes as webhooks too (the inbox keeps their raw bodies), imported.
    const imported = await syncStore(harness);
    expect(imported.ordersCreated).toBeGreaterThan(0);

    const customerId = await customerIdOf(db, person.email);
    const now = new Date("2026-11-24T12:00:00Z");
    // What the app and the monitoring write about a customer.
    await db.prisma.notification.create({
      data: {
        kind: "customer.vip_order",
        title: `VIP order: ${person.first} ${person.last}`,
        body: `${person.first} ${person.last} placed an order online for $42.00.`,
        data: { customerId, orderKey: "ecom:1" },
      },
    });
    await db.prisma.pushToken.create({
      data: {
        token: "ExponentPushToken[zephyrine]",
        deviceOS: "ios",
        env: "prod",
        userId: person.email,
      },
    });
    // Their phone registered under the number as they typed it, and their own tier-rise notice.
    await registerPushToken(db, {
      token: "ExponentPushToken[zephyrine-phone]",
      deviceOS: "android",
      env: "prod",
      optedIn: true,
      userId: "+1 (615) 555-0199",
    });
    await db.prisma.customerTierRise.create({
      data: { customerId, fromTier: "Seed", toTier: "Bloom", day: now },
    });
    await db.prisma.notification.create({
      data: { kind: "customer.tier_rise", customerId, title: "You're now Bloom!", body: "b" },
    });
    await db.prisma.loginCode.create({
      data: { email: person.email, codeHash: "x".repeat(64), expiresAt: now },
    });
    await openCustomerSession(db, { email: person.email, ttlMs: 3_600_000, now });
    await db.prisma.customerWatch.create({ data: { watch: "at_risk", customerId, since: now } });
    await db.prisma.customerGroupChange.create({
      data: {
        runId: customerId,
        customerId,
        retailCustomerId: customer.id,
        toGroupId: "gold",
        reason: "tier:Gold",
      },
    });

    const before = await grepDatabase(db, needles);
    // The search does find the person where they were (so its silence later means something).
    expect([...new Set(before.map((hit) => hit.table))]).toEqual(
      expect.arrayContaining([
        "Customer",
        "CustomerIdentity",
        "CustomerLink",
        "CustomerSession",
        "EcomOrder",
        "IdentityEvent",
        "IdentityRecord",
        "IdentityRecordIdentifier",
        "LoginCode",
        "Notification",
        "PushToken",
        "RetailCustomer",
        "RetailSale",
        "WebhookDelivery",
      ]),
    );
    const figures = await storeFigures(db);
    const orderKeys = (
      await db.prisma.order.findMany({ where: { customerId }, select: { key: true } })
    ).map((order) => order.key);
    expect(orderKeys.length).toBe(4);

    const result = await eraseCustomer(db, {
      customerId,
      requestedBy: "test-operator",
      reason: "account deletion request",
      now,
    });
    expect(result).toMatchObject({ customerId, erasedAt: now, alreadyErased: false });
    expect(result.removed).toMatchObject({
      RetailCustomer: 1,
      RetailSale: 3,
      EcomOrder: 2,
      LoginCode: 1,
      CustomerSession: 1,
      PushToken: 2,
      Notification: 2,
      CustomerTierRise: 1,
      CustomerWatch: 1,
      CustomerGroupChange: 1,
    });

    expect(await grepDatabase(db, needles)).toEqual([]);
    expect(await db.prisma.notification.count({ where: { customerId } })).toBe(0);
    expect(await storeFigures(db)).toEqual(figures);
    // The orders stay with the erased shell, which no lookup finds any more.
    const shell = await db.prisma.customer.findUniqueOrThrow({ where: { id: customerId } });
    expect(shell).toMatchObject({ displayName: null, erasedAt: now, mergedIntoId: null });
    expect(
      (await db.prisma.order.findMany({ where: { customerId }, select: { key: true } }))
        .map((order) => order.key)
        .sort(),
    ).toEqual([...orderKeys].sort());
    expect(await lookupCustomer(db, { email: person.email }, region)).toEqual({ customer: null });
    expect(await lookupCustomer(db, { phone: person.mobile }, region)).toEqual({ customer: null });
    const erased = await db.prisma.erasedIdentifier.findMany({
      select: { kind: true, valueHash: true },
    });
    expect(erased).toEqual(
      expect.arrayContaining([
        { kind: "EMAIL", valueHash: hashIdentifierValue(person.email) },
        { kind: "PHONE", valueHash: hashIdentifierValue("+16155550199") },
        { kind: "RETAIL_CUSTOMER_ID", valueHash: hashIdentifierValue(customer.id) },
      ]),
    );
    const customersAfterErasure = await db.prisma.customer.count();

    // X-Series brings the customer back (a webhook, a full poll, a new sale), the same export is
    // imported again (nothing new, nothing changed), and everything is merged again.
    const resync = await resyncPerson(harness, customer.id);
    expect(resync.webhooks.done).toBe(1);
    expect(resync.fullPoll.ok).toBe(true);
    expect(resync.laterPoll.ok).toBe(true);
    const { later, reimport: again } = resync;
    expect(again).toMatchObject({ ordersCreated: 0, ordersUpdated: 0, customersTouched: 0 });
    expect(again.ordersUnchanged).toBe(imported.ordersCreated);

    expect(await grepDatabase(db, needles)).toEqual([]);
    expect(await db.prisma.customer.count()).toBe(customersAfterErasure);
    expect(await lookupCustomer(db, { email: person.email }, region)).toEqual({ customer: null });
    const laterOrder = await db.prisma.order.findUniqueOrThrow({
      where: { key: `retail:${later.id}` },
    });
    expect(laterOrder.customerId).toBe(customerId);
    const identityOfShell = await db.prisma.customerIdentity.count({ where: { customerId } });
    expect(identityOfShell).toBe(0);
    expect(await db.prisma.identityRecord.count({ where: { customerId } })).toBe(0);
    const refigured = await storeFigures(db);
    expect(refigured.totals?.orders).toBe((figures.totals?.orders ?? 0) + 1);

    // They order online again with the same email: the order comes in scrubbed, on the shell.
    const comeback = store.placeEcomOrder({
      email: person.email,
      firstName: person.first,
      lastName: person.last,
      phoneDigits: person.digits,
      delayMs: YEAR,
    });
    const third = await importStoreExport(db, store);
    expect(third).toMatchObject({ ordersCreated: 1, ordersUpdated: 0, customersTouched: 0 });
    const comebackOrder = await db.prisma.order.findUniqueOrThrow({
      where: { key: `ecom:${comeback.orderNumber}` },
    });
    expect(comebackOrder.customerId).toBe(customerId);
    expect(await grepDatabase(db, needles)).toEqual([]);
    expect(await db.prisma.customer.count()).toBe(customersAfterErasure);
  });

  it("changes nothing when run again, and answers with the first erasure", async () => {
    const { db, store } = await openErasureStore(cleanup);
    addPerson(store);
    await ingestRetail(db, { customers: store.customers(), sales: store.sales() });
    await importStoreExport(db, store);
    const customerId = await customerIdOf(db, person.email);
    const now = new Date("2026-11-24T12:00:00Z");
    const first = await eraseCustomer(db, { customerId, requestedBy: "a", now });
    const dump = await dumpDatabase(db);
    const second = await eraseCustomer(db, {
      customerId,
      requestedBy: "b",
      reason: "again",
      now: new Date("2026-11-25T12:00:00Z"),
    });
    expect(second).toEqual({ ...first, alreadyErased: true });
    expect(await dumpDatabase(db)).toEqual(dump);
    expect(await db.prisma.erasure.count()).toBe(1);
  });

  it("leaves nothing to split or pin on the erased customer", async () => {
    const { db, store } = await openErasureStore(cleanup);
    addPerson(store);
    await ingestRetail(db, { customers: store.customers(), sales: store.sales() });
    await importStoreExport(db, store);
    const customerId = await customerIdOf(db, person.email);
    await eraseCustomer(db, { customerId, requestedBy: "a", now: new Date() });
    const rules = createMergeRules();
    const pin = await pinIdentifier(
      db,
      { customerId, identifier: { kind: "EMAIL", value: person.email } },
      rules,
    ).catch((error: unknown) => error);
    expect(pin).toMatchObject({ code: "CONFLICT" });
    const split = await splitCustomer(
      db,
      { customerId, records: [`retail_customer:${person.email}`] },
      rules,
    ).catch((error: unknown) => error);
    expect(split).toMatchObject({ code: "CONFLICT" });
    expect(await grepDatabase(db, needlesOf())).toEqual([]);
  });

  it("follows a merged-away customer id to the customer it was merged into", async () => {
    const { db, store } = await openErasureStore(cleanup);
    // One person as an email-only and a phone-only X-Series record, joined by an online order.
    const emailOnly = store.createCustomer({ first_name: person.first, email: person.email });
    const phoneOnly = store.createCustomer({ last_name: person.last, mobile: person.mobile });
    store.createSale({ customer_id: emailOnly.id });
    store.createSale({ customer_id: phoneOnly.id });
    await ingestRetail(db, { customers: store.customers(), sales: store.sales() });
    store.placeEcomOrder({ email: person.email, phoneDigits: person.digits, delayMs: YEAR });
    await importStoreExport(db, store);
    const survivor = await customerIdOf(db, person.email);
    const mergedAway = await db.prisma.customer.findFirstOrThrow({
      where: { mergedIntoId: survivor },
      select: { id: true },
    });

    const result = await eraseCustomer(db, {
      customerId: mergedAway.id,
      requestedBy: "test",
      now: new Date(),
    });
    expect(result.customerId).toBe(survivor);
    expect(await db.prisma.order.count({ where: { customerId: survivor } })).toBe(3);
    expect(
      await db.prisma.customer.count({
        where: { id: { in: [survivor, mergedAway.id] }, erasedAt: null },
      }),
    ).toBe(0);
    expect(await grepDatabase(db, needlesOf())).toEqual([]);
    const again = await eraseCustomer(db, {
      customerId: mergedAway.id,
      requestedBy: "test",
      now: new Date(),
    });
    expect(again).toMatchObject({ erasureId: result.erasureId, alreadyErased: true });
  });

  it("leaves the other owner of a shared family email alone", async () => {
    const { db, store, poll } = await openErasureStore(cleanup);
    const { mom, son } = addFamilyEmail(store, "garcias@example.com", {
      mom: { first_name: "Anaxandra", mobile: "615-555-0101" },
      son: { first_name: "Leo", mobile: "615-555-0102" },
    });
    await poll(true);
    const family = await lookupCustomer(db, { email: "garcias@example.com" }, region);
    if (!("customers" in family)) throw new Error("the family email should be shared");
    const momId = family.customers.find((c) => c.phones.includes("+16155550101"))?.id as string;
    const sonId = family.customers.find((c) => c.phones.includes("+16155550102"))?.id as string;

    await eraseCustomer(db, { customerId: momId, requestedBy: "test", now: new Date() });
    expect(await grepDatabase(db, ["555-0101", "+16155550101", "Anaxandra"])).toEqual([]);
    // The son keeps his email (it is his too): re-synced, it is not scrubbed.
    store.updateCustomer(son.id, { last_name: "Garcia" });
    store.updateCustomer(mom.id, { last_name: "Garcia" });
    await poll();
    const sonRow = await db.prisma.retailCustomer.findUniqueOrThrow({ where: { id: son.id } });
    expect(sonRow).toMatchObject({ email: "garcias@example.com", lastName: "Garcia" });
    const momRow = await db.prisma.retailCustomer.findUniqueOrThrow({ where: { id: mom.id } });
    expect(momRow).toMatchObject({ email: null, firstName: null, lastName: null, mobile: null });
    const lookup = await lookupCustomer(db, { email: "garcias@example.com" }, region);
    expect(lookup).toMatchObject({ customer: { id: sonId, phones: ["+16155550102"] } });
  });

  it("refuses an unknown customer id", async () => {
    const db = await openDatabaseForTest(cleanup);
    const error = await eraseCustomer(db, {
      customerId: "00000000-0000-4000-8000-000000000000",
      requestedBy: "test",
      now: new Date(),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: "NOT_FOUND" });
  });
});
