// The API flows the GreenLoop app relies on, end to end over HTTP: the real server on loopback, a
// typed tRPC 11 client (superjson with Decimal) and a real database fed through the real ingest,
// import, merge and analytics paths. The app-shaped lookup and a signed-in customer's own summary;
// an erasure that survives re-syncs; the one-time code's rules as the wire shows them.
import { openTestDatabase, testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { TRPCClientError } from "@trpc/client";
import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { mailedCode } from "../auth/testing/mailed-code";
import { HOUR, ingestAndAnalyze, threeChannelStore } from "../customers/testing/customer-fixtures";
import { type CapturedMail, createCapturedMail } from "../mail/testing/captured-mail";
import {
  addPerson,
  openErasureStore,
  person,
  resyncPerson,
  syncStore,
} from "../privacy/testing/erasure-store";
import { grepDatabase } from "../privacy/testing/grep-database";
import type { AppRouter } from "../trpc/root";
import { testApiEnv, testTokens, trpcErrorCode } from "../trpc/testing/api-test-kit";
import { type ApiClient, serveApiOnLoopback } from "./testing/loopback-api";

const cleanup = useTestCleanup();

/** Signs in as the app does: a code asked for, read from the mail, exchanged for a session token. */
async function signIn(anonymous: ApiClient, mail: CapturedMail, email: string): Promise<string> {
  await anonymous.auth.requestCode.mutate({ email });
  const session = await anonymous.auth.verifyCode.mutate({ email, code: mailedCode(mail, email) });
  return session.token;
}

describe(`the customer lookup and a customer's own summary over HTTP (${testDatabaseKind})`, () => {
  it("tags in-store, synced and unsynced orders with Decimal money and Dates, and the signed-in customer's me.summary is the same summary", async () => {
    const db = await openTestDatabase();
    cleanup.defer(() => db.close());
    const { store, maya, leo, inStore, synced, unsynced } = threeChannelStore();
    await ingestAndAnalyze(db, store);
    const mail = createCapturedMail();
    const { clientWith } = await serveApiOnLoopback(cleanup, { db, mail });
    const staff = clientWith(testTokens.viewer);

    const found = await staff.customers.lookup.query({ email: "Maya.Lind@example.com" });

    if (found.match !== "one") throw new Error(`expected one customer, got ${found.match}`);
    const { summary, orders } = found;
    expect(summary).toMatchObject({ lightspeedCustomerId: maya.id, orderCount: 3 });
    expect(orders.items.map((o) => o.source).sort()).toEqual([
      "ecom_synced",
      "ecom_unsynced",
      "retail",
    ]);
    const bySource = Object.fromEntries(orders.items.map((o) => [o.source, o]));
    expect(bySource.retail).toMatchObject({ channel: "RETAIL", ecomOrderNumber: null });
    expect(bySource.retail?.invoiceNumber).toBe(inStore.invoice_number);
    expect(bySource.ecom_synced?.ecomOrderNumber).toBe(synced.orderNumber);
    expect(bySource.ecom_synced?.reachedRetailAt).toBeInstanceOf(Date);
    expect(bySource.ecom_unsynced).toMatchObject({
      ecomOrderNumber: unsynced.orderNumber,
      invoiceNumber: null,
      reachedRetailAt: null,
    });
    // superjson kept the types: decimal.js Decimals and Dates, not strings.
    for (const order of orders.items) {
      expect(Decimal.isDecimal(order.total), order.source).toBe(true);
      expect(order.placedAt, order.source).toBeInstanceOf(Date);
    }
    expect(bySource.ecom_unsynced?.total.equals(new Decimal(unsynced.totalCents).div(100))).toBe(
      true,
    );
    const sum = orders.items.reduce((total, o) => total.plus(o.total), new Decimal(0));
    expect(sum.gt(0)).toBe(true);
    expect(Decimal.isDecimal(summary.lifetimeValue)).toBe(true);
    expect(summary.lifetimeValue?.equals(sum)).toBe(true);
    expect(summary.lastOrderDate).toBeInstanceOf(Date);
    expect(summary.metricsComputedAt).toBeInstanceOf(Date);

    // Maya signs in with the emailed code: her own summary and orders are the lookup's.
    const anonymous = clientWith();
    const mayaSession = clientWith(await signIn(anonymous, mail, "maya.lind@example.com"));
    expect(await mayaSession.me.summary.query()).toEqual({ match: "one", summary });
    expect(await mayaSession.me.orders.query()).toEqual({ match: "one", ...orders });

    // Another person's session gets their own summary, a stranger's gets none.
    const leoSession = clientWith(await signIn(anonymous, mail, "leo.park@example.com"));
    const leoOwn = await leoSession.me.summary.query();
    if (leoOwn.match !== "one") throw new Error(`expected Leo, got ${leoOwn.match}`);
    expect(leoOwn.summary).toMatchObject({ lightspeedCustomerId: leo.id, orderCount: 1 });
    expect(leoOwn.summary.customerId).not.toBe(summary.customerId);
    expect(await staff.customers.lookup.query({ email: "leo.park@example.com" })).toMatchObject({
      match: "one",
      summary: leoOwn.summary,
    });
    const strangerSession = clientWith(await signIn(anonymous, mail, "stranger@example.com"));
    expect(await strangerSession.me.summary.query()).toEqual({ match: "none" });
    expect(await strangerSession.me.orders.query()).toEqual({ match: "none" });
  });
});

describe(`privacy.eraseCustomer over HTTP (${testDatabaseKind})`, () => {
  it("erases a person for good: after a webhook, polls, a new sale, the same eCom export and a full re-merge, the lookup finds nobody, no column holds their data, and the store's totals stand", async () => {
    const harness = await openErasureStore(cleanup);
    const { db, store } = harness;
    const { customer, needles } = addPerson(store);
    const imported = await syncStore(harness);
    const { clientWith } = await serveApiOnLoopback(cleanup, { db });
    const viewer = clientWith(testTokens.viewer);
    const operator = clientWith(testTokens.operator);

    const found = await viewer.customers.lookup.query({ email: person.email });
    if (found.match !== "one") throw new Error(`expected the person, got ${found.match}`);
    expect(found.orders.items).toHaveLength(4);
    expect((await grepDatabase(db, needles)).length).toBeGreaterThan(0);
    // Twelve months to the store's clock: its whole history, the person's orders included.
    const range = { asOf: store.now() };
    const totals = await viewer.analytics.summary.query(range);
    expect(totals.orderCount).toBeGreaterThan(found.orders.items.length);

    const erased = await operator.privacy.eraseCustomer.mutate({
      customerId: found.summary.customerId,
      reason: "account deletion request",
    });

    expect(erased).toMatchObject({ customerId: found.summary.customerId, alreadyErased: false });
    expect(erased.erasedAt).toBeInstanceOf(Date);
    expect(await grepDatabase(db, needles)).toEqual([]);
    expect(await viewer.analytics.summary.query(range)).toEqual(totals);

    const resync = await resyncPerson(harness, customer.id);
    expect(resync.webhooks.done).toBe(1);
    expect(resync.fullPoll.ok && resync.laterPoll.ok).toBe(true);
    expect(resync.reimport).toMatchObject({
      ordersCreated: 0,
      ordersUpdated: 0,
      customersTouched: 0,
    });
    expect(resync.reimport.ordersUnchanged).toBe(imported.ordersCreated);

    expect(await viewer.customers.lookup.query({ email: person.email })).toEqual({ match: "none" });
    expect(await viewer.customers.lookup.query({ phone: person.mobile })).toEqual({
      match: "none",
    });
    expect(await grepDatabase(db, needles)).toEqual([]);
    // The totals moved by the new sale alone, counted on the erased, nameless customer. (The
    // simulated clock stands still, so the sale is placed at range.asOf; moving the clock would
    // sync other eCom orders too.)
    const later = await db.prisma.order.findUniqueOrThrow({
      where: { key: `retail:${resync.later.id}` },
      select: { total: true, refundedTotal: true, customerId: true },
    });
    expect(later.customerId).toBe(erased.customerId);
    const net = later.total.minus(later.refundedTotal);
    const after = await viewer.analytics.summary.query(range);
    expect(after).toMatchObject({
      orderCount: totals.orderCount + 1,
      customerCount: totals.customerCount,
      anonymousOrderCount: totals.anonymousOrderCount,
    });
    expect(after.totalSpend.minus(totals.totalSpend).toString()).toBe(net.toString());
    expect(after.attributedSpend.minus(totals.attributedSpend).toString()).toBe(net.toString());
  });
});

describe(`sign-in with an emailed code over HTTP (${testDatabaseKind})`, () => {
  it("accepts a code once, refuses a wrong or expired one, and answers a sixth request within the hour with 429", async () => {
    const db = await openTestDatabase();
    cleanup.defer(() => db.close());
    const mail = createCapturedMail();
    const env = testApiEnv();
    let now = new Date("2026-11-24T12:00:00Z");
    const { server, clientWith } = await serveApiOnLoopback(cleanup, {
      db,
      env,
      mail,
      now: () => now,
    });
    const anonymous = clientWith();
    const email = "ana@example.com";

    await anonymous.auth.requestCode.mutate({ email });
    const code = mailedCode(mail, email);
    const wrong = code === "000000" ? "111111" : "000000";
    expect(await trpcErrorCode(anonymous.auth.verifyCode.mutate({ email, code: wrong }))).toBe(
      "UNAUTHORIZED",
    );
    const session = await anonymous.auth.verifyCode.mutate({ email, code });
    expect(await clientWith(session.token).auth.whoami.query()).toEqual({
      kind: "customer",
      email,
    });
    expect(await trpcErrorCode(anonymous.auth.verifyCode.mutate({ email, code }))).toBe(
      "UNAUTHORIZED",
    );

    // A code past LOGIN_CODE_TTL on the app's clock is refused.
    await anonymous.auth.requestCode.mutate({ email });
    const expiring = mailedCode(mail, email);
    now = new Date(now.getTime() + env.api.loginCodeTtlMs + 1);
    expect(await trpcErrorCode(anonymous.auth.verifyCode.mutate({ email, code: expiring }))).toBe(
      "UNAUTHORIZED",
    );

    // LOGIN_CODES_PER_HOUR (5) codes an hour per email: the sixth request is a 429 on the wire.
    const busy = "bo@example.com";
    expect(env.api.loginCodesPerHour).toBe(5);
    for (let request = 0; request < 5; request++) {
      await anonymous.auth.requestCode.mutate({ email: busy });
    }
    const sixth = await fetch(`${server.url}/api/trpc/auth.requestCode`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ json: { email: busy } }),
    });
    expect(sixth.status).toBe(429);
    expect(await sixth.text()).toContain("TOO_MANY_REQUESTS");
    const seventh = await anonymous.auth.requestCode
      .mutate({ email: busy })
      .catch((error: unknown) => error);
    expect(seventh).toBeInstanceOf(TRPCClientError);
    expect((seventh as TRPCClientError<AppRouter>).data).toMatchObject({
      code: "TOO_MANY_REQUESTS",
      httpStatus: 429,
    });
    expect(mail.messages.filter((message) => message.to === busy)).toHaveLength(5);
    // An hour later the email may ask again.
    now = new Date(now.getTime() + HOUR);
    expect(await anonymous.auth.requestCode.mutate({ email: busy })).toMatchObject({ sent: true });
  });
});
