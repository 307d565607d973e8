// Monotonic counters for events that leave nothing else behind (a rejected webhook is not stored,
// but how many were rejected is what tells an operator the secret is wrong).
import type { Database } from "@greenloop/db";

type Db = Pick<Database, "prisma">;

export async function incrementOperationalCounter(db: Db, name: string, by = 1): Promise<void> {
  await db.prisma.$executeRawUnsafe(
    `INSERT INTO "OperationalCounter" (name, value, "updatedAt") VALUES ($1, $2::bigint, now())
     ON CONFLICT (name) DO UPDATE
       SET value = "OperationalCounter".value + EXCLUDED.value, "updatedAt" = now()`,
    name,
    String(by),
  );
}

/** The named counters' values (0 for a counter never incremented). */
export async function readOperationalCounters<Name extends string>(
  db: Db,
  names: readonly Name[],
): Promise<Record<Name, number>> {
  const rows = await db.prisma.operationalCounter.findMany({
    where: { name: { in: [...names] } },
    select: { name: true, value: true },
  });
  const values = Object.fromEntries(names.map((name) => [name, 0])) as Record<Name, number>;
  for (const row of rows) values[row.name as Name] = Number(row.value);
  return values;
}
