import { testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { describe, expect, it } from "vitest";
import { openDatabaseForTest } from "../../testing/test-database";
import { listNotifications, markNotificationsRead } from "./list-notifications";
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
