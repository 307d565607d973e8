// One set-based statement that writes a batch of records into a raw mirror table, keeping for
// each id the highest `version` ever seen: an older or repeated record changes nothing, so
// out-of-order and duplicate deliveries are harmless. Bulk paths use unnest arrays, not row loops.
import type { Prisma } from "@greenloop/db";

type Client = Pick<Prisma.TransactionClient, "$queryRawUnsafe">;

export interface MirrorColumn {
  /** Column name in the table (a constant of ours, never input). */
  name: string;
  /** Postgres element type of the parameter array, e.g. `text`, `numeric`, `timestamptz`. */
  type: string;
  values: unknown[];
  /** SQL turning the unnested value `v` into the column value (default: `v` itself). */
  convert?: (value: string) => string;
}

export interface MirrorWriteResult {
  inserted: string[];
  updated: string[];
  /** Records whose version was not newer than the stored one. */
  unchanged: number;
}

export async function upsertByVersion(
  client: Client,
  table: string,
  ids: string[],
  versions: number[],
  columns: MirrorColumn[],
): Promise<MirrorWriteResult> {
  if (ids.length === 0) return { inserted: [], updated: [], unchanged: 0 };
  const all: MirrorColumn[] = [
    { name: "id", type: "text", values: ids },
    { name: "version", type: "bigint", values: versions.map(String) },
    ...columns,
  ];
  const aliases = all.map((_, index) => `c${index}`);
  const sql = `
    INSERT INTO "${table}" (${all.map((c) => `"${c.name}"`).join(", ")}, "firstSeenAt", "lastSeenAt")
    SELECT ${all.map((c, i) => (c.convert ? c.convert(`t.${aliases[i]}`) : `t.${aliases[i]}`)).join(", ")}, now(), now()
      FROM unnest(${all.map((c, i) => `$${i + 1}::${c.type}[]`).join(", ")}) AS t(${aliases.join(", ")})
    ON CONFLICT (id) DO UPDATE SET
      ${all
        .slice(1)
        .map((c) => `"${c.name}" = EXCLUDED."${c.name}"`)
        .join(",\n      ")},
      "lastSeenAt" = now()
    WHERE "${table}".version < EXCLUDED.version
    RETURNING id, (xmax = 0) AS inserted`;
  const rows = await client.$queryRawUnsafe<Array<{ id: string; inserted: boolean }>>(
    sql,
    ...all.map((c) => c.values),
  );
  const inserted = rows.filter((r) => r.inserted).map((r) => r.id);
  const updated = rows.filter((r) => !r.inserted).map((r) => r.id);
  return { inserted, updated, unchanged: ids.length - rows.length };
}

/** Keeps the highest version of each id, so one statement never touches a row twice. */
export function latestById<T>(
  records: T[],
  key: (record: T) => { id: string; version: number },
): T[] {
  const latest = new Map<string, T>();
  for (const record of records) {
    const { id, version } = key(record);
    const seen = latest.get(id);
    if (!seen || key(seen).version < version) latest.set(id, record);
  }
  return [...latest.values()];
}
