// Delivery through both channels against local fakes of their HTTP APIs over loopback: the signed
// webhook and Expo's push API, with retries, backoff, giving up, and Expo's per-message errors.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Database } from "@greenloop/db";
import { testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { describe, expect, it } from "vitest";
import { openDatabaseForTest } from "../../testing/test-database";
import { deliverNotifications, retryDelayMs } from "./deliver-notifications";
import { createExpoPushChannel } from "./expo-push-channel";
import { createNotifications } from "./notification-store";
import { registerPushToken } from "./push-tokens";
import { startFakeExpoPush } from "./testing/fake-expo-push";
import { startFakeWebhookReceiver, verifySignature } from "./testing/fake-webhook-receiver";
import { registerDevice } from "./testing/test-devices";
import { createWebhookChannel } from "./webhook-channel";

const cleanup = useTestCleanup();
const MINUTE = 60_000;
const t0 = new Date("2026-03-02T15:00:00.000Z").getTime();
const at = (minutes: number) => new Date(t0 + minutes * MINUTE);

async function notify(db: Pick<Database, "prisma">, key: string, minute = 0) {
  await createNotifications(
    db.prisma,
    [
      {
        kind: "alert.opened",
        title: `Alert ${key}`,
        body: `Body of ${key}`,
        data: { alertKind: "MISSING_ECOM_ORDER", subjectKey: key },
        dedupeKey: `test:${key}`,
      },
    ],
    at(minute),
  );
}

async function deliveries(db: Pick<Database, "prisma">) {
  return db.prisma.notificationDelivery.findMany({
    select: {
      channel: true,
      target: true,
      status: true,
      attempts: true,
      nextAttemptAt: true,
      lastError: true,
    },
    orderBy: [{ channel: "asc" }, { target: "asc" }],
  });
}

const token = (name: string) => `ExponentPushToken[${name}]`;

describe(`deliverNotifications: webhook (${testDatabaseKind})`, () => {
  it("POSTs each notification once, signed with HMAC-SHA256 over the raw body", async () => {
    const db = await openDatabaseForTest(cleanup);
    const receiver = await startFakeWebhookReceiver(cleanup, { secret: "whsec" });
    const channels = [createWebhookChannel({ url: receiver.url, secret: "whsec" })];
    await notify(db, "a");
    await notify(db, "b");
    const result = await deliverNotifications(db, {
      now: at(0),
      channels,
      settings: { maxAttempts: 3 },
    });
    expect(result).toEqual({ dispatched: 2, sent: 2, retrying: 0, failed: 0 });
    await deliverNotifications(db, { now: at(5), channels, settings: { maxAttempts: 3 } });
    expect(receiver.requests).toHaveLength(2);
    const [first] = receiver.requests;
    expect(first?.headers["content-type"]).toBe("application/json");
    expect(first?.headers["x-greenloop-event"]).toBe("alert.opened");
    expect(
      verifySignature("whsec", first?.body ?? "", String(first?.headers["x-greenloop-signature"])),
    ).toBe(true);
    expect(
      verifySignature("other", first?.body ?? "", String(first?.headers["x-greenloop-signature"])),
    ).toBe(false);
    expect(
      receiver
        .accepted()
        .map((body) => body.title)
        .sort(),
    ).toEqual(["Alert a", "Alert b"]);
    const sent = JSON.parse(first?.body ?? "{}");
    expect(sent).toMatchObject({
      kind: "alert.opened",
      body: `Body of ${sent.data.subjectKey}`,
      createdAt: at(0).toISOString(),
      deliveryId: first?.headers["x-greenloop-delivery"],
    });
  });

  it("retries a failing receiver with exponential backoff, then succeeds with the same delivery id", async () => {
    const db = await openDatabaseForTest(cleanup);
    const receiver = await startFakeWebhookReceiver(cleanup, { secret: "s", statuses: [503, 500] });
    const channels = [createWebhookChannel({ url: receiver.url, secret: "s" })];
    const settings = { maxAttempts: 5 };
    await notify(db, "a");
    const deliver = (minute: number) =>
      deliverNotifications(db, { now: at(minute), channels, settings });

    expect(await deliver(0)).toMatchObject({ sent: 0, retrying: 1 });
    expect((await deliveries(db))[0]).toMatchObject({
      attempts: 1,
      nextAttemptAt: at(1),
      lastError: "HTTP 503",
    });
    await deliver(0.5); // not due yet
    expect(receiver.requests).toHaveLength(1);
    expect(await deliver(1)).toMatchObject({ retrying: 1 });
    expect((await deliveries(db))[0]).toMatchObject({ attempts: 2, nextAttemptAt: at(3) });
    expect(await deliver(3)).toMatchObject({ sent: 1 });
    expect((await deliveries(db))[0]).toMatchObject({
      status: "SENT",
      attempts: 3,
      lastError: null,
    });
    const ids = new Set(receiver.requests.map((r) => r.headers["x-greenloop-delivery"]));
    expect(ids.size).toBe(1);
    await deliver(60);
    expect(receiver.requests).toHaveLength(3);
  });

  it("stops after maxAttempts", async () => {
    const db = await openDatabaseForTest(cleanup);
    const down = await startFakeWebhookReceiver(cleanup, {
      secret: "s",
      statuses: Array(10).fill(502),
    });
    await notify(db, "a");
    const channels = [createWebhookChannel({ url: down.url, secret: "s" })];
    for (const minute of [0, 1, 3, 7, 15, 31, 63, 127]) {
      await deliverNotifications(db, { now: at(minute), channels, settings: { maxAttempts: 3 } });
    }
    expect(down.requests).toHaveLength(3);
    expect(await deliveries(db)).toMatchObject([
      { status: "FAILED", attempts: 3, lastError: "HTTP 502" },
    ]);
  });

  it("gives up at once on a refusal that retrying cannot fix", async () => {
    const db = await openDatabaseForTest(cleanup);
    const gone = await startFakeWebhookReceiver(cleanup, { secret: "s", statuses: [410] });
    await notify(db, "a");
    const channels = [createWebhookChannel({ url: gone.url, secret: "s" })];
    expect(
      await deliverNotifications(db, { now: at(0), channels, settings: { maxAttempts: 3 } }),
    ).toMatchObject({ failed: 1 });
    await deliverNotifications(db, { now: at(60), channels, settings: { maxAttempts: 3 } });
    expect(gone.requests).toHaveLength(1);
    expect(await deliveries(db)).toMatchObject([
      { status: "FAILED", attempts: 1, lastError: "HTTP 410" },
    ]);
  });

  it("treats an unreachable receiver as worth retrying", async () => {
    const db = await openDatabaseForTest(cleanup);
    await notify(db, "a");
    // A port nothing listens on: a server's, once it has closed.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const channels = [
      createWebhookChannel({ url: `http://127.0.0.1:${port}/`, secret: "s", timeoutMs: 2_000 }),
    ];
    expect(
      await deliverNotifications(db, { now: at(0), channels, settings: { maxAttempts: 3 } }),
    ).toMatchObject({
      retrying: 1,
    });
    expect((await deliveries(db))[0]?.lastError).toBe("ECONNREFUSED");
  });
});

