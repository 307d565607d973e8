// BulkTransaction on PostgreSQL: a pooled client of its own, BEGIN … COMMIT, COPY through
// pg-copy-streams.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFromStdin } from "pg-copy-streams";
import { withPooledClient } from "../connections/with-pooled-client";
import { type BulkSession, type BulkTransaction, copyStatement } from "./bulk-session";
import { copyTextChunks } from "./copy-text";

export function postgresBulkTransaction(pool: pg.Pool): BulkTransaction {
  return (work) =>
    withPooledClient(pool, async (client, markUnusable) => {
      await client.query("BEGIN");
      try {
        const result = await work(sessionOf(client));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        // A client whose transaction could not be ended is not given back to the pool.
        await client.query("ROLLBACK").catch(markUnusable);
        throw error;
      }
    });
}

function sessionOf(client: pg.PoolClient): BulkSession {
  return {
    async query<Row extends Record<string, unknown>>(sql: string, params?: unknown[]) {
      return (await client.query<Row>(sql, params)).rows;
    },
    async copyFrom(table, columns, rows) {
      const copy = client.query(copyFromStdin(copyStatement(table, columns, "STDIN")));
      await pipeline(Readable.from(copyTextChunks(rows)), copy);
      return copy.rowCount;
    },
  };
}
