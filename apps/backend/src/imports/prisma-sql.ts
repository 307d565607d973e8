// Prisma's raw queries behind the `query(sql, params)` shape of a BulkSession, so the statements
// written for bulk transactions also run on the Prisma client outside one.
import type { BulkSession, PrismaClient } from "@greenloop/db";

export function prismaSql(
  prisma: Pick<PrismaClient, "$queryRawUnsafe">,
): Pick<BulkSession, "query"> {
  return {
    query: <Row extends Record<string, unknown>>(sql: string, params: unknown[] = []) =>
      prisma.$queryRawUnsafe<Row[]>(sql, ...params),
  };
}
