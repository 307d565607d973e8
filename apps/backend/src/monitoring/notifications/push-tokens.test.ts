import { testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { describe, expect, it } from "vitest";
import { openDatabaseForTest } from "../../testing/test-database";
import { isExpoPushToken, registerPushToken } from "./push-tokens";

const cleanup = useTestCleanup();

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
