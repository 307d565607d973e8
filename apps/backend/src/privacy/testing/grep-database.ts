// Test support: searches every column of every table (cast to text, case-insensitive) for some
// strings, so an erasure test proves that nothing anywhere still holds a person's data, including
// tables added after the test was written.
import type { Database } from "@greenloop/db";

export interface DatabaseHit {
  table: string;
  column: string;
  needle: string;
  rows: number;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

export async function grepDatabase(
  db: Pick<Database, "prisma">,
  needles: readonly string[],
): Promise<DatabaseHit[]> {
  const wanted = [...new Set(needles.map((n) => n.toLowerCase()).filter((n) => n !== ""))];
  if (wanted.length === 0) return [];
  const columns = await db.prisma.$queryRawUnsafe<Array<{ table: string; column: string }>>(
    `SELECT c.table_name::text AS table, c.column_name::text AS column
       FROM information_schema.columns c
       JOIN information_schema.tables t
         ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
        AND c.table_name <> '_prisma_migrations'
      ORDER BY c.table_name, c.ordinal_position`,
  );
  const byTable = new Map<string, string[]>();
  for (const { table, column } of columns)
    byTable.set(table, [...(byTable.get(table) ?? []), column]);
  const hits: DatabaseHit[] = [];
  for (const [table, names] of byTable) {
    const values = names.map((name) => `('${name.replaceAll("'", "''")}', t.${quote(name)}::text)`);
    const rows = await db.prisma.$queryRawUnsafe<
      Array<{ column: string; needle: string; rows: number }>
    >(
      `SELECT c.name AS column, n.needle, count(*)::int AS rows
         FROM ${quote(table)} t
         CROSS JOIN LATERAL (VALUES ${values.join(", ")}) AS c(name, value)
         CROSS JOIN unnest($1::text[]) AS n(needle)
        WHERE strpos(lower(c.value), n.needle) > 0
        GROUP BY c.name, n.needle`,
      wanted,
    );
    for (const row of rows) hits.push({ table, ...row, rows: Number(row.rows) });
  }
  return hits.sort((a, b) => `${a.table}.${a.column}`.localeCompare(`${b.table}.${b.column}`));
}

/** Every table as JSON text, to show that an operation changed nothing at all. */
export async function dumpDatabase(db: Pick<Database, "prisma">): Promise<Record<string, string>> {
  const tables = await db.prisma.$queryRawUnsafe<Array<{ table: string }>>(
    `SELECT table_name::text AS table FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
        AND table_name <> '_prisma_migrations'
      ORDER BY table_name`,
  );
  const dump: Record<string, string> = {};
  for (const { table } of tables) {
    const [row] = await db.prisma.$queryRawUnsafe<Array<{ rows: string }>>(
      `SELECT coalesce(jsonb_agg(to_jsonb(t) ORDER BY to_jsonb(t)::text), '[]')::text AS rows
         FROM ${quote(table)} t`,
    );
    dump[table] = row?.rows ?? "[]";
  }
  return dump;
}
