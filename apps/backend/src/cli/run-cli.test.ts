import { writeFileSync } from "node:fs";
import path from "node:path";
import { testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { describe, expect, it } from "vitest";
import { freshDatabaseEnv, runCliCaptured } from "./testing/cli-test-env";

const cleanup = useTestCleanup();

const tempDir = () => cleanup.tempDir();

const cli = (argv: string[], env: Record<string, string>) => runCliCaptured(argv, env);

describe(`pnpm cli migrate (${testDatabaseKind})`, () => {
  it("applies the migrations, then changes nothing on an up-to-date database and says so", async () => {
    const env = await freshDatabaseEnv(cleanup);

    const first = await cli(["migrate", "--json"], env);
    expect(first.exitCode).toBe(0);
    const applied = JSON.parse(first.lastLine);
    expect(applied).toMatchObject({
      ok: true,
      command: "migrate",
      changed: true,
      upToDate: true,
      pending: [],
    });
    expect(applied.applied.length).toBeGreaterThan(0);
    expect(applied.database.kind).toBe(testDatabaseKind);

    const second = await cli(["migrate", "--json"], env);
    expect(second.exitCode).toBe(0);
    expect(JSON.parse(second.lastLine)).toEqual({
      ok: true,
      command: "migrate",
      database: applied.database,
      changed: false,
      applied: [],
      alreadyApplied: applied.applied.length,
      pending: [],
      upToDate: true,
      warnings: [],
    });

    const human = await cli(["migrate"], env);
    expect(human.stdout).toMatch(
      /^Database is up to date: \d+ migration\(s\) applied, none pending/,
    );
  });
});

describe("pnpm cli failures", () => {
  it("fails fast on a wrong DATABASE_URL with a clear message, not a stack trace", async () => {
    const result = await cli(["migrate", "--json"], {
      DATABASE_URL: "postgresql://shop:hunter2@127.0.0.1:1/shop",
    });
    expect(result.exitCode).toBe(1);
    expect(JSON.parse(result.lastLine)).toEqual({
      ok: false,
      command: "migrate",
      error: {
        code: "UNAVAILABLE",
        message:
          "Cannot connect to PostgreSQL at postgresql://shop:***@127.0.0.1:1/shop: the connection was refused: " +
          "is PostgreSQL running and listening there?. Check DATABASE_URL.",
      },
    });
    expect(result.stdout + result.stderr + result.logs).not.toContain("hunter2");
    expect(result.stdout + result.stderr + result.logs).not.toMatch(/\n\s+at /); // no stack frames

    const human = await cli(["migrate"], {
      DATABASE_URL: "postgresql://shop:hunter2@127.0.0.1:1/shop",
    });
    expect(human.stderr).toMatch(
      /^Error: Cannot connect to PostgreSQL at postgresql:\/\/shop:\*\*\*@127\.0\.0\.1:1\/shop/,
    );
  });

  it("fails fast when the data directory cannot be written", async () => {
    const file = path.join(tempDir(), "not-a-directory");
    writeFileSync(file, "");
    const result = await cli(["migrate"], { PGLITE_DIR: path.join(file, "pglite") });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(
      /^Error: The embedded database directory .*not-a-directory\/pglite cannot be used: ENOTDIR/,
    );
    expect(result.stderr).toContain("Set PGLITE_DIR to a directory this user can write");
  });

  it("rejects an unknown command or option with exit code 2 and the usage", async () => {
    const unknown = await cli(["frobnicate", "--json"], {});
    expect(unknown.exitCode).toBe(2);
    expect(JSON.parse(unknown.lastLine)).toMatchObject({ ok: false, error: { code: "BAD_INPUT" } });
    expect(JSON.parse(unknown.lastLine).error.message).toContain("Commands: migrate, serve");

    const badOption = await cli(["migrate", "--fast"], {});
    expect(badOption.exitCode).toBe(2);
    expect(badOption.stderr).toContain("Usage: pnpm cli migrate [--json]");
  });

  it("reports invalid configuration before touching the database", async () => {
    const result = await cli(["serve", "--json"], { PORT: "http" });
    expect(result.exitCode).toBe(1);
    expect(JSON.parse(result.lastLine).error).toEqual({
      code: "CONFIG",
      message:
        'Invalid configuration: PORT="http" must be a port number (0-65535; 0 picks a free port). See .env.example.',
    });
  });

  it("lists the commands", async () => {
    const result = await cli(["help"], {});
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain("migrate [--json]");
    expect(result.stdout).toContain("serve [--json]");
  });
});
