import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { openDatabase, redactDatabaseUrl } from "@greenloop/db";
import {
  createScratchDatabase,
  testDatabaseKind,
  testServerUrl,
  useTestCleanup,
} from "@greenloop/db/testing";
import { describe, expect, it } from "vitest";
import { cliJson, freshDatabaseEnv, runCliCaptured } from "./cli/testing/cli-test-env";

const cleanup = useTestCleanup();
const someId = "00000000-0000-4000-8000-000000000000";

/** Every command that only reads, as a user would type it. */
async function readCommands(): Promise<string[][]> {
  const exportFile = path.join(cleanup.tempDir(), "orders.csv");
  await writeFile(exportFile, "order_number;timestamp;order_total\n");
  return [
    ["webhooks", "list"],
    ["customers", "lookup", "--email", "jane@example.com"],
    ["customers", "explain", someId],
    ["report", "merges"],
    ["report", "delays"],
    ["report", "missing"],
    ["report", "reconcile", exportFile],
    ["imports", "errors", someId],
    ["imports", "list"],
  ];
}

const noSchema = (where: string) =>
  `The database at ${where} has no schema yet: run \`pnpm cli migrate\`.`;

async function openCliDatabase(env: Record<string, string>) {
  return openDatabase(
    env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { pgliteDir: env.PGLITE_DIR ?? "" },
  );
}

describe("read commands on a PGlite directory that does not exist (a fresh clone)", () => {
  it("say to run migrate, and create neither the directory nor its lock (it was 'relation does not exist … this is a bug')", async () => {
    const parent = path.join(cleanup.tempDir(), ".data");
    const dataDir = path.join(parent, "pglite");
    for (const argv of await readCommands()) {
      const human = await runCliCaptured(argv, { PGLITE_DIR: dataDir });
      expect(human.exitCode, argv.join(" ")).toBe(1);
      expect(human.stderr, argv.join(" ")).toBe(`Error: ${noSchema(dataDir)}\n`);
      expect(human.logs).toBe("");

      const json = await runCliCaptured([...argv, "--json"], { PGLITE_DIR: dataDir });
      expect(JSON.parse(json.lastLine).error, argv.join(" ")).toEqual({
        code: "CONFIG",
        message: noSchema(dataDir),
      });
      expect(existsSync(parent), argv.join(" ")).toBe(false);
    }
  });

  it("leaves an empty directory empty (opening it would have made a database there)", async () => {
    const dataDir = path.join(cleanup.tempDir(), "pglite");
    mkdirSync(dataDir);
    const run = await runCliCaptured(["webhooks", "list"], { PGLITE_DIR: dataDir });
    expect(run.stderr).toBe(`Error: ${noSchema(dataDir)}\n`);
    expect(readdirSync(dataDir)).toEqual([]);
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
  });
});

describe.runIf(testServerUrl)("read commands on an empty PostgreSQL database", () => {
  it("say to run migrate, naming the database without its password, and create no table", async () => {
    const scratch = await createScratchDatabase(testServerUrl ?? "");
    cleanup.defer(scratch.drop);
    const url = new URL(scratch.url);
    url.password = "s3cret-pw";
    const env = { DATABASE_URL: url.toString() };
    // The server may not check the password (trust); the message must not show it either way.
    for (const argv of await readCommands()) {
      const run = await runCliCaptured([...argv, "--json"], env);
      expect(run.exitCode, argv.join(" ")).toBe(1);
      expect(JSON.parse(run.lastLine).error, argv.join(" ")).toEqual({
        code: "CONFIG",
        message: noSchema(redactDatabaseUrl(env.DATABASE_URL)),
      });
      expect(run.stdout + run.stderr + run.logs).not.toContain("s3cret-pw");
    }
    const db = await openDatabase({ databaseUrl: scratch.url });
    try {
      const tables = await db.prisma.$queryRawUnsafe<unknown[]>(
        "SELECT 1 FROM information_schema.tables WHERE table_schema = 'public'",
      );
      expect(tables).toEqual([]);
    } finally {
      await db.close();
    }
  });
});

describe(`read commands on a database behind this version (${testDatabaseKind})`, () => {
  it("say how many migrations are pending and to run migrate, and apply none", async () => {
    const env = await freshDatabaseEnv(cleanup);
    const { applied } = await cliJson(["migrate"], env);
    const last = applied.at(-1) as string;
    const db = await openCliDatabase(env);
    try {
      await db.prisma.$executeRawUnsafe(
        `DELETE FROM "_prisma_migrations" WHERE migration_name = $1`,
        last,
      );
    } finally {
      await db.close();
    }
    const run = await runCliCaptured(["report", "merges", "--json"], env);
    expect(run.exitCode).toBe(1);
    expect(JSON.parse(run.lastLine).error).toEqual({
      code: "CONFIG",
      message: expect.stringMatching(
        new RegExp(
          `is 1 migration\\(s\\) behind this version \\(${last}\\): run \`pnpm cli migrate\`\\.$`,
        ),
      ),
    });
    const after = await openCliDatabase(env);
    try {
      expect((await after.migrationStatus()).pending).toEqual([last]);
    } finally {
      await after.close();
    }
  });

  it("run once migrated", async () => {
    const env = await freshDatabaseEnv(cleanup);
    await cliJson(["migrate"], env);
    expect(await cliJson(["webhooks", "list"], env)).toMatchObject({ deliveries: [] });
  });
});
