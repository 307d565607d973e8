import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
  openClusterDatabase,
  openTestDatabase,
  postgresBinDir,
  type TestDatabase,
  testDatabaseKind,
  useTestCleanup,
} from "@greenloop/db/testing";
import { DomainError } from "@greenloop/order-sync/errors";
import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { createLogger } from "../logger";
import type { AppRouter } from "../trpc/root";
import { testApiEnv, testTokens } from "../trpc/testing/api-test-kit";
import { createApp } from "./app";
import { serveApiOnLoopback } from "./testing/loopback-api";

const silent = createLogger({ level: "silent" });
const cleanup = useTestCleanup();

async function testDb(options?: { migrate?: boolean }): Promise<TestDatabase> {
  const db = await openTestDatabase(options);
  cleanup.defer(() => db.close());
  return db;
}

describe(`GET /health (${testDatabaseKind})`, () => {
  it("answers 200 with the database kind and migration state", async () => {
    const db = await testDb();
    const response = await createApp({ db, logger: silent }).request("/health");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: "ok",
      database: {
        kind: testDatabaseKind,
        reachable: true,
        migrations: { upToDate: true, applied: expect.any(Number), pending: [], failed: [] },
      },
      // Never polled yet: stale, reported without failing the check.
      ingestion: {
        pollingStale: true,
        lastPollSuccessAt: null,
        pendingWebhookDeliveries: 0,
        deadWebhookDeliveries: 0,
      },
    });
  });

  it("counts the unsettled and dead deliveries, not the settled history, and reports the last poll", async () => {
    const db = await testDb();
    const statuses = ["PENDING", "PROCESSING", "PROCESSING", "DONE", "DONE", "DONE", "DEAD"];
    await db.prisma.webhookDelivery.createMany({
      data: statuses.map((status, n) => ({
        dedupeKey: `key-${n}`,
        type: "sale.update",
        rawBody: "payload=%7B%7D",
        status: status as "PENDING",
      })),
    });
    const finishedAt = new Date(Date.now() - 60_000);
    await db.prisma.jobRun.createMany({
      data: ["poll.sales", "poll.customers"].map((job) => ({
        job,
        trigger: "schedule",
        status: "SUCCEEDED" as const,
        startedAt: new Date(finishedAt.getTime() - 1000),
        finishedAt,
      })),
    });
    const response = await createApp({ db, logger: silent }).request("/health");
    expect(response.status).toBe(200);
    expect(((await response.json()) as { ingestion: unknown }).ingestion).toEqual({
      pollingStale: false,
      lastPollSuccessAt: finishedAt.toISOString(),
      pendingWebhookDeliveries: 3,
      deadWebhookDeliveries: 1,
    });
  });

  it("answers 503 while migrations are pending", async () => {
    const db = await testDb({ migrate: false });
    const response = await createApp({ db, logger: silent }).request("/health");
    expect(response.status).toBe(503);
    const body = (await response.json()) as {
      status: string;
      database: { migrations: { pending: string[] } };
    };
    expect(body.status).toBe("degraded");
    expect(body.database.migrations.pending).toEqual((await db.migrationStatus()).pending);
  });

  it("answers 503 when the database is gone", async () => {
    const db = await testDb();
    const app = createApp({ db, logger: silent });
    await db.close();
    const response = await app.request("/health");
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      status: "unavailable",
      database: { reachable: false },
    });
  });
});

describe("createApp error handling", () => {
  it("maps a domain error to its HTTP status with a JSON body", async () => {
    const db = await testDb();
    const app = createApp({ db, logger: silent });
    app.get("/conflict", () => {
      throw new DomainError("CONFLICT", "import already running");
    });
    const response = await app.request("/conflict");
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({
      error: { code: "CONFLICT", message: "import already running" },
    });
  });

  it("answers 503 UNAVAILABLE to a route whose database is down (it answered 500)", async () => {
    const db = await testDb();
    const app = createApp({ db, logger: silent });
    app.get("/count", async (c) => c.json({ runs: await db.prisma.importRun.count() }));
    await db.close();
    const response = await app.request("/count");
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      error: { code: "UNAVAILABLE", message: "The database is unavailable; retry later." },
    });
  });

  it("answers unknown routes with 404 and hides unexpected errors", async () => {
    const db = await testDb();
    const app = createApp({ db, logger: silent });
    app.get("/bug", () => {
      throw new TypeError("secret internals");
    });
    expect((await app.request("/nope")).status).toBe(404);
    const response = await app.request("/bug");
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain("secret internals");
  });
});

