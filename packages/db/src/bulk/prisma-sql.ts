// Between Prisma's raw queries and a BulkSession's `query(sql, params)`: the statements written
// for bulk transactions also run on the Prisma client outside one, and helpers written against
// Prisma's `$queryRawUnsafe` also run inside a bulk transaction.
import type { PrismaClient } from "../generated/prisma/client";
import type { BulkSession } from "./bulk-session";

/**
 * What code written against Prisma's raw queries needs: Prisma's client or transaction satisfy it,
 * and so does a bulk session behind `rawQueryClient`. Result rows are the driver's: text, numbers,
 * booleans, `Date` for timestamptz and parsed JSON are alike on both; select numeric and bigint
 * columns as text or int (Prisma answers Decimal and BigInt, the drivers strings).
 */
export interface RawSqlClient {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
  /** Resolves when the statement is done; callers must not rely on a row count. */
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<unknown>;
}

export function prismaSql(
  prisma: Pick<PrismaClient, "$queryRawUnsafe">,
): Pick<BulkSession, "query"> {
  return {
    query: <Row extends Record<string, unknown>>(sql: string, params: unknown[] = []) =>
      prisma.$queryRawUnsafe<Row[]>(sql, ...params),
  };
}

export function rawQueryClient(session: Pick<BulkSession, "query">): RawSqlClient {
  return {
    $queryRawUnsafe: <T = unknown>(sql: string, ...params: unknown[]): Promise<T> =>
      session.query(sql, params) as Promise<T>,
    $executeRawUnsafe: async (sql: string, ...params: unknown[]): Promise<void> => {
      await session.query(sql, params);
    },
  };
}
