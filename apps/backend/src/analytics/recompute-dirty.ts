// Runs the incremental analytics until no customer is left dirty: after a merge, after an import
// batch, and from `pnpm cli analytics`.
import type { AnalyticsConfig } from "@greenloop/order-sync/analytics";
import {
  type AnalyticsDatabase,
  type AnalyticsRunResult,
  recomputeDirtyCustomers,
} from "./recompute-analytics";

export async function recomputeAllDirty(
  db: AnalyticsDatabase,
  options: { config: AnalyticsConfig; trigger?: string; signal?: AbortSignal; now?: () => Date },
): Promise<AnalyticsRunResult> {
  let total: AnalyticsRunResult | null = null;
  for (;;) {
    const run = await recomputeDirtyCustomers(db, options);
    total = total
      ? {
          ...run,
          customers: total.customers + run.customers,
          orders: total.orders + run.orders,
          durationMs: total.durationMs + run.durationMs,
        }
      : run;
    if (run.customers === 0 || options.signal?.aborted) return total;
  }
}

/** Whether any customer waits for its analytics (cheap: one indexed row at most). */
export async function hasDirtyCustomers(db: Pick<AnalyticsDatabase, "prisma">): Promise<boolean> {
  const rows = await db.prisma.$queryRawUnsafe<unknown[]>(
    `SELECT 1 FROM "Customer" WHERE "metricsDirtyAt" IS NOT NULL LIMIT 1`,
  );
  return rows.length > 0;
}
