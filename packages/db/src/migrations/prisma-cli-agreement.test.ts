// Our runner must record migrations exactly as Prisma does, so that `prisma migrate status` and
// `prisma migrate deploy` run elsewhere agree with it. Prisma's CLI with the JS engine works on
// PGlite (not on real Postgres with adapter-pg 6.19.3), so this runs on PGlite in a directory.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../open-database";
import { runPrisma } from "../prisma-cli/run-prisma";
import { readMigrationFiles } from "./migration-files";

// Prisma's CLI (its WASM engines) takes tens of seconds on a loaded 2-core machine: a generous
// bound, so only a hang fails the test.
const PRISMA_CLI_TIMEOUT_MS = 180_000;
const workDir = mkdtempSync(path.join(tmpdir(), "gl-prisma-cli-"));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe("applyMigrations as Prisma sees it", () => {
  it(
    "leaves a database that `prisma migrate status` calls up to date",
    async () => {
      const dir = path.join(workDir, "ours");
      const db = await openDatabase({ pgliteDir: dir });
      await db.migrate();
      await db.close();

      const { output } = await runPrisma(["migrate", "status"], {
        pgliteDir: dir,
        until: "Database schema is up to date!",
      });
      expect(output).toContain(`${readMigrationFiles().length} migration`);
    },
    PRISMA_CLI_TIMEOUT_MS,
  );

  it(
    "finds nothing to do on a database that `prisma migrate deploy` migrated",
    async () => {
      const dir = path.join(workDir, "theirs");
      await runPrisma(["migrate", "deploy"], {
        pgliteDir: dir,
        until: "All migrations have been successfully applied.",
      });

      const db = await openDatabase({ pgliteDir: dir });
      try {
        const result = await db.migrate();
        expect(result.applied).toEqual([]);
        expect(result.status.applied).toEqual(readMigrationFiles().map((f) => f.name));
        expect(result.status.modified).toEqual([]);
      } finally {
        await db.close();
      }
    },
    PRISMA_CLI_TIMEOUT_MS,
  );
});
