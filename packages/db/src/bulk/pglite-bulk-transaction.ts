// BulkTransaction on PGlite: its own transaction (which holds every other caller off until it
// ends), COPY from the `/dev/blob` device PGlite reads a Blob through. In a data directory COPY
// is PGlite's fastest way in (≈ 2× INSERT … unnest); in memory (`memory://`, tests) each COPY
// into a growing table is slower than the last (its in-memory file system resizing the table's
// files, by the profile), which tables of hundreds of MB feel: fine for tests, not for a big store
// kept in memory (see BENCHMARKS.md).
import type { PGlite, Transaction } from "@electric-sql/pglite";
import { type BulkSession, type BulkTransaction, copyStatement } from "./bulk-session";
import { copyTextChunks } from "./copy-text";

export function pgliteBulkTransaction(pglite: PGlite): BulkTransaction {
  return (work) => pglite.transaction((tx) => work(sessionOf(tx)));
}

function sessionOf(tx: Transaction): BulkSession {
  return {
    async query<Row extends Record<string, unknown>>(sql: string, params?: unknown[]) {
      return (await tx.query<Row>(sql, params)).rows;
    },
    async copyFrom(table, columns, rows) {
      const blob = new Blob([...copyTextChunks(rows)]);
      if (blob.size === 0) return 0;
      const result = await tx.query(copyStatement(table, columns, "'/dev/blob'"), [], { blob });
      return result.affectedRows ?? 0;
    },
  };
}
