// Small JSON state the monitoring job keeps between runs (counter samples, baselines), by key.
import type { Database, Prisma } from "@greenloop/db";

type Client = Pick<Prisma.TransactionClient, "monitorState">;

export async function readMonitorState<T>(
  db: Pick<Database, "prisma"> | { prisma: Client },
  key: string,
): Promise<T | null> {
  const row = await db.prisma.monitorState.findUnique({ where: { key }, select: { value: true } });
  return row ? (row.value as T) : null;
}

export async function writeMonitorState(
  prisma: Client,
  key: string,
  value: Prisma.InputJsonValue,
): Promise<void> {
  await prisma.monitorState.upsert({
    where: { key },
    create: { key, value },
    update: { value },
    select: { key: true },
  });
}
