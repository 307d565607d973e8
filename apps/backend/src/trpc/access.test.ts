// The auth sweep through createCaller: every procedure of the router, called with no token, a
// wrong one, an expired session and an under-privileged one, refuses; the right caller is let
// through the access check.
import { openTestDatabase, testDatabaseKind } from "@greenloop/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Access } from "../auth/access";
import { openCustomerSession } from "../auth/customer-sessions";
import { type TestIdentity, testApi, trpcErrorCode } from "./testing/api-test-kit";
import { callPath, listProcedures } from "./testing/procedure-paths";

// Suite-level resources (one database and server for the whole sweep), closed after all tests.
const closers: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const close of closers.reverse()) await close();
});
const procedures = listProcedures();
const guarded = procedures.filter((procedure) => procedure.access !== "public");

/** Identities that must be refused by each access level, with the code expected. */
const underPrivileged: Record<Exclude<Access, "public">, TestIdentity[]> = {
  signedIn: [],
  customer: ["viewer", "operator"],
  viewer: [{ customerEmail: "someone@example.com" }],
  operator: ["viewer", { customerEmail: "someone@example.com" }],
};

/** One identity that the access level admits. */
const admitted: Record<Exclude<Access, "public">, TestIdentity> = {
  signedIn: "viewer",
  customer: { customerEmail: "someone@example.com" },
  viewer: "viewer",
  operator: "operator",
};

describe(`the access middleware (${testDatabaseKind})`, () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    db = await openTestDatabase();
    closers.push(() => db.close());
  });

  it("is declared by every procedure, each with an output schema, and only sign-in is public", () => {
    expect(procedures.length).toBeGreaterThan(4);
    for (const procedure of procedures) {
      expect(procedure.access, procedure.path).toBeDefined();
      expect(procedure.hasOutputSchema, `${procedure.path} has no .output()`).toBe(true);
    }
    expect(procedures.filter((p) => p.access === "public").map((p) => p.path)).toEqual([
      "auth.requestCode",
      "auth.verifyCode",
    ]);
  });

  it("refuses every procedure without a token, with a wrong one, and with a malformed header", async () => {
    const anonymous = await testApi(db, { authorization: undefined });
    const wrong = await testApi(db, { authorization: "Bearer not-a-configured-token-at-all-0000" });
    const wrongSession = await testApi(db, { authorization: "Bearer glc_forged" });
    const malformed = await testApi(db, { authorization: "Basic dmlld2VyOnB3" });
    for (const { path } of guarded) {
      for (const api of [anonymous, wrong, wrongSession, malformed]) {
        const code = await trpcErrorCode(callPath(api.caller, path, {}));
        expect(code, `${path} with ${api.context.authorization}`).toBe("UNAUTHORIZED");
      }
    }
  });

  it("refuses every procedure with an expired or signed-out session", async () => {
    const longAgo = new Date(Date.now() - 2 * 86_400_000);
    const expired = await openCustomerSession(db, {
      email: "expired@example.com",
      ttlMs: 60_000,
      now: longAgo,
    });
    const api = await testApi(db, { authorization: `Bearer ${expired.token}` });
    for (const { path } of guarded) {
      expect(await trpcErrorCode(callPath(api.caller, path, {})), path).toBe("UNAUTHORIZED");
    }
  });

  it("refuses every procedure to an under-privileged caller", async () => {
    let checked = 0;
    for (const { path, access } of guarded) {
      for (const who of underPrivileged[access as Exclude<Access, "public">]) {
        const { caller } = await testApi(db, who);
        const code = await trpcErrorCode(callPath(caller, path, {}));
        expect(code, `${path} as ${JSON.stringify(who)}`).toBe("FORBIDDEN");
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it("lets the right caller past the access check on every procedure", async () => {
    for (const { path, access } of guarded) {
      const { caller } = await testApi(db, admitted[access as Exclude<Access, "public">]);
      // Inputs are empty, so a procedure may refuse them (BAD_REQUEST) or find nothing: but never
      // for want of access.
      const code = await trpcErrorCode(callPath(caller, path, {}));
      expect(["UNAUTHORIZED", "FORBIDDEN"], path).not.toContain(code);
    }
  });
});
