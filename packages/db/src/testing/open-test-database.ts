// Test databases: PGlite in memory by default; a fresh, throw-away database on the PostgreSQL
// server named by DATABASE_URL when it is set (CI runs the suite both ways).
import { randomBytes } from "node:crypto";
import pg from "pg";
import { openPgliteConnection } from "../connections/pglite-connection";
import { readMigrationFiles } from "../migrations/migration-files";
import { applyMigrations } from "../migrations/migration-runner";
import { type Database, IN_MEMORY, openDatabase } from "../open-database";

/** The server the suite runs against, from the environment of the test run. */
export const testServerUrl: string | undefined = process.env.DATABASE_URL || undefined;

export const testDatabaseKind = testServerUrl ? "postgres" : "pglite";

export interface TestDatabase extends Database {
  /** The connection string of this test's own database (postgres only). */
  readonly databaseUrl: string | undefined;
}

export interface OpenTestDatabaseOptions {
  /** PGlite data directory to use instead of memory (ignored on postgres). */
  pgliteDir?: string;
  /** Apply the migrations (default true). */
  migrate?: boolean;
}

export async function openTestDatabase(
  options: OpenTestDatabaseOptions = {},
): Promise<TestDatabase> {
  if (!testServerUrl) {
    const migrate = options.migrate !== false;
    const inMemory = options.pgliteDir === undefined;
    const db = await openDatabase({
      pgliteDir: options.pgliteDir ?? IN_MEMORY,
      // Loading a migrated dump takes a fraction of initdb + migrations (see BENCHMARKS.md).
      pgliteSnapshot: inMemory && migrate ? await migratedSnapshot() : undefined,
    });
    if (migrate) await db.migrate();
    return Object.assign(db, { databaseUrl: undefined });
  }
  const { url, drop } = await createScratchDatabase(testServerUrl);
  const db = await openDatabase({ databaseUrl: url, poolSize: 4 });
  if (options.migrate !== false) await db.migrate();
  const close = db.close.bind(db);
  return Object.assign(db, {
    databaseUrl: url,
    async close() {
      await close();
      await drop();
    },
  });
}

let snapshot: Promise<Blob> | undefined;

/** A dump of an in-memory PGlite with every migration applied, made once per test worker. */
function migratedSnapshot(): Promise<Blob> {
  snapshot ??= (async () => {
    const connection = await openPgliteConnection(IN_MEMORY);
    try {
      await connection.withSession((session) => applyMigrations(session, readMigrationFiles()));
      return await connection.pglite.dumpDataDir("none");
    } finally {
      await connection.close();
    }
  })();
  return snapshot;
}

/** Creates an empty database beside the one in `serverUrl`; `drop` removes it. */
export async function createScratchDatabase(
  serverUrl: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `gl_test_${randomBytes(6).toString("hex")}`;
  await withAdminClient(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await withAdminClient(serverUrl, (client) =>
        client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
      );
    },
  };
}

async function withAdminClient<T>(
  serverUrl: string,
  work: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
