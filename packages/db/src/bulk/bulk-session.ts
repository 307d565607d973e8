// A transaction on a driver session of its own, for bulk loads: plain SQL and COPY FROM, without
// Prisma in between (its raw-query path costs ≈ 21 ms of CPU per MB of parameters; COPY costs
// the server less than any INSERT too). Used where a few statements move a lot of data.
import type { CopyValue } from "./copy-text";

export interface BulkSession {
  /** One parameterised statement in the transaction; returns its rows. */
  query<Row extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /**
   * `COPY table (columns) FROM STDIN` of these rows, in the transaction; resolves the number of
   * rows copied. Table and column names are quoted here (plain identifiers only). A failing row
   * (a constraint, a malformed value) fails the statement, and the transaction with it.
   */
  copyFrom(
    table: string,
    columns: readonly string[],
    rows: Iterable<readonly CopyValue[]>,
  ): Promise<number>;
}

/** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
export type BulkTransaction = <T>(work: (session: BulkSession) => Promise<T>) => Promise<T>;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `COPY "Table" ("a", "b") FROM <source>` with the names checked and quoted. */
export function copyStatement(table: string, columns: readonly string[], source: string): string {
  const quote = (name: string) => {
    if (!IDENTIFIER.test(name)) throw new RangeError(`Not a plain SQL identifier: ${name}`);
    return `"${name}"`;
  };
  if (columns.length === 0) throw new RangeError(`COPY into ${table} needs at least one column`);
  return `COPY ${quote(table)} (${columns.map(quote).join(", ")}) FROM ${source}`;
}
