// Applies migrations and records them in _prisma_migrations exactly as `prisma migrate deploy`
// does, so Prisma's own CLI agrees about what is applied. Each migration runs in a transaction
// (Postgres DDL is transactional): a failing one leaves no trace and nothing half-applied.
import { randomUUID } from "node:crypto";
import { DomainError } from "@greenloop/order-sync/errors";
import type { SqlSession } from "../connections/sql-session";
import type { MigrationFile } from "./migration-files";

/** The key `prisma migrate` takes its advisory lock with: the two never run at once. */
const PRISMA_ADVISORY_LOCK_KEY = 72707369;

// The table exactly as Prisma's migration engine creates it.
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export interface MigrationStatus {
  /** Migrations recorded as finished, in order. */
  applied: string[];
  /** On disk, not yet applied. */
  pending: string[];
  /** Recorded as started but never finished and not rolled back (a failed `prisma migrate deploy`). */
  failed: string[];
  /** Applied, but the file changed since (checksum differs). */
  modified: string[];
  /** Applied in the database but absent on disk (the database is newer than this code). */
  unknown: string[];
}

export interface MigrateResult {
  /** Migrations this run applied, in order; empty when the database was up to date. */
  applied: string[];
  status: MigrationStatus;
}

interface MigrationRow extends Record<string, unknown> {
  migration_name: string;
  checksum: string;
  finished_at: Date | string | null;
  rolled_back_at: Date | string | null;
}

export async function readMigrationStatus(
  session: SqlSession,
  files: MigrationFile[],
): Promise<MigrationStatus> {
  const [{ exists } = { exists: false }] = await session.query<{ exists: boolean }>(
    "SELECT to_regclass('_prisma_migrations') IS NOT NULL AS exists",
  );
  const rows = exists
    ? await session.query<MigrationRow>(
        `SELECT migration_name, checksum, finished_at, rolled_back_at
           FROM "_prisma_migrations" ORDER BY started_at, migration_name`,
      )
    : [];
  const finished = new Map<string, string>();
  const failed = new Set<string>();
  for (const row of rows) {
    if (row.rolled_back_at !== null) continue;
    if (row.finished_at === null) failed.add(row.migration_name);
    else finished.set(row.migration_name, row.checksum);
  }
  const onDisk = new Map(files.map((file) => [file.name, file.checksum]));
  return {
    applied: [...finished.keys()],
    pending: files.filter((f) => !finished.has(f.name) && !failed.has(f.name)).map((f) => f.name),
    failed: [...failed].filter((name) => !finished.has(name)),
    modified: [...finished]
      .filter(([name, sum]) => onDisk.has(name) && onDisk.get(name) !== sum)
      .map(([name]) => name),
    unknown: [...finished.keys()].filter((name) => !onDisk.has(name)),
  };
}

export async function applyMigrations(
  session: SqlSession,
  files: MigrationFile[],
): Promise<MigrateResult> {
  await session.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK_KEY]);
  try {
    await session.exec(CREATE_MIGRATIONS_TABLE);
    // Read under the lock: another replica may have migrated while we waited.
    const before = await readMigrationStatus(session, files);
    if (before.failed.length > 0) {
      throw new DomainError(
        "CONFIG",
        `Migration ${before.failed.join(", ")} is recorded as failed in _prisma_migrations. ` +
          "Check the database, then mark it rolled back (set rolled_back_at on that row) to retry it.",
        { details: { failed: before.failed } },
      );
    }
    const applied: string[] = [];
    for (const file of files.filter((f) => before.pending.includes(f.name))) {
      await applyOne(session, file);
      applied.push(file.name);
    }
    return { applied, status: applied.length ? await readMigrationStatus(session, files) : before };
  } finally {
    await session.query("SELECT pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK_KEY]);
  }
}

async function applyOne(session: SqlSession, file: MigrationFile): Promise<void> {
  const startedAt = new Date();
  await session.exec("BEGIN");
  try {
    await session.exec(file.sql);
    await session.query(
      `INSERT INTO "_prisma_migrations"
         (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
       VALUES ($1, $2, clock_timestamp(), $3, NULL, NULL, $4, 1)`,
      [randomUUID(), file.checksum, file.name, startedAt],
    );
    await session.exec("COMMIT");
  } catch (cause) {
    await session.exec("ROLLBACK").catch(() => {});
    const message = cause instanceof Error ? cause.message : String(cause);
    throw new DomainError(
      "INTERNAL",
      `Migration ${file.name} failed and was rolled back (nothing of it was applied): ${message}`,
      { cause, details: { migration: file.name } },
    );
  }
}
