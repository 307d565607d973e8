// The eCom orders not in X-Series yet (imported from the export, no synced sale), with their ages.
// Cancelled and voided orders are left out: nothing says they will ever reach X-Series.
import type { Database } from "@greenloop/db";

const DAY_MS = 86_400_000;

export interface UnsyncedEcomOrder {
  ecomOrderNumber: string;
  placedAt: Date;
  /** Whole days since it was placed (floored): 3 means at least 3 × 24 hours. */
  ageDays: number;
  ageSeconds: number;
  customerId: string | null;
}

/** Unsynced eCom orders at least `minAgeDays` old at `now`, oldest first. */
export async function listEcomBacklog(
  db: Pick<Database, "prisma">,
  options: { now: Date; minAgeDays?: number },
): Promise<UnsyncedEcomOrder[]> {
  const { now } = options;
  const placedBy = new Date(now.getTime() - (options.minAgeDays ?? 0) * DAY_MS);
  const rows = await db.prisma.order.findMany({
    where: {
      channel: "ECOM",
      source: "ecom_unsynced",
      countsInAnalytics: true,
      ecomOrderNumber: { not: null },
      placedAt: { lte: placedBy },
    },
    select: { ecomOrderNumber: true, placedAt: true, customerId: true },
    orderBy: [{ placedAt: "asc" }, { ecomOrderNumber: "asc" }],
  });
  return rows.map((row) => {
    const ageMs = Math.max(0, now.getTime() - row.placedAt.getTime());
    return {
      ecomOrderNumber: row.ecomOrderNumber ?? "",
      placedAt: row.placedAt,
      ageDays: Math.floor(ageMs / DAY_MS),
      ageSeconds: Math.floor(ageMs / 1000),
      customerId: row.customerId,
    };
  });
}
