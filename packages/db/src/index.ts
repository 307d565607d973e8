export type { BulkSession, BulkTransaction } from "./bulk/bulk-session";
export type { CopyValue } from "./bulk/copy-text";
export { pgPlainArray, pgTextArray } from "./bulk/pg-text-array";
export { prismaSql, type RawSqlClient, rawQueryClient } from "./bulk/prisma-sql";
export { isDatabaseUnavailable } from "./connections/is-database-unavailable";
export { hasPgliteDatabase } from "./connections/pglite-connection";
export { redactDatabaseUrl } from "./connections/redact-database-url";
export type * from "./generated/prisma/client";
export { Prisma, PrismaClient } from "./generated/prisma/client";
export type { MigrateResult, MigrationStatus } from "./migrations/migration-runner";
export {
  type Database,
  type DatabaseKind,
  DEFAULT_PGLITE_DIR,
  IN_MEMORY,
  type OpenDatabaseOptions,
  openDatabase,
} from "./open-database";
