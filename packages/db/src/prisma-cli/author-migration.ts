// Writes the next migration from the change in prisma/schema.prisma, offline. `prisma migrate dev`
// cannot run here (JS engine), and `migrate diff --from-migrations` fails on PGlite's shadow
// database, so: apply the existing migrations to a scratch PGlite, introspect it (`db pull`),
// and diff that against the schema (`migrate diff --from-schema-datamodel`).
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DomainError } from "@greenloop/order-sync/errors";
import { DEFAULT_MIGRATIONS_DIR } from "../migrations/migration-files";
import { IN_MEMORY, openDatabase } from "../open-database";
import { runPrisma } from "./run-prisma";

export const SCHEMA_PATH = path.resolve(DEFAULT_MIGRATIONS_DIR, "..", "schema.prisma");

export interface AuthoredMigration {
  /** The new migration's folder name, or undefined when the schema matches the migrations. */
  name: string | undefined;
  sql: string;
}

export async function authorMigration(label: string, now = new Date()): Promise<AuthoredMigration> {
  if (!/^[a-z0-9_]+$/.test(label)) {
    throw new DomainError(
      "BAD_INPUT",
      `Migration name "${label}" must be snake_case (a-z, 0-9, _).`,
    );
  }
  const work = mkdtempSync(path.join(tmpdir(), "gl-author-migration-"));
  try {
    const pgliteDir = path.join(work, "pglite");
    const db = await openDatabase({ pgliteDir });
    await db.migrate();
    await db.close();

    const migratedSchema = path.join(work, "migrated.prisma");
    copyFileSync(SCHEMA_PATH, migratedSchema);
    await runPrisma(["db", "pull", "--schema", migratedSchema], {
      pgliteDir,
      until: "Introspected",
    });
    const { stdout: sql } = await runPrisma([
      "migrate",
      "diff",
      "--from-schema-datamodel",
      migratedSchema,
      "--to-schema-datamodel",
      SCHEMA_PATH,
      "--script",
    ]);
    if (!/^\s*[A-Z]/m.test(sql)) return { name: undefined, sql };

    const name = `${now.toISOString().replace(/\D/g, "").slice(0, 14)}_${label}`;
    const folder = path.join(DEFAULT_MIGRATIONS_DIR, name);
    if (existsSync(folder)) throw new DomainError("CONFLICT", `${folder} already exists.`);
    mkdirSync(folder);
    writeFileSync(path.join(folder, "migration.sql"), sql);
    await assertAllMigrationsApply();
    return { name, sql };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function assertAllMigrationsApply(): Promise<void> {
  const db = await openDatabase({ pgliteDir: IN_MEMORY });
  try {
    await db.migrate();
  } finally {
    await db.close();
  }
}
