// The one-time-code session flow end to end through the router: the code arrives by mail (a
// captured transport), opens a session once, expires, and is rate-limited.
import { openTestDatabase, testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { describe, expect, it } from "vitest";
import { createCapturedMail } from "../mail/testing/captured-mail";
import { testApi, testApiEnv, trpcErrorCode } from "../trpc/testing/api-test-kit";
import { maxCodeAttempts } from "./login-codes";
import { mailedCode } from "./testing/mailed-code";

const cleanup = useTestCleanup();

async function setup() {
  const db = await openTestDatabase();
  cleanup.defer(() => db.close());
  let now = new Date("2026-11-24T12:00:00Z");
  const clock = {
    now: () => now,
    advance(ms: number) {
      now = new Date(now.getTime() + ms);
    },
  };
  const mail = createCapturedMail();
  const env = testApiEnv({ LOGIN_CODE_TTL: "10m", LOGIN_CODES_PER_HOUR: "3" });
  const anonymous = await testApi(db, { authorization: undefined }, { env, mail, now: clock.now });
  const codeIn = (email: string) => mailedCode(mail, email);
  const as = (token: string) =>
    testApi(db, { authorization: `Bearer ${token}` }, { env, mail, now: clock.now });
  return { db, clock, mail, env, anonymous: anonymous.caller, codeIn, as };
}

describe(`sign-in with an emailed one-time code (${testDatabaseKind})`, () => {
  it("mails a code that opens a session for that email", async () => {
    const { anonymous, codeIn, as, mail } = await setup();
    const sent = await anonymous.auth.requestCode({ email: "  Ana@Example.com " });
    expect(sent.sent).toBe(true);
    expect(mail.messages).toHaveLength(1);
    expect(mail.messages[0]?.to).toBe("ana@example.com");

    const session = await anonymous.auth.verifyCode({
      email: "ana@example.com",
      code: codeIn("ana@example.com"),
    });
    expect(session.token).toMatch(/^glc_/);
    expect(session.email).toBe("ana@example.com");
    const { caller } = await as(session.token);
    expect(await caller.auth.whoami()).toEqual({ kind: "customer", email: "ana@example.com" });
  });

  it("accepts a code once only", async () => {
    const { anonymous, codeIn } = await setup();
    await anonymous.auth.requestCode({ email: "ana@example.com" });
    const code = codeIn("ana@example.com");
    await anonymous.auth.verifyCode({ email: "ana@example.com", code });
    expect(await trpcErrorCode(anonymous.auth.verifyCode({ email: "ana@example.com", code }))).toBe(
      "UNAUTHORIZED",
    );
  });

  it("refuses a code after it expired", async () => {
    const { anonymous, codeIn, clock } = await setup();
    await anonymous.auth.requestCode({ email: "ana@example.com" });
    const code = codeIn("ana@example.com");
    clock.advance(10 * 60_000 + 1);
    expect(await trpcErrorCode(anonymous.auth.verifyCode({ email: "ana@example.com", code }))).toBe(
      "UNAUTHORIZED",
    );
  });

  it("refuses another email's code, and only the latest code of an email works", async () => {
    const { anonymous, codeIn } = await setup();
    await anonymous.auth.requestCode({ email: "ana@example.com" });
    const first = codeIn("ana@example.com");
    await anonymous.auth.requestCode({ email: "bo@example.com" });
    expect(
      await trpcErrorCode(anonymous.auth.verifyCode({ email: "bo@example.com", code: first })),
    ).toBe(first === codeIn("bo@example.com") ? undefined : "UNAUTHORIZED");
    await anonymous.auth.requestCode({ email: "ana@example.com" });
    const second = codeIn("ana@example.com");
    if (first !== second) {
      expect(
        await trpcErrorCode(anonymous.auth.verifyCode({ email: "ana@example.com", code: first })),
      ).toBe("UNAUTHORIZED");
    }
    await anonymous.auth.verifyCode({ email: "ana@example.com", code: second });
  });

  it("kills a code after five wrong guesses, even for the right code afterwards", async () => {
    const { anonymous, codeIn } = await setup();
    await anonymous.auth.requestCode({ email: "ana@example.com" });
    const code = codeIn("ana@example.com");
    const wrong = code === "000000" ? "111111" : "000000";
    for (let attempt = 0; attempt < maxCodeAttempts; attempt++) {
      expect(
        await trpcErrorCode(anonymous.auth.verifyCode({ email: "ana@example.com", code: wrong })),
      ).toBe("UNAUTHORIZED");
    }
    expect(await trpcErrorCode(anonymous.auth.verifyCode({ email: "ana@example.com", code }))).toBe(
      "TOO_MANY_REQUESTS",
    );
  });

  it("limits the codes one email may request per hour", async () => {
    const { anonymous, clock, mail } = await setup();
    for (let request = 0; request < 3; request++) {
      await anonymous.auth.requestCode({ email: "ana@example.com" });
    }
    expect(await trpcErrorCode(anonymous.auth.requestCode({ email: "ana@example.com" }))).toBe(
      "TOO_MANY_REQUESTS",
    );
    expect(mail.messages).toHaveLength(3);
    // Another email is not held up, and an hour later this one may ask again.
    await anonymous.auth.requestCode({ email: "bo@example.com" });
    clock.advance(60 * 60_000 + 1);
    await anonymous.auth.requestCode({ email: "ana@example.com" });
    expect(mail.messages).toHaveLength(5);
  });

  it("ends the session at sign-out and when it expires", async () => {
    const { anonymous, codeIn, as, clock, env } = await setup();
    await anonymous.auth.requestCode({ email: "ana@example.com" });
    const first = await anonymous.auth.verifyCode({
      email: "ana@example.com",
      code: codeIn("ana@example.com"),
    });
    const { caller } = await as(first.token);
    await caller.auth.signOut();
    expect(await trpcErrorCode(caller.auth.whoami())).toBe("UNAUTHORIZED");

    await anonymous.auth.requestCode({ email: "ana@example.com" });
    const second = await anonymous.auth.verifyCode({
      email: "ana@example.com",
      code: codeIn("ana@example.com"),
    });
    expect(second.expiresAt.getTime() - clock.now().getTime()).toBe(env.api.customerSessionTtlMs);
    const { caller: later } = await as(second.token);
    await later.auth.whoami();
    clock.advance(env.api.customerSessionTtlMs);
    expect(await trpcErrorCode(later.auth.whoami())).toBe("UNAUTHORIZED");
  });

  it("refuses what is not an email", async () => {
    const { anonymous, mail } = await setup();
    expect(await trpcErrorCode(anonymous.auth.requestCode({ email: "not an email" }))).toBe(
      "BAD_REQUEST",
    );
    expect(mail.messages).toHaveLength(0);
  });
});
