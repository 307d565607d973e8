// The migration history on disk: prisma/migrations/<timestamp>_<name>/migration.sql.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { DomainError } from "@greenloop/order-sync/errors";

export const DEFAULT_MIGRATIONS_DIR = path.resolve(
  import.meta.dirname,
  "../../../../prisma/migrations",
);

export interface MigrationFile {
  name: string;
  sql: string;
  /** sha256 hex of the file's bytes: what Prisma stores in _prisma_migrations.checksum. */
  checksum: string;
}

export function readMigrationFiles(migrationsDir = DEFAULT_MIGRATIONS_DIR): MigrationFile[] {
  if (!existsSync(migrationsDir)) {
    throw new DomainError("CONFIG", `The migrations directory ${migrationsDir} does not exist.`);
  }
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort() // Prisma orders by name, which starts with the timestamp.
    .flatMap((name) => {
      const file = path.join(migrationsDir, name, "migration.sql");
      if (!existsSync(file)) return [];
      const bytes = readFileSync(file);
      return [
        {
          name,
          sql: bytes.toString("utf8"),
          checksum: createHash("sha256").update(bytes).digest("hex"),
        },
      ];
    });
}
