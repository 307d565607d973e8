// The embedded database: PGlite (Postgres in WASM) stored in a data directory, or in memory.
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { DomainError } from "@greenloop/order-sync/errors";
import type { BulkTransaction } from "../bulk/bulk-session";
import { pgliteBulkTransaction } from "../bulk/pglite-bulk-transaction";
import { acquireDataDirLock, type DataDirLock } from "./data-dir-lock";
import type { SqlConnection, SqlSession } from "./sql-session";

/** Pass as the data directory to keep everything in memory (tests). */
export const IN_MEMORY = "memory://";

export interface PgliteConnection extends SqlConnection {
  readonly pglite: PGlite;
  /** Absolute data directory, or `memory://`. */
  readonly location: string;
  readonly bulkTransaction: BulkTransaction;
  close(): Promise<void>;
}

/**
 * Whether `dataDir` holds a PGlite database already. Opening one creates it (and the directory):
 * a caller that must not create anything asks first.
 */
export function hasPgliteDatabase(dataDir: string): boolean {
  // PG_VERSION is what initdb writes first and every cluster keeps.
  return dataDir !== IN_MEMORY && existsSync(path.join(path.resolve(dataDir), "PG_VERSION"));
}

export interface PgliteConnectionOptions {
  /** Start an in-memory database from this dump (`PGlite.dumpDataDir()`) instead of empty. */
  snapshot?: Blob | undefined;
}

export async function openPgliteConnection(
  dataDir: string,
  options: PgliteConnectionOptions = {},
): Promise<PgliteConnection> {
  const inMemory = dataDir === IN_MEMORY;
  const location = inMemory ? IN_MEMORY : path.resolve(dataDir);
  const lock = inMemory ? undefined : prepareDataDir(location);
  let pglite: PGlite;
  try {
    pglite = inMemory
      ? await PGlite.create(options.snapshot ? { loadDataDir: options.snapshot } : {})
      : await PGlite.create(location);
  } catch (cause) {
    lock?.release();
    throw new DomainError(
      "CONFIG",
      `Could not open the embedded database in ${location}: ${describe(cause)}. ` +
        "If the directory holds something other than a PGlite database, point PGLITE_DIR elsewhere.",
      { cause, details: { dataDir: location } },
    );
  }
  // Prisma's adapters send Dates as timestamps without a zone: the session must be UTC, or every
  // instant written is shifted by the server's zone (and read back "correctly", hiding it).
  await pglite.exec("SET TIME ZONE 'UTC'");
  const session: SqlSession = {
    async query<Row extends Record<string, unknown>>(sql: string, params?: unknown[]) {
      return (await pglite.query<Row>(sql, params)).rows;
    },
    async exec(sql: string) {
      await pglite.exec(sql);
    },
  };
  let closed = false;
  return {
    pglite,
    location,
    bulkTransaction: pgliteBulkTransaction(pglite),
    // PGlite has a single backend: every caller already shares one session.
    withSession: (work) => work(session),
    async close() {
      if (closed) return;
      closed = true;
      try {
        await pglite.close();
      } finally {
        lock?.release();
      }
    },
  };
}

function prepareDataDir(dataDir: string): DataDirLock {
  try {
    mkdirSync(dataDir, { recursive: true });
    return acquireDataDirLock(dataDir);
  } catch (cause) {
    if (cause instanceof DomainError) throw cause;
    throw new DomainError(
      "CONFIG",
      `The embedded database directory ${dataDir} cannot be used: ${describe(cause)}. ` +
        "Set PGLITE_DIR to a directory this user can write, or set DATABASE_URL to use PostgreSQL.",
      { cause, details: { dataDir } },
    );
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code ? `${code} (${error.message})` : error.message;
  }
  return String(error);
}
