// A customer's tier rise, end to end: recorded where the analytics write metrics, one notification
// for the customer, pushed through expo-server-sdk to a local fake of Expo once per device of
// theirs, never to anyone else's device, a staff device or the staff webhook.
import type { Database } from "@greenloop/db";
import { testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { describe, expect, it } from "vitest";
import {
  DAY,
  familyStore,
  ingestAndAnalyze,
  threeChannelStore,
} from "../../customers/testing/customer-fixtures";
import { openDatabaseForTest } from "../../testing/test-database";
import { deliverNotifications } from "../notifications/deliver-notifications";
import { createExpoPushChannel } from "../notifications/expo-push-channel";
import { listNotifications } from "../notifications/list-notifications";
import { disablePushToken } from "../notifications/push-tokens";
import { startFakeExpoPush } from "../notifications/testing/fake-expo-push";
import { startFakeWebhookReceiver } from "../notifications/testing/fake-webhook-receiver";
import { pushToken, registerDevice } from "../notifications/testing/test-devices";
import { createWebhookChannel } from "../notifications/webhook-channel";
import {
  analyticsMoment,
  buyInStore,
  recomputeEveryone,
  tierOf,
} from "./testing/tier-rise-fixtures";
import { notifyTierRises } from "./tier-rise-events";

const cleanup = useTestCleanup();

async function channelsFor(db: Pick<Database, "prisma">) {
  const expo = await startFakeExpoPush(cleanup);
  const receiver = await startFakeWebhookReceiver(cleanup, { secret: "s" });
  const channels = [
    createExpoPushChannel({ db, url: expo.url }),
    createWebhookChannel({ url: receiver.url, secret: "s" }),
  ];
  return { expo, receiver, channels };
}

/** One monitoring pass's notification steps: rises become notifications, then delivery. */
async function notifyAndDeliver(
  db: Pick<Database, "prisma">,
  channels: Awaited<ReturnType<typeof channelsFor>>["channels"],
  now: Date,
) {
  const rises = await notifyTierRises(db, { now });
  const deliveries = await deliverNotifications(db, {
    now,
    channels,
    settings: { maxAttempts: 3 },
  });
  return { rises, deliveries };
}

async function tierRiseNotifications(db: Pick<Database, "prisma">) {
  return db.prisma.notification.findMany({
    where: { kind: "customer.tier_rise" },
    select: { customerId: true, title: true, data: true, createdAt: true },
    orderBy: { createdAt: "asc" },
  });
}

describe(`tier rise notifications (${testDatabaseKind})`, () => {
  it("notifies a rise once and pushes it once to each of the customer's own opted-in devices, even when the recompute runs twice", async () => {
    const db = await openDatabaseForTest(cleanup);
    const { store, maya, leo } = threeChannelStore();
    await ingestAndAnalyze(db, store);
    const before = await tierOf(db, maya.id);
    expect(before.tier).not.toBe("Evergreen");
    // Maya's phone registered under her email as she typed it, her tablet under her phone number.
    const mayaPhone = await registerDevice(db, "maya-phone", { userId: " Maya.Lind@Example.com" });
    const mayaTablet = await registerDevice(db, "maya-tablet", { userId: "+1 615-555-0101" });
    await registerDevice(db, "maya-opted-out", { userId: "maya.lind@example.com", optedIn: false });
    const gone = await registerDevice(db, "maya-uninstalled", { userId: "maya.lind@example.com" });
    await disablePushToken(db, gone, { now: store.now(), reason: "DeviceNotRegistered" });
    await registerDevice(db, "leo-phone", { userId: "leo.park@example.com" });
    await registerDevice(db, "staff-ipad", { userId: "maya.lind@example.com", audience: "STAFF" });
    const { expo, receiver, channels } = await channelsFor(db);

    await buyInStore(db, store, maya.id, 1_600);
    // The scheduled full run recomputes her again: the same tier is no new rise.
    await recomputeEveryone(db, store);
    await recomputeEveryone(db, store);
    const after = await tierOf(db, maya.id);
    expect(after.tier).toBe("Evergreen");
    expect(
      await db.prisma.customerTierRise.findMany({
        select: { customerId: true, fromTier: true, toTier: true },
      }),
    ).toEqual([{ customerId: after.customerId, fromTier: before.tier, toTier: "Evergreen" }]);

    const now = analyticsMoment(store);
    expect(await notifyAndDeliver(db, channels, now)).toMatchObject({
      rises: { notified: 1 },
      deliveries: { dispatched: 1, sent: 2, retrying: 0, failed: 0 },
    });
    // A second pass (and a third recompute) finds nothing new.
    await recomputeEveryone(db, store);
    expect(await notifyAndDeliver(db, channels, new Date(now.getTime() + 60_000))).toMatchObject({
      rises: { notified: 0 },
      deliveries: { dispatched: 0, sent: 0 },
    });

    const [notification, ...others] = await tierRiseNotifications(db);
    expect(others).toEqual([]);
    expect(notification).toMatchObject({
      customerId: after.customerId,
      title: "You're now Evergreen!",
      data: { tier: "Evergreen", fromTier: before.tier, campaignId: "tier_rise:Evergreen" },
    });
    expect(expo.delivered.map((message) => message.to).sort()).toEqual([mayaPhone, mayaTablet]);
    expect(expo.delivered[0]).toMatchObject({
      title: "You're now Evergreen!",
      data: { kind: "customer.tier_rise", campaignId: "tier_rise:Evergreen" },
    });
    // Nothing of it reaches the staff: not their devices, not their webhook, not their list.
    expect(receiver.requests).toEqual([]);
    const staffList = await listNotifications(db);
    expect(staffList.notifications.map((n) => n.kind)).not.toContain("customer.tier_rise");
    expect(JSON.stringify(expo.requests.map((r) => r.body))).not.toContain(pushToken("leo-phone"));
    expect((await tierOf(db, leo.id)).tier).not.toBeNull();
  });

  it("notifies again after a drop and a new rise on a later day, and never for a first tier", async () => {
    const db = await openDatabaseForTest(cleanup);
    const { store, maya } = threeChannelStore();
    // The first run gives everyone a tier: no rise for anyone.
    await ingestAndAnalyze(db, store);
    expect(await db.prisma.customerTierRise.count()).toBe(0);
    const phone = await registerDevice(db, "maya-phone", { userId: "maya.lind@example.com" });
    const { expo, channels } = await channelsFor(db);

    await buyInStore(db, store, maya.id, 1_600);
    await notifyAndDeliver(db, channels, analyticsMoment(store));
    // 100 days later her rolling 90 days are empty: she drops (no notification for a drop).
    store.advanceClock(100 * DAY);
    await recomputeEveryone(db, store);
    expect((await tierOf(db, maya.id)).tier).toBe("Seed");
    expect(await notifyAndDeliver(db, channels, analyticsMoment(store))).toMatchObject({
      rises: { notified: 0 },
    });
    // She comes back and spends again: a new rise, a new notification.
    await buyInStore(db, store, maya.id, 1_600);
    await notifyAndDeliver(db, channels, analyticsMoment(store));

    expect((await tierRiseNotifications(db)).map((n) => n.title)).toEqual([
      "You're now Evergreen!",
      "You're now Evergreen!",
    ]);
    expect(expo.delivered.map((message) => message.to)).toEqual([phone, phone]);
  });

  it("pushes to nobody behind a shared family email, and to the customer's own phone", async () => {
    const db = await openDatabaseForTest(cleanup);
    const { store, ben } = familyStore();
    await ingestAndAnalyze(db, store);
    await registerDevice(db, "family-tablet", { userId: "cruz.family@example.com" });
    const bensPhone = await registerDevice(db, "ben-phone", { userId: "(615) 555-0122" });
    await registerDevice(db, "ana-phone", { userId: "(615) 555-0111" });
    const { expo, channels } = await channelsFor(db);

    await buyInStore(db, store, ben.id, 900);
    expect(await notifyAndDeliver(db, channels, analyticsMoment(store))).toMatchObject({
      rises: { notified: 1 },
      deliveries: { sent: 1 },
    });
    expect(expo.delivered.map((message) => message.to)).toEqual([bensPhone]);
  });
});
