import { testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import {
  familyStore,
  ingestAndAnalyze,
  threeChannelStore,
} from "../../customers/testing/customer-fixtures";
import { emptyStore } from "../../merge/testing/merge-harness";
import { buyInStore, tierOf } from "../../monitoring/events/testing/tier-rise-fixtures";
import { notifyTierRises } from "../../monitoring/events/tier-rise-events";
import { createNotifications } from "../../monitoring/notifications/notification-store";
import { openDatabaseForTest } from "../../testing/test-database";
import { apiTransformer } from "../api-transformer";
import { testApi, trpcErrorCode } from "../testing/api-test-kit";

const cleanup = useTestCleanup();

describe(`me.summary (${testDatabaseKind})`, () => {
  it("returns the session owner's own summary and orders, and nobody else's", async () => {
    const db = await openDatabaseForTest(cleanup);
    const { store, maya, leo, leoSale } = threeChannelStore();
    await ingestAndAnalyze(db, store);
    const staff = (await testApi(db, "viewer")).caller;
    const leoOrders = await staff.customers.lookup({ email: "leo.park@example.com" });
    if (leoOrders.match !== "one") throw new Error("expected Leo");

    const { caller } = await testApi(db, { customerEmail: "maya.lind@example.com" });
    const own = await caller.me.summary();

    if (own.match !== "one") throw new Error(`expected one, got ${own.match}`);
    expect(own.summary).toMatchObject({
      lightspeedCustomerId: maya.id,
      email: "maya.lind@example.com",
      orderCount: 3,
    });
    expect(own.summary.loyaltyBalance?.toString()).toBe("12.5");
    const orders = await caller.me.orders({ limit: 2 });
    if (orders.match !== "one") throw new Error("expected Maya's orders");
    const rest = await caller.me.orders({ limit: 2, cursor: orders.nextCursor ?? undefined });
    if (rest.match !== "one") throw new Error("expected Maya's orders");
    const all = [...orders.items, ...rest.items];
    expect(all.map((o) => o.source).sort()).toEqual(["ecom_synced", "ecom_unsynced", "retail"]);
    expect(rest.nextCursor).toBeNull();
    expect(all.reduce((sum, o) => sum.plus(o.total), new Decimal(0)).toString()).toBe(
      own.summary.lifetimeValue?.toString(),
    );
    // Nothing of Leo's crosses Maya's session.
    const wire = JSON.stringify(apiTransformer.serialize({ own, orders, rest }));
    expect(wire).not.toContain(leo.id);
    expect(wire).not.toContain("leo.park");
    for (const order of leoOrders.orders.items) expect(wire).not.toContain(order.id);
    expect(leoOrders.orders.items.map((o) => o.invoiceNumber)).toEqual([leoSale.invoice_number]);
    expect(wire).not.toContain(leoOrders.summary.customerId);

    // Leo's own session sees Leo.
    const leoSession = (await testApi(db, { customerEmail: "Leo.Park@example.com" })).caller;
    const leoOwn = await leoSession.me.summary();
    expect(leoOwn.match === "one" && leoOwn.summary.lightspeedCustomerId).toBe(leo.id);
  });

  it("never reveals another person's spend behind a shared family email", async () => {
    const db = await openDatabaseForTest(cleanup);
    const { store, ana, ben } = familyStore();
    await ingestAndAnalyze(db, store);
    const staff = (await testApi(db, "viewer")).caller;
    const shared = await staff.customers.lookup({ email: "cruz.family@example.com" });
    if (shared.match !== "shared") throw new Error("expected the email to be flagged as shared");

    for (const email of ["cruz.family@example.com", "Cruz.Family+app@example.com"]) {
      const { caller } = await testApi(db, { customerEmail: email });
      const summary = await caller.me.summary();
      const orders = await caller.me.orders({});
      expect(summary).toEqual({ match: "shared" });
      expect(orders).toEqual({ match: "shared" });
      const wire = JSON.stringify(apiTransformer.serialize({ summary, orders }));
      for (const person of shared.customers) {
        expect(wire).not.toContain(person.customerId);
        expect(wire).not.toContain(person.lifetimeValue?.toString() ?? "-");
      }
      expect(wire).not.toContain(ana.id);
      expect(wire).not.toContain(ben.id);
    }
  });

  it("finds the owner by another spelling of the same mailbox, and nobody for a stranger", async () => {
    const db = await openDatabaseForTest(cleanup);
    const store = emptyStore(14);
    const jo = store.createCustomer({
      first_name: "Jo",
      last_name: "Doe",
      email: "j.doe@gmail.com",
    });
    store.createSale({ customer_id: jo.id });
    await ingestAndAnalyze(db, store);

    const sameMailbox = (await testApi(db, { customerEmail: "JDoe+app@googlemail.com" })).caller;
    const own = await sameMailbox.me.summary();
    expect(own.match === "one" && own.summary.lightspeedCustomerId).toBe(jo.id);

    const stranger = (await testApi(db, { customerEmail: "stranger@example.com" })).caller;
    expect(await stranger.me.summary()).toEqual({ match: "none" });
    expect(await stranger.me.orders()).toEqual({ match: "none" });
  });

  it("is refused to staff tokens", async () => {
    const db = await openDatabaseForTest(cleanup);
    const { caller } = await testApi(db, "operator");
    expect(await trpcErrorCode(caller.me.summary())).toBe("FORBIDDEN");
  });
});

describe(`me.notifications (${testDatabaseKind})`, () => {
  it("lists only the caller's own notifications, newest first, paged, and marks them read", async () => {
    const db = await openDatabaseForTest(cleanup);
    const { store, maya, leo } = threeChannelStore();
    await ingestAndAnalyze(db, store);
    await buyInStore(db, store, maya.id, 1_600);
    const now = new Date(store.now().getTime() + 60_000);
    expect(await notifyTierRises(db, { now })).toMatchObject({ notified: 1 });
    const mayaId = (await tierOf(db, maya.id)).customerId;
    const leoId = (await tierOf(db, leo.id)).customerId;
    const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
    for (const [customerId, key, minutes] of [
      [mayaId, "maya-2", 1],
      [mayaId, "maya-3", 2],
      [leoId, "leo-1", 3],
    ] as const) {
      await createNotifications(
        db.prisma,
        [{ kind: "customer.tier_rise", customerId, title: key, body: "b", dedupeKey: key }],
        later(minutes),
      );
    }
    await createNotifications(
      db.prisma,
      [{ kind: "alert.opened", title: "staff only", body: "b", dedupeKey: "staff" }],
      later(4),
    );

    const maya1 = (await testApi(db, { customerEmail: "maya.lind@example.com" })).caller;
    const first = await maya1.me.notifications({ limit: 2 });
    if (first.match !== "one") throw new Error(`expected one, got ${first.match}`);
    expect(first.items.map((n) => n.title)).toEqual(["maya-3", "maya-2"]);
    expect(first.unread).toBe(3);
    const rest = await maya1.me.notifications({ limit: 2, cursor: first.nextCursor ?? undefined });
    if (rest.match !== "one") throw new Error("expected Maya's notifications");
    expect(rest.items).toMatchObject([
      { title: "You're now Evergreen!", campaignId: "tier_rise:Evergreen", readAt: null },
    ]);
    expect(rest.nextCursor).toBeNull();
    const risen = rest.items[0]?.id ?? "";

    // Leo can neither see nor mark Maya's; Maya can.
    const leoCaller = (await testApi(db, { customerEmail: "leo.park@example.com" })).caller;
    const leos = await leoCaller.me.notifications();
    expect(leos.match === "one" && leos.items.map((n) => n.title)).toEqual(["leo-1"]);
    expect(JSON.stringify(apiTransformer.serialize(leos))).not.toContain(risen);
    expect(await leoCaller.me.markNotificationRead({ id: risen })).toEqual({ marked: 0 });
    expect(await maya1.me.markNotificationRead({ id: risen })).toEqual({ marked: 1 });
    expect(await maya1.me.markNotificationRead({ id: risen })).toEqual({ marked: 0 });
    const unread = await maya1.me.notifications({ unreadOnly: true });
    expect(unread.match === "one" && unread.items.map((n) => n.title)).toEqual([
      "maya-3",
      "maya-2",
    ]);
    expect(unread.match === "one" && unread.unread).toBe(2);

    // A cursor of another list is refused; staff tokens are refused.
    const orders = await maya1.me.orders({ limit: 1 });
    const ordersCursor = orders.match === "one" ? (orders.nextCursor ?? "") : "";
    expect(await trpcErrorCode(maya1.me.notifications({ cursor: ordersCursor }))).toBe(
      "BAD_REQUEST",
    );
    const staff = (await testApi(db, "viewer")).caller;
    expect(await trpcErrorCode(staff.me.notifications())).toBe("FORBIDDEN");
    // The staff's inbox is theirs alone: it neither lists nor marks customers' notifications.
    expect((await staff.notifications.list()).notifications.map((n) => n.title)).toEqual([
      "staff only",
    ]);
    expect(await staff.notifications.markRead({ all: true })).toEqual({ marked: 1 });
    const stillUnread = await maya1.me.notifications();
    expect(stillUnread.match === "one" && stillUnread.unread).toBe(2);
  });

  it("answers shared behind a family email, with nobody's notifications", async () => {
    const db = await openDatabaseForTest(cleanup);
    const { store, ben } = familyStore();
    await ingestAndAnalyze(db, store);
    await buyInStore(db, store, ben.id, 900);
    expect(await notifyTierRises(db, { now: store.now() })).toMatchObject({ notified: 1 });
    const { caller } = await testApi(db, { customerEmail: "cruz.family@example.com" });
    expect(await caller.me.notifications()).toEqual({ match: "shared" });
  });
});
