// PostgreSQL for production and scale: one pg pool, shared with Prisma's adapter.
import { DomainError } from "@greenloop/order-sync/errors";
import pg from "pg";
import type { BulkTransaction } from "../bulk/bulk-session";
import { postgresBulkTransaction } from "../bulk/postgres-bulk-transaction";
import { redactDatabaseUrl } from "./redact-database-url";
import type { SqlConnection } from "./sql-session";
import { withPooledClient } from "./with-pooled-client";

export interface PostgresConnection extends SqlConnection {
  readonly pool: pg.Pool;
  /** The URL without its password. */
  readonly location: string;
  readonly bulkTransaction: BulkTransaction;
  close(): Promise<void>;
}

export interface PostgresConnectionOptions {
  databaseUrl: string;
  poolSize?: number;
  connectTimeoutMs?: number;
  /** Errors on idle pooled connections (server restart): reported, never thrown. */
  onIdleError?: (error: Error) => void;
}

export async function openPostgresConnection(
  options: PostgresConnectionOptions,
): Promise<PostgresConnection> {
  const location = redactDatabaseUrl(options.databaseUrl);
  assertPostgresUrl(options.databaseUrl, location);
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    // Prisma's adapters send Dates as timestamps without a zone: every session must be UTC, or
    // each instant written is shifted by the server's zone (and read back "correctly", hiding it).
    options: "-c TimeZone=UTC",
  });
  pool.on("error", (error) => options.onIdleError?.(error));
  try {
    // Fail fast and clearly at start rather than on the first request.
    await pool.query("SELECT 1");
  } catch (cause) {
    await pool.end().catch(() => {});
    throw describeConnectError(cause, location);
  }
  let closed = false;
  return {
    pool,
    location,
    bulkTransaction: postgresBulkTransaction(pool),
    withSession(work) {
      return withPooledClient(pool, (client) =>
        work({
          async query<Row extends Record<string, unknown>>(sql: string, params?: unknown[]) {
            return (await client.query<Row>(sql, params)).rows;
          },
          async exec(sql: string) {
            // Without parameters pg uses the simple protocol, which runs a multi-statement script.
            await client.query(sql);
          },
        }),
      );
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

function assertPostgresUrl(databaseUrl: string, location: string): void {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    throw new DomainError(
      "CONFIG",
      "DATABASE_URL is not a valid URL. Expected postgresql://user:password@host:5432/database " +
        "(or unset it to use the embedded database).",
    );
  }
  if (url.protocol !== "postgresql:" && url.protocol !== "postgres:") {
    throw new DomainError(
      "CONFIG",
      `DATABASE_URL must start with postgresql:// (got ${url.protocol}//, in ${location}).`,
    );
  }
}

function describeConnectError(cause: unknown, location: string): DomainError {
  const error = cause as { code?: string; message?: string };
  const reasons: Record<string, string> = {
    ECONNREFUSED: "the connection was refused: is PostgreSQL running and listening there?",
    ENOTFOUND: "the host name does not resolve",
    EAI_AGAIN: "the host name does not resolve",
    ETIMEDOUT: "the connection timed out",
    "28P01": "the password was rejected",
    "28000": "the server refused this user (check pg_hba.conf and the user name)",
    "3D000": "the database does not exist (create it, or fix the name in DATABASE_URL)",
  };
  const reason =
    (error.code && reasons[error.code]) ||
    (/timeout/i.test(error.message ?? "") ? "the connection timed out" : error.message) ||
    String(cause);
  return new DomainError(
    // A refused or timed-out server may come back; a wrong URL will not.
    error.code === "ECONNREFUSED" || error.code === "ETIMEDOUT" ? "UNAVAILABLE" : "CONFIG",
    `Cannot connect to PostgreSQL at ${location}: ${reason}. Check DATABASE_URL.`,
    { cause, details: { database: location, code: error.code } },
  );
}
