// Expo's receipts and rate limits through expo-server-sdk against a local fake of Expo over
// loopback: receipts fetched a pass later (only once ready), DeviceNotRegistered in a receipt
// prunes the token, a failing receipts request is asked again, 429 and 5xx on send are retried
// with the outbox's backoff, and more than 100 messages go out in Expo-sized chunks.
import type { Database } from "@greenloop/db";
import { testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { describe, expect, it } from "vitest";
import { openDatabaseForTest } from "../../testing/test-database";
import { deliverNotifications, settleReceipts } from "./deliver-notifications";
import { createExpoPushChannel } from "./expo-push-channel";
import { createNotifications } from "./notification-store";
import { startFakeExpoPush } from "./testing/fake-expo-push";
import { registerDevice, pushToken as token } from "./testing/test-devices";

const cleanup = useTestCleanup();
const MINUTE = 60_000;
const t0 = new Date("2026-03-02T15:00:00.000Z").getTime();
const at = (minutes: number) => new Date(t0 + minutes * MINUTE);
const settings = { maxAttempts: 5 };

async function staffDevices(db: Pick<Database, "prisma">, names: string[]) {
  for (const name of names) await registerDevice(db, name, { audience: "STAFF" });
}

async function notify(db: Pick<Database, "prisma">, key: string, minute: number) {
  await createNotifications(
    db.prisma,
    [{ kind: "alert.opened", title: `Alert ${key}`, body: "b", dedupeKey: `test:${key}` }],
    at(minute),
  );
}

async function deliveryOf(db: Pick<Database, "prisma">, name: string) {
  return db.prisma.notificationDelivery.findFirstOrThrow({
    where: { target: token(name) },
    orderBy: { createdAt: "desc" },
    select: {
      status: true,
      attempts: true,
      ticketId: true,
      receiptStatus: true,
      receiptCheckedAt: true,
      lastError: true,
      nextAttemptAt: true,
    },
  });
}

describe(`Expo push receipts (${testDatabaseKind})`, () => {
  it("fetches receipts a pass later, once ready, and prunes a token whose receipt says DeviceNotRegistered", async () => {
    const db = await openDatabaseForTest(cleanup);
    const expo = await startFakeExpoPush(cleanup, { uninstalled: [token("uninstalled")] });
    await staffDevices(db, ["fine", "uninstalled"]);
    const channels = [createExpoPushChannel({ db, url: expo.url })];
    await notify(db, "a", 0);

    // Both tickets are ok: Expo took both messages.
    expect(await deliverNotifications(db, { now: at(0), channels, settings })).toMatchObject({
      sent: 2,
    });
    expect(await deliveryOf(db, "uninstalled")).toMatchObject({
      status: "SENT",
      ticketId: expect.any(String),
      receiptStatus: null,
    });
    // Too early to ask (receipts take minutes): no request.
    expect(await settleReceipts(channels, { now: at(5) })).toEqual({
      ok: 0,
      failed: 0,
      pruned: 0,
      pending: 0,
    });
    expect(expo.receiptRequests()).toHaveLength(0);
    // Asked, but Expo has none ready yet: still pending.
    expect(await settleReceipts(channels, { now: at(15) })).toMatchObject({ pending: 2 });
    expect(expo.receiptRequests()).toHaveLength(1);
    expo.publishReceipts();
    expect(await settleReceipts(channels, { now: at(16) })).toEqual({
      ok: 1,
      failed: 1,
      pruned: 1,
      pending: 0,
    });
    expect(await deliveryOf(db, "fine")).toMatchObject({ status: "SENT", receiptStatus: "ok" });
    expect(await deliveryOf(db, "uninstalled")).toMatchObject({
      status: "FAILED",
      receiptStatus: "DeviceNotRegistered",
      receiptCheckedAt: at(16),
      lastError: expect.stringMatching(/^DeviceNotRegistered: /),
    });
    expect(
      await db.prisma.pushToken.findUniqueOrThrow({
        where: { token: token("uninstalled") },
        select: { disabledAt: true, lastError: true },
      }),
    ).toEqual({ disabledAt: at(16), lastError: "DeviceNotRegistered" });
    // Settled receipts are not asked again; the pruned device gets no more pushes.
    await settleReceipts(channels, { now: at(30) });
    expect(expo.receiptRequests()).toHaveLength(2);
    await notify(db, "b", 31);
    await deliverNotifications(db, { now: at(31), channels, settings });
    expect(expo.delivered.map((m) => m.to)).toEqual([
      token("fine"),
      token("uninstalled"),
      token("fine"),
    ]);
  });

  it("asks again after a failing receipts request, and settles a receipt Expo no longer has", async () => {
    const db = await openDatabaseForTest(cleanup);
    const expo = await startFakeExpoPush(cleanup, { receiptStatuses: [503, 429] });
    await staffDevices(db, ["fine"]);
    const channels = [createExpoPushChannel({ db, url: expo.url })];
    await notify(db, "a", 0);
    await deliverNotifications(db, { now: at(0), channels, settings });

    expect(await settleReceipts(channels, { now: at(15) })).toMatchObject({ pending: 1 });
    expect(await settleReceipts(channels, { now: at(16) })).toMatchObject({ pending: 1 });
    expect(await deliveryOf(db, "fine")).toMatchObject({ receiptCheckedAt: null });
    // A day later Expo has dropped it (never published here): settled as unavailable.
    expect(await settleReceipts(channels, { now: at(24 * 60 + 1) })).toMatchObject({
      pending: 0,
    });
    expect(await deliveryOf(db, "fine")).toMatchObject({
      status: "SENT",
      receiptStatus: "unavailable",
    });
    expect(expo.receiptRequests()).toHaveLength(3);
  });
});

describe(`Expo push rate limits and outages (${testDatabaseKind})`, () => {
  it("retries 429 (the SDK's own retries, then the outbox's backoff) and 5xx until Expo takes it", async () => {
    const db = await openDatabaseForTest(cleanup);
    // Three 429s exhaust the SDK's three tries; then a 502, then Expo answers.
    const expo = await startFakeExpoPush(cleanup, { statuses: [429, 429, 429, 502] });
    await staffDevices(db, ["staff"]);
    const channels = [createExpoPushChannel({ db, url: expo.url, retryMinTimeoutMs: 1 })];
    await notify(db, "a", 0);

    expect(await deliverNotifications(db, { now: at(0), channels, settings })).toMatchObject({
      retrying: 1,
    });
    expect(expo.sends()).toHaveLength(3);
    expect(await deliveryOf(db, "staff")).toMatchObject({
      status: "PENDING",
      attempts: 1,
      lastError: "HTTP 429 TOO_MANY_REQUESTS",
      nextAttemptAt: at(1),
    });
    // Not due yet: nothing is sent.
    await deliverNotifications(db, { now: at(0.5), channels, settings });
    expect(expo.sends()).toHaveLength(3);
    expect(await deliverNotifications(db, { now: at(1), channels, settings })).toMatchObject({
      retrying: 1,
    });
    expect(await deliveryOf(db, "staff")).toMatchObject({
      attempts: 2,
      lastError: "HTTP 502 INTERNAL_SERVER_ERROR",
      nextAttemptAt: at(3),
    });
    expect(await deliverNotifications(db, { now: at(3), channels, settings })).toMatchObject({
      sent: 1,
    });
    expect(expo.delivered.map((m) => m.to)).toEqual([token("staff")]);
    expect(await deliveryOf(db, "staff")).toMatchObject({ status: "SENT", attempts: 3 });
  });

  it("sends more than 100 messages in Expo-sized chunks, one ticket each", async () => {
    const db = await openDatabaseForTest(cleanup);
    const expo = await startFakeExpoPush(cleanup);
    const names = Array.from({ length: 130 }, (_, i) => `staff-${String(i).padStart(3, "0")}`);
    await staffDevices(db, names);
    const channels = [createExpoPushChannel({ db, url: expo.url })];
    await notify(db, "a", 0);
    expect(await deliverNotifications(db, { now: at(0), channels, settings })).toMatchObject({
      sent: 130,
    });
    expect(expo.sends().map((r) => JSON.parse(r.body).length)).toEqual([100, 30]);
    // The SDK compresses the large bodies; the fake read them all the same.
    expect(expo.sends()[0]?.headers["content-encoding"]).toBe("gzip");
    expect(
      await db.prisma.notificationDelivery.count({ where: { status: "SENT", ticketId: null } }),
    ).toBe(0);
  });
});
