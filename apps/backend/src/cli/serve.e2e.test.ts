import { readFile } from "node:fs/promises";
import path from "node:path";
import { openDatabase } from "@greenloop/db";
import { testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { startSimulator } from "@greenloop/lightspeed-simulator";
import { describe, expect, it } from "vitest";
import { importUploadBody } from "../imports/import-upload-options";
import { writeGeneratedExport } from "../imports/testing/generated-export";
import { freshDatabaseEnv } from "./testing/cli-test-env";
import { eventually } from "./testing/eventually";
import { serveApiClient, startServe } from "./testing/serve-process";

const cleanup = useTestCleanup();

describe(`pnpm cli serve (${testDatabaseKind})`, () => {
  it("serves health and tRPC, stops cleanly on SIGTERM, and keeps the data across restarts", async () => {
    const env = await freshDatabaseEnv(cleanup);

    const first = await startServe(cleanup, env);
    const health = await fetch(`${first.ready}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({
      status: "ok",
      database: { kind: testDatabaseKind },
    });
    const client = serveApiClient(first.ready);
    expect((await client.system.status.query()).counts?.customers).toBe(0);
    expect(await first.stop("SIGTERM")).toBe(0);
    expect(first.output()).toContain("Stopped (SIGTERM).");
    expect(first.output()).toContain("applied migrations");

    // While it is down, write through the database layer (PGlite allows one process at a time).
    const db = await openDatabase({ databaseUrl: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR });
    await db.prisma.customer.create({ data: { displayName: "Kept across restarts" } });
    await db.close();

    const second = await startServe(cleanup, env);
    const again = serveApiClient(second.ready);
    expect((await again.system.status.query()).counts?.customers).toBe(1);
    expect(await second.stop("SIGINT")).toBe(0);
    // The restart found the schema current and applied nothing again.
    expect(second.output()).toContain("database schema is up to date");
    expect(second.output()).not.toContain("applied migrations");
  });

  it("under --json prints one JSON line once it listens, and nothing more on stdout", async () => {
    const env = await freshDatabaseEnv(cleanup);
    const serve = await startServe(cleanup, env, ["--json"]);
    expect(await serve.stop()).toBe(0);
    const lines = serve.stdout().trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? "")).toEqual({
      ok: true,
      command: "serve",
      url: serve.ready,
      database: { kind: testDatabaseKind, location: expect.any(String) },
    });
  });

  it("shows an upload whose serve was killed mid-file as INTERRUPTED, with what it committed, once the next serve finds it silent past the grace period", {
    timeout: 180_000,
  }, async () => {
    // The killed serve's temp file stays behind: in a directory of the test's own.
    const env = { ...(await freshDatabaseEnv(cleanup)), TMPDIR: cleanup.tempDir() };
    const file = path.join(cleanup.tempDir(), "orders.csv");
    await writeGeneratedExport(file, 8_000);

    const first = await startServe(cleanup, env);
    const operator = serveApiClient(first.ready, "operator");
    const { runId } = await operator.imports.start.mutate(
      importUploadBody(new Blob([await readFile(file)]), { fileName: "orders.csv" }),
    );
    // At least one chunk committed (its counts are in the run), then SIGKILL: no shutdown at all.
    await eventually(
      async () =>
        expect((await operator.imports.progress.query({ runId })).ordersCreated).toBeGreaterThan(0),
      600,
    );
    await first.stop("SIGKILL");

    // The grace period at its smallest; the next serve marks the run (its job, or this read).
    const second = await startServe(cleanup, { ...env, IMPORT_HEARTBEAT_GRACE: "10s" });
    const viewer = serveApiClient(second.ready);
    await eventually(
      async () =>
        expect((await viewer.imports.progress.query({ runId })).status).toBe("INTERRUPTED"),
      600,
    );
    const [run] = (await viewer.imports.list.query({ limit: 1 })).runs;
    expect(run).toMatchObject({
      id: runId,
      status: "INTERRUPTED",
      done: true,
      owner: expect.stringContaining(`:${first.child.pid}:`),
      error: expect.stringContaining("What it committed is kept; re-run the same file to finish."),
    });
    expect(run?.ordersCreated).toBeGreaterThan(0);
    expect(run?.ordersCreated).toBeLessThan(8_000);
    expect((await viewer.system.status.query()).counts?.ecomOrders).toBe(run?.ordersCreated);
    expect(await second.stop()).toBe(0);
  });

  it("keeps the mirror current: polls X-Series at start and processes webhooks as they arrive", async () => {
    const sim = await startSimulator({
      seed: 9,
      store: { customers: 10, inStoreSales: 20, ecomOrders: 5, months: 1 },
    });
    cleanup.defer(() => sim.close());
    sim.store.syncPendingEcomOrders();
    const serve = await startServe(cleanup, {
      ...(await freshDatabaseEnv(cleanup)),
      LIGHTSPEED_BASE_URL: sim.baseUrl,
      LIGHTSPEED_TOKEN: sim.token,
      LIGHTSPEED_CLIENT_SECRET: "serve-e2e-secret",
    });
    const client = serveApiClient(serve.ready);
    const retailSales = async () => (await client.system.status.query()).counts?.retailSales;
    const orders = async () => (await client.system.status.query()).counts?.orders;
    // Every live sale is one canonical order (returns refund theirs; no CSV was imported here).
    const liveSales = () =>
      sim.store.sales().filter((sale) => sale.deleted_at === null && !sale.return_for).length;

    // The scheduled poll runs once at start-up and mirrors the store's history, then merges it.
    await eventually(async () => expect(await retailSales()).toBe(sim.store.sales().length));
    await eventually(async () => expect(await orders()).toBe(liveSales()));

    sim.store.webhooks.configure({
      url: `${serve.ready}/api/webhooks/lightspeed`,
      clientSecret: "serve-e2e-secret",
    });
    sim.store.createSale({});
    const attempts = await sim.store.webhooks.deliverDue();
    expect(attempts.map((a) => a.status)).toEqual([200]);
    // The next poll is 15 minutes away: only the webhook worker can bring this sale in.
    await eventually(async () => expect(await retailSales()).toBe(sim.store.sales().length));
    await eventually(async () => expect(await orders()).toBe(liveSales()));
    expect(await serve.stop()).toBe(0);
  });
});
