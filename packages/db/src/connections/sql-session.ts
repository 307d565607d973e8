// The small raw-SQL surface the migration runner needs, over either driver (PGlite or pg).
// Prisma is not used for migrations: its migrate engine cannot run here on real Postgres.

export interface SqlSession {
  /** One parameterised statement; returns its rows. */
  query<Row extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** A script of several statements, no parameters (a migration file). */
  exec(sql: string): Promise<void>;
}

export interface SqlConnection {
  /** Runs `work` on one pinned session (session-level advisory locks need that). */
  withSession<T>(work: (session: SqlSession) => Promise<T>): Promise<T>;
}
