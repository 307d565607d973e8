// The auth sweep over HTTP: every procedure of the router, requested through the real server on
// loopback without a token, with a wrong one and with an under-privileged one, is refused with
// 401 or 403 and no data.
import { openTestDatabase, testDatabaseKind } from "@greenloop/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openCustomerSession } from "../auth/customer-sessions";
import { createLogger } from "../logger";
import { createCapturedMail } from "../mail/testing/captured-mail";
import { testApiEnv, testTokens } from "../trpc/testing/api-test-kit";
import { listProcedures, type ProcedureEntry } from "../trpc/testing/procedure-paths";
import { createApp } from "./app";
import { type RunningServer, startServer } from "./start-server";

// Suite-level resources (one database and server for the whole sweep), closed after all tests.
const closers: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const close of closers.reverse()) await close();
});

async function request(
  server: RunningServer,
  procedure: ProcedureEntry,
  authorization: string | undefined,
): Promise<{ status: number; body: unknown }> {
  const url = `${server.url}/api/trpc/${procedure.path}`;
  const headers: Record<string, string> = authorization ? { authorization } : {};
  const response =
    procedure.type === "query"
      ? await fetch(`${url}?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`, { headers })
      : await fetch(url, {
          method: "POST",
          headers: { ...headers, "content-type": "application/json" },
          body: JSON.stringify({ json: {} }),
        });
  return { status: response.status, body: await response.json() };
}

describe(`every tRPC procedure over HTTP (${testDatabaseKind})`, () => {
  let server: RunningServer;
  let customerToken: string;
  beforeAll(async () => {
    const db = await openTestDatabase();
    closers.push(() => db.close());
    const app = createApp({
      db,
      logger: createLogger({ level: "silent" }),
      env: testApiEnv(),
      mail: createCapturedMail(),
    });
    server = await startServer(app, { port: 0, host: "127.0.0.1" });
    closers.push(() => server.close());
    customerToken = (
      await openCustomerSession(db, { email: "a@example.com", ttlMs: 3_600_000, now: new Date() })
    ).token;
  });

  it("answers 401 without a token or with a wrong one, for every guarded procedure", async () => {
    const guarded = listProcedures().filter((procedure) => procedure.access !== "public");
    expect(guarded.length).toBeGreaterThan(2);
    for (const procedure of guarded) {
      for (const authorization of [
        undefined,
        "Bearer wrong-token-wrong-token-wrong",
        "Bearer glc_x",
      ]) {
        const { status, body } = await request(server, procedure, authorization);
        expect(status, `${procedure.path} with ${authorization}`).toBe(401);
        expect(JSON.stringify(body)).toContain("UNAUTHORIZED");
      }
    }
  });

  it("answers 403 to an under-privileged token, for every guarded procedure", async () => {
    const refusedBy: Record<string, string[]> = {
      customer: [`Bearer ${testTokens.operator}`],
      viewer: [`Bearer ${customerToken}`],
      operator: [`Bearer ${testTokens.viewer}`, `Bearer ${customerToken}`],
    };
    let checked = 0;
    for (const procedure of listProcedures()) {
      for (const authorization of refusedBy[procedure.access ?? ""] ?? []) {
        const { status } = await request(server, procedure, authorization);
        expect(status, `${procedure.path} with a ${procedure.access}-refused token`).toBe(403);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});
