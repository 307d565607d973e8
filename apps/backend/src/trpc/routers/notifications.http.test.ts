// notifications over HTTP, as the app calls them: the real server on loopback, tRPC 11 httpLink
// with superjson, a staff token or a customer's session token.
import { openTestDatabase, testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { openCustomerSession } from "../../auth/customer-sessions";
import { serveApiOnLoopback } from "../../http/testing/loopback-api";
import { createNotifications } from "../../monitoring/notifications/notification-store";
import type { AppRouter } from "../root";
import { testTokens } from "../testing/api-test-kit";

const cleanup = useTestCleanup();

async function serve() {
  const db = await openTestDatabase();
  cleanup.defer(() => db.close());
  return { db, ...(await serveApiOnLoopback(cleanup, { db })) };
}

describe(`notifications over HTTP (${testDatabaseKind})`, () => {
  it("registers the app's push token as a customer (under the session's email) and as staff", async () => {
    const { db, clientWith } = await serve();
    const session = await openCustomerSession(db, {
      email: "dana@example.com",
      ttlMs: 3_600_000,
      now: new Date(),
    });
    const body = {
      token: "ExponentPushToken[dana-phone]",
      deviceOS: "android" as const,
      env: "production",
      storeId: "greenhaus-tn-cookeville",
      optedIn: true,
      userId: "not-dana@example.com",
    };
    expect(await clientWith(session.token).notifications.registerPushToken.mutate(body)).toEqual({
      ok: true,
    });
    expect(
      await clientWith(testTokens.viewer).notifications.registerPushToken.mutate({
        ...body,
        token: "ExponentPushToken[store-ipad]",
        deviceOS: "ios",
        userId: "manager",
      }),
    ).toEqual({ ok: true });
    expect(
      await db.prisma.pushToken.findMany({
        select: { token: true, audience: true, userId: true },
        orderBy: { token: "asc" },
      }),
    ).toEqual([
      { token: "ExponentPushToken[dana-phone]", audience: "CUSTOMER", userId: "dana@example.com" },
      { token: "ExponentPushToken[store-ipad]", audience: "STAFF", userId: "manager" },
    ]);
  });

  it("lists and marks notifications read for staff, refusing {} with 400 and customers with 403", async () => {
    const { db, server, clientWith } = await serve();
    await createNotifications(
      db.prisma,
      [{ kind: "alert.opened", title: "Poll failing", body: "b", dedupeKey: "k1" }],
      new Date(),
    );
    const staff = clientWith(testTokens.viewer);
    const [notification] = (await staff.notifications.list.query()).notifications;
    expect(notification?.campaignId).toBe(`alert.opened:${notification?.id}`);
    expect(notification?.createdAt).toBeInstanceOf(Date);

    const refused = await fetch(`${server.url}/api/trpc/notifications.markRead`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${testTokens.viewer}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({ json: {} }),
    });
    expect(refused.status).toBe(400);
    expect(await staff.notifications.markRead.mutate({ ids: [notification?.id ?? ""] })).toEqual({
      marked: 1,
    });
    expect((await staff.notifications.list.query({ unreadOnly: true })).notifications).toEqual([]);

    const session = await openCustomerSession(db, {
      email: "dana@example.com",
      ttlMs: 3_600_000,
      now: new Date(),
    });
    const failure = await clientWith(session.token)
      .notifications.list.query()
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(TRPCClientError);
    expect((failure as TRPCClientError<AppRouter>).data?.httpStatus).toBe(403);
  });
});