describe(`deliverNotifications: Expo push (${testDatabaseKind})`, () => {
  it("pushes to opted-in staff devices only, in Expo's format, with the access token", async () => {
    const db = await openDatabaseForTest(cleanup);
    const expo = await startFakeExpoPush(cleanup);
    for (const [name, audience, optedIn] of [
      ["staff-1", "STAFF", true],
      ["staff-2", "STAFF", true],
      ["staff-off", "STAFF", false],
      ["customer", "CUSTOMER", true],
    ] as const) {
      await registerPushToken(db, {
        token: token(name),
        deviceOS: "ios",
        env: "prod",
        storeId: "greenhaus-tn-crossville",
        optedIn,
        userId: `${name}@example.com`,
        audience,
      });
    }
    await notify(db, "a");
    const channels = [createExpoPushChannel({ db, url: expo.url, accessToken: "expo-secret" })];
    expect(
      await deliverNotifications(db, { now: at(0), channels, settings: { maxAttempts: 3 } }),
    ).toEqual({
      dispatched: 1,
      sent: 2,
      retrying: 0,
      failed: 0,
    });
    expect(expo.requests).toHaveLength(1);
    expect(expo.requests[0]?.headers.authorization).toBe("Bearer expo-secret");
    const notificationId = (await db.prisma.notification.findFirstOrThrow({ select: { id: true } }))
      .id;
    expect(JSON.parse(expo.requests[0]?.body ?? "[]")).toEqual(
      ["staff-1", "staff-2"].map((name) => ({
        to: token(name),
        title: "Alert a",
        body: "Body of a",
        data: {
          notificationId,
          kind: "alert.opened",
          campaignId: `alert.opened:${notificationId}`,
        },
        sound: "default",
        channelId: "default",
      })),
    );
  });

  it("disables a DeviceNotRegistered token, retries MessageRateExceeded, and sends no token header when unset", async () => {
    const db = await openDatabaseForTest(cleanup);
    const expo = await startFakeExpoPush(cleanup, {
      unregistered: [token("uninstalled")],
      rateLimited: { [token("busy")]: 1 },
    });
    for (const name of ["uninstalled", "busy", "fine"]) {
      await registerDevice(db, name, { audience: "STAFF" });
    }
    const channels = [createExpoPushChannel({ db, url: expo.url })];
    const settings = { maxAttempts: 3 };
    await notify(db, "a");
    expect(await deliverNotifications(db, { now: at(0), channels, settings })).toMatchObject({
      sent: 1,
      retrying: 1,
      failed: 1,
    });
    expect(expo.requests[0]?.headers.authorization).toBeUndefined();
    expect(await deliveries(db)).toMatchObject([
      {
        target: token("busy"),
        status: "PENDING",
        attempts: 1,
        lastError: expect.stringMatching(/^MessageRateExceeded/),
      },
      { target: token("fine"), status: "SENT" },
      {
        target: token("uninstalled"),
        status: "FAILED",
        lastError: expect.stringMatching(/^DeviceNotRegistered/),
      },
    ]);
    expect(
      await db.prisma.pushToken.findUniqueOrThrow({
        where: { token: token("uninstalled") },
        select: { disabledAt: true },
      }),
    ).toEqual({ disabledAt: at(0) });

    expect(await deliverNotifications(db, { now: at(1), channels, settings })).toMatchObject({
      sent: 1,
    });
    // A later notification no longer goes to the uninstalled app; registering again re-enables it.
    await notify(db, "b", 2);
    await deliverNotifications(db, { now: at(2), channels, settings });
    expect(expo.requests.at(-1)?.body).not.toContain("uninstalled");
    await registerPushToken(db, {
      token: token("uninstalled"),
      deviceOS: "android",
      env: "prod",
      optedIn: true,
    });
    expect(
      await db.prisma.pushToken.findUniqueOrThrow({
        where: { token: token("uninstalled") },
        select: { disabledAt: true, audience: true },
      }),
    ).toEqual({ disabledAt: null, audience: "STAFF" });
  });

  it("retries the whole batch when Expo is down, and gives up on a request it refuses", async () => {
    const db = await openDatabaseForTest(cleanup);
    const expo = await startFakeExpoPush(cleanup, { statuses: [503] });
    await registerDevice(db, "staff", { audience: "STAFF" });
    await notify(db, "a");
    const channels = [createExpoPushChannel({ db, url: expo.url })];
    expect(
      await deliverNotifications(db, { now: at(0), channels, settings: { maxAttempts: 3 } }),
    ).toMatchObject({
      retrying: 1,
    });
    expect((await deliveries(db))[0]?.lastError).toBe("HTTP 503 INTERNAL_SERVER_ERROR");
    expect(
      await deliverNotifications(db, { now: at(1), channels, settings: { maxAttempts: 3 } }),
    ).toMatchObject({
      sent: 1,
    });
    expect(expo.delivered.map((m) => m.to)).toEqual([token("staff")]);

    const refusing = await startFakeExpoPush(cleanup, { statuses: [400] });
    await notify(db, "b", 2);
    const refused = await deliverNotifications(db, {
      now: at(2),
      channels: [createExpoPushChannel({ db, url: refusing.url })],
      settings: { maxAttempts: 3 },
    });
    expect(refused).toMatchObject({ failed: 1, retrying: 0 });
  });
});

describe("retryDelayMs", () => {
  it("doubles from a minute, capped at an hour", () => {
    const settings = { maxAttempts: 10 };
    expect([1, 2, 3, 4, 7, 8].map((n) => retryDelayMs(n, settings) / MINUTE)).toEqual([
      1, 2, 4, 8, 60, 60,
    ]);
  });
});
