import { testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { describe, expect, it } from "vitest";
import { openDatabaseForTest } from "../../testing/test-database";
import { listNotifications, markNotificationsRead } from "./list-notifications";
import { isExpoPushToken, registerPushToken } from "./push-tokens";
import { at, seedNotifications } from "./testing/seeded-notifications";

const cleanup = useTestCleanup();

describe(`listNotifications / markNotificationsRead (${testDatabaseKind})`, () => {
  it("pages newest first with the unread count, and marks some or all read", async () => {
    const db = await openDatabaseForTest(cleanup);
    await seedNotifications(db, 5);
    const first = await listNotifications(db, { limit: 2 });
    expect(first.notifications.map((n) => n.title)).toEqual(["N4", "N3"]);
    expect(first.unread).toBe(5);
    const second = await listNotifications(db, { limit: 2, after: first.nextCursor ?? "" });
    expect(second.notifications.map((n) => n.title)).toEqual(["N2", "N1"]);
    const last = await listNotifications(db, { limit: 2, after: second.nextCursor ?? "" });
    expect(last.notifications.map((n) => n.title)).toEqual(["N0"]);
    expect(last.nextCursor).toBeNull();

    const ids = first.notifications.map((n) => n.id);
    expect(await markNotificationsRead(db, { ids, now: at(10) })).toEqual({ marked: 2 });
    expect(await markNotificationsRead(db, { ids, now: at(11) })).toEqual({ marked: 0 });
    const unread = await listNotifications(db, { unreadOnly: true });
    expect(unread.notifications.map((n) => n.title)).toEqual(["N2", "N1", "N0"]);
    expect(unread.unread).toBe(3);
    expect((await listNotifications(db, { limit: 1 })).notifications[0]?.readAt).toEqual(at(10));
    expect(await markNotificationsRead(db, { all: true, now: at(12) })).toEqual({ marked: 3 });
    expect((await listNotifications(db)).unread).toBe(0);
  });

  it("refuses a bad limit, cursor or id", async () => {
    const db = await openDatabaseForTest(cleanup);
    await expect(listNotifications(db, { limit: 0 })).rejects.toThrow(/limit must be/);
    await expect(listNotifications(db, { after: "x" })).rejects.toThrow(/after must be/);
    await expect(markNotificationsRead(db, { ids: ["nope"], now: at(0) })).rejects.toThrow(
      /not a notification id: nope/,
    );
  });
});

describe(`registerPushToken (${testDatabaseKind})`, () => {
  it("stores the app's registration, as a customer device unless told otherwise", async () => {
    const db = await openDatabaseForTest(cleanup);
    await registerPushToken(db, {
      token: "ExponentPushToken[abc123]",
      deviceOS: "ios",
      env: "prod",
      storeId: "greenhaus-tn-cookeville",
      optedIn: true,
      userId: "dana@example.com",
    });
    expect(
      await db.prisma.pushToken.findUniqueOrThrow({
        where: { token: "ExponentPushToken[abc123]" },
        select: {
          deviceOS: true,
          env: true,
          storeId: true,
          optedIn: true,
          userId: true,
          audience: true,
        },
      }),
    ).toEqual({
      deviceOS: "ios",
      env: "prod",
      storeId: "greenhaus-tn-cookeville",
      optedIn: true,
      userId: "dana@example.com",
      audience: "CUSTOMER",
    });
    await expect(
      registerPushToken(db, { token: "not-a-token", deviceOS: "ios", env: "prod", optedIn: true }),
    ).rejects.toThrow(/Expo push token/);
    expect(isExpoPushToken("ExpoPushToken[xyz]")).toBe(true);
  });
});
