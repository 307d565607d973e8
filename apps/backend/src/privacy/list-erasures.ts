// The audit trail of erasures, newest first: who ran each, why, and how many rows it changed.
import type { Database } from "@greenloop/db";
import { DomainError } from "@greenloop/order-sync/errors";

export interface ErasureView {
  id: string;
  customerId: string;
  requestedBy: string;
  reason: string | null;
  /** Rows changed per table. */
  removed: Record<string, number>;
  erasedAt: Date;
}

export interface ErasurePage {
  erasures: ErasureView[];
  /** Pass as `after` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function listErasures(
  db: Pick<Database, "prisma">,
  options: { limit: number; after?: string },
): Promise<ErasurePage> {
  const { limit, after } = options;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw new DomainError("BAD_INPUT", `limit must be a whole number 1-100 (got ${limit})`);
  }
  if (after !== undefined && !uuidPattern.test(after)) {
    throw new DomainError("BAD_INPUT", "after must be an erasure id (a cursor from the last page)");
  }
  if (after !== undefined) {
    const known = await db.prisma.erasure.count({ where: { id: after } });
    if (known === 0) throw new DomainError("BAD_INPUT", "after names no erasure");
  }
  const rows = await db.prisma.erasure.findMany({
    orderBy: [{ erasedAt: "desc" }, { id: "desc" }],
    ...(after !== undefined ? { cursor: { id: after }, skip: 1 } : {}),
    take: limit + 1,
    select: {
      id: true,
      customerId: true,
      requestedBy: true,
      reason: true,
      removed: true,
      erasedAt: true,
    },
  });
  const page = rows.slice(0, limit);
  return {
    erasures: page.map((row) => ({ ...row, removed: row.removed as Record<string, number> })),
    nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
  };
}
