import { openDatabase } from "@greenloop/db";
import { testDatabaseKind, testServerUrl, useTestCleanup } from "@greenloop/db/testing";
import type { RunningSimulator } from "@greenloop/lightspeed-simulator";
import { describe, expect, it } from "vitest";
import { startTestSimulator } from "../../ingestion/polling/testing/simulated-lightspeed";
import { jobLockKeys } from "../../scheduler/job-lock-keys";
import { freshDatabaseEnv, runCliCaptured } from "../testing/cli-test-env";
import { createProgressLine } from "./sync";

const cleanup = useTestCleanup();

function lightspeedEnv(sim: RunningSimulator): Record<string, string> {
  return { LIGHTSPEED_BASE_URL: sim.baseUrl, LIGHTSPEED_TOKEN: sim.token };
}

const cli = (argv: string[], env: Record<string, string>, shutdown?: AbortSignal) =>
  runCliCaptured(argv, env, shutdown ? { shutdown } : {});

const maxVersion = (rows: Array<{ version: number }>) =>
  rows.reduce((max, row) => Math.max(max, row.version), 0);

describe(`pnpm cli sync (${testDatabaseKind})`, () => {
  it("prints exactly the documented JSON, then finds nothing new, and --full changes nothing", async () => {
    const sim = await startTestSimulator(cleanup);
    const env = { ...(await freshDatabaseEnv(cleanup)), ...lightspeedEnv(sim) };
    const sales = sim.store.sales();
    const customers = sim.store.customers();
    const products = sim.store.catalog.allProducts();
    const page = { data: [] as Array<{ version: number }> };
    const all = { after: 0, before: null, pageSize: 200, includeDeleted: true };
    const brands = { ...page, ...sim.store.catalog.listBrands(all) };
    const categories = { ...page, ...sim.store.catalog.listProductTypes(all) };

    const first = await cli(["sync", "--json"], env);
    expect(first.exitCode).toBe(0);
    const result = JSON.parse(first.lastLine);
    expect(result).toEqual({
      ok: true,
      command: "sync",
      sales: {
        pages: Math.ceil(sales.length / 200),
        records: sales.length,
        cursor: maxVersion(sales),
      },
      customers: { pages: 1, records: customers.length, cursor: maxVersion(customers) },
      productCategories: {
        pages: 1,
        records: categories.data.length,
        cursor: maxVersion(categories.data),
      },
      brands: { pages: 1, records: brands.data.length, cursor: maxVersion(brands.data) },
      products: { pages: 1, records: products.length, cursor: maxVersion(products) },
      durationMs: expect.any(Number),
    });
    expect(Object.keys(result)).toEqual([
      "ok",
      "command",
      "sales",
      "customers",
      "productCategories",
      "brands",
      "products",
      "durationMs",
    ]);
    expect(first.stdout.trimEnd().split("\n")).toHaveLength(1);

    const second = await cli(["sync", "--json"], env);
    expect(JSON.parse(second.lastLine)).toMatchObject({
      ok: true,
      sales: { pages: 0, records: 0, cursor: maxVersion(sales) },
      customers: { pages: 0, records: 0, cursor: maxVersion(customers) },
      products: { pages: 0, records: 0, cursor: maxVersion(products) },
    });

    const human = await cli(["sync", "--full"], env);
    expect(human.exitCode).toBe(0);
    expect(human.stdout).toContain("Re-reading everything from version 0 (--full)");
    expect(human.stdout).toMatch(/^customers: 1 page\(s\), \d+ record\(s\), cursor \d+$/m);
    expect(human.stdout).toContain(
      `  sales      ${Math.ceil(sales.length / 200)} page(s), ${sales.length} record(s): 0 new, 0 updated, ${sales.length} unchanged; cursor ${maxVersion(sales)}`,
    );
  });

  it("stops after the current page on Ctrl-C with the cursor saved, and the next sync continues", async () => {
    const sim = await startTestSimulator(cleanup, { inStoreSales: 450 });
    const env = { ...(await freshDatabaseEnv(cleanup)), ...lightspeedEnv(sim) };
    const total = sim.store.sales().length;
    expect(total).toBeGreaterThan(400);

    const ctrlC = new AbortController();
    const run = await runCliCaptured(["sync"], env, {
      shutdown: ctrlC.signal,
      onStdout: (text) => {
        if (text.startsWith("sales: 1 page(s)")) ctrlC.abort("SIGINT");
      },
    });
    const stdout = run.stdout + run.stderr;
    expect(run.exitCode).toBe(1);
    expect(stdout).toMatch(
      /Error: Sync stopped \(SIGINT\) before it finished\. What was read is saved \(sales cursor \d+, customers cursor \d+\); run `pnpm cli sync` again to continue\./,
    );
    expect(stdout).not.toContain("sales: 2 page(s)");

    const resumed = JSON.parse((await cli(["sync", "--json"], env)).lastLine);
    expect(resumed).toMatchObject({
      ok: true,
      sales: { records: total - 200, cursor: maxVersion(sim.store.sales()) },
      customers: { records: 0 },
    });
  });

  it("says that Lightspeed is not configured, before touching the database", async () => {
    const result = await cli(["sync", "--json"], {
      DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none",
    });
    expect(result.exitCode).toBe(1);
    expect(JSON.parse(result.lastLine)).toEqual({
      ok: false,
      command: "sync",
      error: {
        code: "CONFIG",
        message:
          "Lightspeed is not configured: set LIGHTSPEED_TOKEN and LIGHTSPEED_DOMAIN_PREFIX " +
          "(or LIGHTSPEED_BASE_URL, e.g. the simulator's from `pnpm cli simulate`).",
      },
    });
  });

  it("reports a failed poll with its cause and exit code 1", async () => {
    const sim = await startTestSimulator(cleanup);
    const env = {
      ...(await freshDatabaseEnv(cleanup)),
      ...lightspeedEnv(sim),
      LIGHTSPEED_TOKEN: "revoked-token",
    };
    const result = await cli(["sync", "--json"], env);
    expect(result.exitCode).toBe(1);
    const { error } = JSON.parse(result.lastLine);
    expect(error.code).toBe("UNAUTHORIZED");
    expect(error.message).toMatch(
      /^Sync of customers failed after 0 page\(s\): .+\. Sync of sales failed after 0 page\(s\): .+\. What was read is saved; run `pnpm cli sync` again to continue from there\.$/,
    );
    expect(result.stdout + result.logs).not.toContain("revoked-token");
  });

  it.runIf(testServerUrl)(
    "refuses to run while another sync holds the poll lock, and changes nothing",
    async () => {
      const sim = await startTestSimulator(cleanup);
      const env = { ...(await freshDatabaseEnv(cleanup)), ...lightspeedEnv(sim) };
      const migrated = await cli(["migrate"], env);
      expect(migrated.exitCode).toBe(0);
      const other = await openDatabase({ databaseUrl: env.DATABASE_URL, poolSize: 2 });
      cleanup.defer(() => other.close());

      const held = await other.withJobLock(jobLockKeys.poll, () => cli(["sync", "--json"], env));
      expect(held.acquired).toBe(true);
      if (!held.acquired) return;
      expect(held.result.exitCode).toBe(1);
      expect(JSON.parse(held.result.lastLine)).toEqual({
        ok: false,
        command: "sync",
        error: {
          code: "CONFLICT",
          message:
            "Another sync is running (a `pnpm cli sync` or the server's scheduled poll); nothing was done. " +
            "Try again when it has finished.",
        },
      });
      expect(await other.prisma.retailSale.count()).toBe(0);
      expect(await other.prisma.jobRun.count()).toBe(0);
    },
  );
});

describe("createProgressLine", () => {
  const progress = (resource: "sales" | "customers", pages: number) => ({
    resource,
    pages,
    records: pages * 200,
    errors: 0,
    cursor: pages * 1000,
    startCursor: 0,
  });

  it("rewrites one line per resource in place on a terminal", () => {
    let written = "";
    const line = createProgressLine({
      say: () => expect.unreachable(),
      tty: { write: (text: string) => (written += text) },
    });
    line.update(progress("customers", 1));
    line.update(progress("sales", 1));
    line.update(progress("sales", 2));
    line.end();
    expect(written).toBe(
      "\r\x1b[2Kcustomers: 1 page(s), 200 record(s), cursor 1000\n" +
        "\r\x1b[2Ksales: 1 page(s), 200 record(s), cursor 1000" +
        "\r\x1b[2Ksales: 2 page(s), 400 record(s), cursor 2000\n",
    );
  });

  it("prints plain lines otherwise", () => {
    const lines: string[] = [];
    const line = createProgressLine({ say: (text) => lines.push(text), tty: undefined });
    line.update(progress("sales", 1));
    line.end();
    expect(lines).toEqual(["sales: 1 page(s), 200 record(s), cursor 1000"]);
  });
});
