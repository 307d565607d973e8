// The notifications router through createCaller on a real database: the store's list with its
// campaign ids, marking read, and push tokens registered by staff and by customers.
import type { Database } from "@greenloop/db";
import { testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { describe, expect, it } from "vitest";
import { at, seedNotifications } from "../../monitoring/notifications/testing/seeded-notifications";
import { openDatabaseForTest } from "../../testing/test-database";
import { testApi } from "../testing/api-test-kit";

const cleanup = useTestCleanup();

/** Seeded notifications about an order each, as the VIP-order rule writes them. */
const seed = (db: Pick<Database, "prisma">, count: number) =>
  seedNotifications(db, count, (i) => ({ orderKey: `retail:s${i}` }));

/** The body the GreenLoop app posts when it registers its Expo token. */
const appBody = (token: string) => ({
  token,
  deviceOS: "ios" as const,
  env: "production",
  storeId: "greenhaus-tn-cookeville",
  optedIn: true,
  userId: "someone-else@example.com",
});

async function pushToken(db: Pick<Database, "prisma">, token: string) {
  return db.prisma.pushToken.findUniqueOrThrow({
    where: { token },
    select: { audience: true, userId: true, deviceOS: true, storeId: true, optedIn: true },
  });
}

describe(`notifications router (${testDatabaseKind})`, () => {
  it("lists the store's notifications newest first, each with its campaign id, paged and filtered", async () => {
    const db = await openDatabaseForTest(cleanup);
    await seed(db, 3);
    const { caller } = await testApi(db, "viewer");
    const first = await caller.notifications.list({ limit: 2 });
    expect(first.unread).toBe(3);
    expect(first.notifications.map((n) => n.title)).toEqual(["N2", "N1"]);
    for (const n of first.notifications) {
      expect(n.campaignId).toBe(`customer.vip_order:${n.id}`);
      expect(n.data).toEqual({ orderKey: expect.any(String), campaignId: n.campaignId });
    }
    const rest = await caller.notifications.list({ limit: 2, cursor: first.nextCursor ?? "" });
    expect(rest.notifications.map((n) => n.title)).toEqual(["N0"]);
    expect(rest.nextCursor).toBeNull();

    await caller.notifications.markRead({ ids: [first.notifications[0]?.id ?? ""] });
    const unread = await caller.notifications.list({ unreadOnly: true });
    expect(unread.notifications.map((n) => n.title)).toEqual(["N1", "N0"]);
    expect((await caller.notifications.list()).unread).toBe(2);
  });

  it("marks given ids or all read, and refuses {} , both at once, or more than 100 ids", async () => {
    const db = await openDatabaseForTest(cleanup);
    await seed(db, 3);
    const { caller } = await testApi(db, "viewer", { now: () => at(30) });
    const ids = (await caller.notifications.list()).notifications.map((n) => n.id);
    expect(await caller.notifications.markRead({ ids: ids.slice(0, 1) })).toEqual({ marked: 1 });
    expect(await caller.notifications.markRead({ ids: ids.slice(0, 1) })).toEqual({ marked: 0 });

    // @ts-expect-error: neither ids nor all, which is the point
    await expect(caller.notifications.markRead({})).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      caller.notifications.markRead({ ids: ids.slice(0, 1), all: true }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.notifications.markRead({ ids: [] })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    const many = Array.from({ length: 101 }, () => crypto.randomUUID());
    await expect(caller.notifications.markRead({ ids: many })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    expect((await caller.notifications.list()).unread).toBe(2);

    expect(await caller.notifications.markRead({ all: true })).toEqual({ marked: 2 });
    const list = await caller.notifications.list();
    expect(list.unread).toBe(0);
    expect(list.notifications.every((n) => n.readAt?.getTime() === at(30).getTime())).toBe(true);
  });

  it("registers a customer's device under the session's email, whatever userId the body names", async () => {
    const db = await openDatabaseForTest(cleanup);
    const { caller } = await testApi(db, { customerEmail: "dana@example.com" });
    const token = "ExponentPushToken[customer-device]";
    expect(await caller.notifications.registerPushToken(appBody(token))).toEqual({ ok: true });
    expect(await pushToken(db, token)).toEqual({
      audience: "CUSTOMER",
      userId: "dana@example.com",
      deviceOS: "ios",
      storeId: "greenhaus-tn-cookeville",
      optedIn: true,
    });
    // Normalized as identity resolution does: how the customer's pushes find the device.
    expect(
      await db.prisma.pushToken.findUniqueOrThrow({
        where: { token },
        select: { userKind: true, userKey: true, userLooseKey: true },
      }),
    ).toEqual({ userKind: "EMAIL", userKey: "dana@example.com", userLooseKey: "dana@example.com" });
    const { userId: _ignored, ...withoutUserId } = appBody(token);
    await caller.notifications.registerPushToken({ ...withoutUserId, optedIn: false });
    expect(await pushToken(db, token)).toMatchObject({
      audience: "CUSTOMER",
      userId: "dana@example.com",
      optedIn: false,
    });
  });

  it("registers a staff device for the store's notifications, and a customer taking it over moves it", async () => {
    const db = await openDatabaseForTest(cleanup);
    const staff = await testApi(db, "viewer");
    const token = "ExponentPushToken[shared-tablet]";
    expect(
      await staff.caller.notifications.registerPushToken({
        ...appBody(token),
        deviceOS: "android",
        userId: "manager@greenhaus.example",
      }),
    ).toEqual({ ok: true });
    expect(await pushToken(db, token)).toMatchObject({
      audience: "STAFF",
      userId: "manager@greenhaus.example",
      deviceOS: "android",
    });

    const customer = await testApi(db, { customerEmail: "sam@example.com" });
    await customer.caller.notifications.registerPushToken(appBody(token));
    expect(await pushToken(db, token)).toMatchObject({
      audience: "CUSTOMER",
      userId: "sam@example.com",
    });
  });

  it("refuses a token that is not an Expo push token, and an unknown deviceOS", async () => {
    const db = await openDatabaseForTest(cleanup);
    const { caller } = await testApi(db, "operator");
    await expect(
      caller.notifications.registerPushToken(appBody("not-a-token")),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    // Not a deviceOS the app sends, which is the point.
    const web = { ...appBody("ExponentPushToken[x]"), deviceOS: "web" } as unknown as ReturnType<
      typeof appBody
    >;
    await expect(caller.notifications.registerPushToken(web)).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    expect(await db.prisma.pushToken.count()).toBe(0);
  });
});
