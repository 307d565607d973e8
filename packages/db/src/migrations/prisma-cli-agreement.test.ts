// Our runner must record migrations exactly as Prisma does, so that `prisma migrate status` and
// `prisma migrate deploy` run elsewhere agree with it. Prisma's CLI with the JS engine works on
// PGlite (not on real Postgres with adapter-pg 6.19.3), so this runs on PGlite in a directory.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../open-database";
import { readMigrationFiles } from "./migration-files";

const packageDir = path.resolve(import.meta.dirname, "../..");
const workDir = mkdtempSync(path.join(tmpdir(), "gl-prisma-cli-"));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/**
 * Runs the Prisma CLI on a PGlite directory until `expected` appears in its output. The CLI does
 * not close PGlite, so it would never exit by itself: it is stopped once it has answered.
 */
function runPrismaUntil(args: string[], pgliteDir: string, expected: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(packageDir, "node_modules/.bin/prisma"), args, {
      cwd: packageDir,
      env: { ...process.env, PRISMA_PGLITE_DIR: pgliteDir, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    });
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(expected)) {
        child.kill("SIGKILL");
        resolve(output);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) =>
      reject(
        new Error(`prisma ${args.join(" ")} exited (${code}) without "${expected}":\n${output}`),
      ),
    );
  });
}

describe("applyMigrations as Prisma sees it", () => {
  it("leaves a database that `prisma migrate status` calls up to date", async () => {
    const dir = path.join(workDir, "ours");
    const db = await openDatabase({ pgliteDir: dir });
    await db.migrate();
    await db.close();

    const output = await runPrismaUntil(
      ["migrate", "status"],
      dir,
      "Database schema is up to date!",
    );
    expect(output).toContain(`${readMigrationFiles().length} migration`);
  }, 60_000);

  it("finds nothing to do on a database that `prisma migrate deploy` migrated", async () => {
    const dir = path.join(workDir, "theirs");
    await runPrismaUntil(
      ["migrate", "deploy"],
      dir,
      "All migrations have been successfully applied.",
    );

    const db = await openDatabase({ pgliteDir: dir });
    try {
      const result = await db.migrate();
      expect(result.applied).toEqual([]);
      expect(result.status.applied).toEqual(readMigrationFiles().map((f) => f.name));
      expect(result.status.modified).toEqual([]);
    } finally {
      await db.close();
    }
  }, 60_000);
});
