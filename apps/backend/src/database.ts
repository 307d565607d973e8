// Opens the database the configuration names; every command and the server go through here.
import path from "node:path";
import {
  type Database,
  hasPgliteDatabase,
  type MigrationStatus,
  openDatabase,
} from "@greenloop/db";
import { DomainError } from "@greenloop/order-sync/errors";
import type { Env } from "./env";
import type { Logger } from "./logger";

export function openDatabaseFromEnv(env: Env, logger: Logger): Promise<Database> {
  return openDatabase({
    databaseUrl: env.databaseUrl,
    pgliteDir: env.pgliteDir,
    onIdleError: (err) => logger.warn({ err }, "idle database connection failed"),
  });
}

/**
 * For commands that read what is there (and those that change rows but no schema): the database
 * with every migration applied, or a DomainError saying to run `pnpm cli migrate`. Nothing is
 * created on the way: a PGlite directory that does not exist yet is not opened (opening creates
 * it), and nothing is migrated (a read must not change the schema under a running server).
 */
export async function openMigratedDatabaseFromEnv(env: Env, logger: Logger): Promise<Database> {
  if (env.databaseUrl === undefined && !hasPgliteDatabase(env.pgliteDir)) {
    throw noSchemaYet(path.resolve(env.pgliteDir));
  }
  const db = await openDatabaseFromEnv(env, logger);
  try {
    assertMigrated(db.location, await db.migrationStatus());
    return db;
  } catch (error) {
    await db.close();
    throw error;
  }
}

function assertMigrated(location: string, status: MigrationStatus): void {
  if (status.applied.length === 0 && status.failed.length === 0) throw noSchemaYet(location);
  if (status.failed.length > 0) {
    throw new DomainError(
      "CONFIG",
      `The database at ${location} has a failed migration (${status.failed.join(", ")}): run \`pnpm cli migrate\` to see what to do.`,
      { details: { failed: status.failed } },
    );
  }
  if (status.pending.length > 0) {
    throw new DomainError(
      "CONFIG",
      `The database at ${location} is ${status.pending.length} migration(s) behind this version (${namesOf(status.pending)}): run \`pnpm cli migrate\`.`,
      { details: { pending: status.pending } },
    );
  }
}

/** A few names: after an upgrade the list can be long, and the first says enough. */
function namesOf(migrations: string[]): string {
  const shown = migrations.slice(0, 3).join(", ");
  return migrations.length > 3 ? `${shown}, …` : shown;
}

function noSchemaYet(location: string): DomainError {
  return new DomainError(
    "CONFIG",
    `The database at ${location} has no schema yet: run \`pnpm cli migrate\`.`,
    { details: { location } },
  );
}
