// Between Prisma's raw queries and a BulkSession's `query(sql, params)`: the statements written
// for bulk transactions also run on the Prisma client outside one, and helpers written against
// Prisma's `$queryRawUnsafe` also run inside a bulk transaction.
import type { PrismaClient } from "../generated/prisma/client";
import type { BulkSession } from "./bulk-session";

export function prismaSql(
  prisma: Pick<PrismaClient, "$queryRawUnsafe">,
): Pick<BulkSession, "query"> {
  return {
    query: <Row extends Record<string, unknown>>(sql: string, params: unknown[] = []) =>
      prisma.$queryRawUnsafe<Row[]>(sql, ...params),
  };
}

export function rawQueryClient(session: Pick<BulkSession, "query">) {
  return {
    $queryRawUnsafe: <T = unknown>(sql: string, ...params: unknown[]): Promise<T> =>
      session.query(sql, params) as Promise<T>,
  };
}
