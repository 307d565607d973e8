// The API from the outside: a client typed only by the backend's exported types calls the real
// server, as the GreenLoop app and the dashboard do (staff token, and a customer's session from an
// emailed code).
import { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiClient } from "./create-api-client";
import type { RouterOutputs } from "./index";
import { backendTokens, type RunningBackend, startBackend } from "./testing/start-backend";

let backend: RunningBackend;
beforeAll(async () => {
  backend = await startBackend();
});
afterAll(async () => {
  await backend?.stop();
});

describe("createApiClient against the running backend", () => {
  it("reads the store's status with a staff token", async () => {
    const client = createApiClient({ baseUrl: backend.url, token: backendTokens.viewer });
    const status: RouterOutputs["system"]["status"] = await client.system.status.query();
    expect(status.database.migrations.upToDate).toBe(true);
    expect(status.serverTime).toBeInstanceOf(Date);
    expect(await client.auth.whoami.query()).toEqual({
      kind: "staff",
      name: "dash",
      role: "viewer",
    });
    // Store views and lists take their defaults when called without input.
    const summary = await client.analytics.summary.query();
    expect(summary.orderCount).toBe(0);
    expect((await client.sync.alerts.query()).alerts).toEqual([]);
    expect((await client.customers.list.query()).items).toEqual([]);
  });

  it("is refused without a token, with the code the app acts on", async () => {
    const client = createApiClient({ baseUrl: backend.url });
    const error = await client.system.status.query().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as TRPCClientError<never>).data).toMatchObject({
      code: "UNAUTHORIZED",
      httpStatus: 401,
    });
  });

  it("signs a customer in with the code mailed to them", async () => {
    let session: string | undefined;
    const client = createApiClient({ baseUrl: backend.url, token: () => session });
    const sent = await client.auth.requestCode.mutate({ email: "Ana@Example.com" });
    expect(sent.expiresAt).toBeInstanceOf(Date);
    const mail = backend.lastMailTo("ana@example.com");
    const code = /\b(\d{6})\b/.exec(mail ?? "")?.[1];
    expect(code).toMatch(/^\d{6}$/);
    const signedIn = await client.auth.verifyCode.mutate({
      email: "ana@example.com",
      code: code ?? "",
    });
    session = signedIn.token;
    expect(await client.auth.whoami.query()).toEqual({
      kind: "customer",
      email: "ana@example.com",
    });
    // A customer's session is not a staff token.
    const refused = await client.system.status.query().catch((caught: unknown) => caught);
    expect((refused as TRPCClientError<never>).data).toMatchObject({ code: "FORBIDDEN" });
  });
});
