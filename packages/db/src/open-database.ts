// Opens the product's database: PostgreSQL when a URL is given, PGlite in a data directory
// otherwise, with a Prisma client on the matching driver adapter.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { BulkTransaction } from "./bulk/bulk-session";
import { IN_MEMORY, openPgliteConnection } from "./connections/pglite-connection";
import { openPostgresConnection } from "./connections/postgres-connection";
import type { SqlConnection } from "./connections/sql-session";
import { PrismaClient } from "./generated/prisma/client";
import { DEFAULT_MIGRATIONS_DIR, readMigrationFiles } from "./migrations/migration-files";
import {
  applyMigrations,
  type MigrateResult,
  type MigrationStatus,
  readMigrationStatus,
} from "./migrations/migration-runner";

export type DatabaseKind = "pglite" | "postgres";

export interface OpenDatabaseOptions {
  /** PostgreSQL connection string; when absent the embedded PGlite database is used. */
  databaseUrl?: string | undefined;
  /** PGlite data directory (default `.data/pglite`), or `memory://`. */
  pgliteDir?: string | undefined;
  /** In-memory PGlite only: start from this dump of a database (tests use a migrated one). */
  pgliteSnapshot?: Blob | undefined;
  migrationsDir?: string | undefined;
  poolSize?: number | undefined;
  onIdleError?: ((error: Error) => void) | undefined;
}

export interface Database {
  readonly kind: DatabaseKind;
  /** Where the data lives: the PGlite directory, or the PostgreSQL URL without its password. */
  readonly location: string;
  readonly prisma: PrismaClient;
  /**
   * A transaction on a driver session of its own, with COPY: for bulk loads that Prisma's
   * raw-query path would slow down. Prisma's own transactions don't see it until it commits.
   */
  readonly bulkTransaction: BulkTransaction;
  /**
   * Which migrations are applied, pending or failed. Read afresh by default; with `maxAgeMs`, the
   * last status read (or left by `migrate`) is reused while it is younger than that: what a health
   * check asks many times a second need not read the migration files and the table each time.
   */
  migrationStatus(options?: { maxAgeMs?: number }): Promise<MigrationStatus>;
  /** Applies pending migrations; the status it leaves is what `migrationStatus` reuses next. */
  migrate(): Promise<MigrateResult>;
  /**
   * Runs `work` only if no other process holds the Postgres advisory lock `key` (one replica runs
   * a scheduled job); resolves `{ acquired: false }` at once otherwise. The lock is held on its own
   * session for the whole of `work`, which may use `prisma` freely.
   */
  withJobLock<T>(
    key: number,
    work: () => Promise<T>,
  ): Promise<{ acquired: true; result: T } | { acquired: false }>;
  /** Closes the client and the driver; safe to call twice. */
  close(): Promise<void>;
}

export const DEFAULT_PGLITE_DIR = ".data/pglite";

export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  const migrationsDir = options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR;
  if (options.databaseUrl) {
    const connection = await openPostgresConnection({
      databaseUrl: options.databaseUrl,
      poolSize: options.poolSize,
      onIdleError: options.onIdleError,
    });
    // The adapter borrows our pool; we end it ourselves on close.
    const prisma = new PrismaClient({ adapter: new PrismaPg(connection.pool) });
    return assemble("postgres", connection, prisma, migrationsDir);
  }
  const connection = await openPgliteConnection(options.pgliteDir ?? DEFAULT_PGLITE_DIR, {
    snapshot: options.pgliteSnapshot,
  });
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(connection.pglite) });
  return assemble("pglite", connection, prisma, migrationsDir);
}

function assemble(
  kind: DatabaseKind,
  connection: SqlConnection & {
    location: string;
    bulkTransaction: BulkTransaction;
    close(): Promise<void>;
  },
  prisma: PrismaClient,
  migrationsDir: string,
): Database {
  let closing: Promise<void> | undefined;
  const heldJobLocks = new Set<number>();
  // The last status read, shared by concurrent callers; a failed read is not kept.
  let lastStatus: { readAt: number; status: Promise<MigrationStatus> } | undefined;
  const remember = (status: Promise<MigrationStatus>) => {
    const entry = { readAt: Date.now(), status };
    lastStatus = entry;
    status.catch(() => {
      if (lastStatus === entry) lastStatus = undefined;
    });
    return status;
  };
  return {
    kind,
    location: connection.location,
    prisma,
    bulkTransaction: connection.bulkTransaction,
    migrationStatus(options = {}) {
      const { maxAgeMs } = options;
      if (maxAgeMs !== undefined && lastStatus && Date.now() - lastStatus.readAt <= maxAgeMs) {
        return lastStatus.status;
      }
      return remember(
        connection.withSession((session) =>
          readMigrationStatus(session, readMigrationFiles(migrationsDir)),
        ),
      );
    },
    async withJobLock(key, work) {
      // Advisory locks are re-entrant within a session, and PGlite has only one session: so
      // this process keeps its own set too.
      if (heldJobLocks.has(key)) return { acquired: false as const };
      heldJobLocks.add(key);
      try {
        return await connection.withSession(async (session) => {
          const [row] = await session.query<{ locked: boolean }>(
            "SELECT pg_try_advisory_lock($1) AS locked",
            [key],
          );
          if (!row?.locked) return { acquired: false as const };
          try {
            return { acquired: true as const, result: await work() };
          } finally {
            await session.query("SELECT pg_advisory_unlock($1)", [key]);
          }
        });
      } finally {
        heldJobLocks.delete(key);
      }
    },
    async migrate() {
      const result = await connection.withSession((session) =>
        applyMigrations(session, readMigrationFiles(migrationsDir)),
      );
      remember(Promise.resolve(result.status));
      return result;
    },
    close() {
      closing ??= (async () => {
        try {
          await prisma.$disconnect();
        } finally {
          await connection.close();
        }
      })();
      return closing;
    },
  };
}

export { IN_MEMORY };
