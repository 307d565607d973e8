import { testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { describe, expect, it } from "vitest";
import { openDatabaseForTest } from "../../testing/test-database";
import { pushTokenUserKeysOf } from "./push-token-owner";
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

describe("pushTokenUserKeysOf", () => {
  it("normalizes the app's user id as identity resolution does: an email with its loose key, or a phone", () => {
    expect(pushTokenUserKeysOf(" J.Doe+app@GoogleMail.com ", "US")).toEqual({
      userKind: "EMAIL",
      userKey: "j.doe+app@googlemail.com",
      userLooseKey: "jdoe@gmail.com",
    });
    expect(pushTokenUserKeysOf("(615) 555-0101", "US")).toEqual({
      userKind: "PHONE",
      userKey: "+16155550101",
      userLooseKey: null,
    });
    for (const nothing of [null, "", "n/a", "noemail@"]) {
      expect(pushTokenUserKeysOf(nothing, "US")).toEqual({
        userKind: null,
        userKey: null,
        userLooseKey: null,
      });
    }
  });
});