describe(`tRPC over HTTP at /api/trpc (${testDatabaseKind})`, () => {
  it("serves system.status to a tRPC 11 superjson client over loopback", async () => {
    const db = await testDb();
    const client = (await serveApiOnLoopback(cleanup, { db })).clientWith(testTokens.viewer);
    const status = await client.system.status.query();
    expect(status.database.kind).toBe(testDatabaseKind);
    expect(status.database.migrations.upToDate).toBe(true);
    expect(status.serverTime).toBeInstanceOf(Date); // superjson kept the type over the wire
  });

  it("answers an unknown procedure with a tRPC NOT_FOUND error", async () => {
    const db = await testDb();
    const { server, clientWith } = await serveApiOnLoopback(cleanup, { db });
    const response = await fetch(`${server.url}/api/trpc/system.nope`);
    expect(response.status).toBe(404);
    const client = clientWith();
    // @ts-expect-error: the procedure does not exist, which is the point
    const failure = await client.system.nope.query().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TRPCClientError);
    expect((failure as TRPCClientError<AppRouter>).data?.code).toBe("NOT_FOUND");
  });
});

describe("the dashboard's files", () => {
  it("are served at / with the index for page paths, never over the API's answers", async () => {
    const db = await testDb();
    const dir = cleanup.tempDir();
    mkdirSync(path.join(dir, "assets"));
    writeFileSync(path.join(dir, "index.html"), "<!doctype html><title>GreenLoop</title>");
    writeFileSync(path.join(dir, "assets", "app.js"), "console.log('dashboard')");
    const app = createApp({ db, logger: silent, env: testApiEnv(), dashboardDir: dir });

    const index = await app.request("/");
    expect(index.status).toBe(200);
    expect(await index.text()).toContain("<title>GreenLoop</title>");
    const script = await app.request("/assets/app.js");
    expect(script.headers.get("content-type")).toMatch(/javascript/);
    expect(await (await app.request("/customers/123")).text()).toContain(
      "<title>GreenLoop</title>",
    );

    expect((await app.request("/health")).headers.get("content-type")).toMatch(/json/);
    const unknownApi = await app.request("/api/nope");
    expect(unknownApi.status).toBe(404);
    expect(await unknownApi.json()).toMatchObject({ error: { code: "NOT_FOUND" } });
    expect((await app.request("/api/trpc/system.status")).status).toBe(401);
  });
});

/** A procedure over HTTP as the app calls it: the status and the tRPC error's data. */
async function callSyncStatus(url: string) {
  const response = await fetch(`${url}/api/trpc/sync.status`, {
    headers: { authorization: `Bearer ${testTokens.viewer}` },
  });
  const body = (await response.json()) as {
    error?: { json: { data: { code: string; domainCode?: string; httpStatus: number } } };
  };
  return { status: response.status, data: body.error?.json.data };
}

describe("tRPC over HTTP while the database is down", () => {
  it(`answers 503 SERVICE_UNAVAILABLE, domainCode UNAVAILABLE, when the database is closed under the app (${testDatabaseKind}; it answered 500)`, async () => {
    const db = await testDb();
    const { server } = await serveApiOnLoopback(cleanup, { db });
    expect((await callSyncStatus(server.url)).status).toBe(200);
    await db.close();
    expect(await callSyncStatus(server.url)).toEqual({
      status: 503,
      data: expect.objectContaining({
        code: "SERVICE_UNAVAILABLE",
        domainCode: "UNAVAILABLE",
        httpStatus: 503,
      }),
    });
  });

  it.runIf(postgresBinDir)(
    "answers 503 SERVICE_UNAVAILABLE, domainCode UNAVAILABLE, after its PostgreSQL server stopped (it answered 500)",
    async () => {
      const { db, cluster } = await openClusterDatabase(cleanup);
      const { server } = await serveApiOnLoopback(cleanup, { db });
      expect((await callSyncStatus(server.url)).status).toBe(200);
      await cluster.stop();
      // The pooled sessions were terminated, then nothing listens: both are an outage.
      for (let attempt = 0; attempt < 3; attempt++) {
        expect(await callSyncStatus(server.url)).toEqual({
          status: 503,
          data: expect.objectContaining({
            code: "SERVICE_UNAVAILABLE",
            domainCode: "UNAVAILABLE",
          }),
        });
      }
    },
    60_000,
  );
});
