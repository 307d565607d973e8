// How fresh the X-Series mirror is, per polled resource: the saved cursor, the last successful
// poll and the last run, for `sync.status` and alerting. The webhook side (inbox depth, oldest
// pending delivery) comes from `getWebhookInboxStats` in ingestion/webhooks; the status router
// combines the two: `{ polling: await getSyncFreshness(db, …), webhooks: await getWebhookInboxStats(db) }`.
import type { JobStatus, Prisma } from "@greenloop/db";
import { pollJobName } from "./poll-retail";
import type { PolledResource } from "./sync-cursor";

export interface ResourceFreshness {
  resource: PolledResource;
  /** The saved after-version; null when this resource was never polled. */
  cursor: number | null;
  cursorUpdatedAt: Date | null;
  /** When the last successful poll finished; null when none ever did. */
  lastSuccessAt: Date | null;
  /** Seconds from `lastSuccessAt` to now; null when none ever succeeded. */
  lagSeconds: number | null;
  /** No successful poll within two sync intervals. */
  stale: boolean;
  lastRun: {
    status: JobStatus;
    trigger: string;
    startedAt: Date;
    finishedAt: Date | null;
    /** Why it failed (or that it was interrupted); null when it did not fail. */
    error: string | null;
    /** Malformed records it skipped. */
    errors: number;
  } | null;
}

export interface SyncFreshness {
  checkedAt: Date;
  syncIntervalMs: number;
  /**
   * Sales or customers are stale. The catalog's lists say so each on their own and do not count
   * here: orders and customers stay right without them (only the product views wait), and a
   * token without catalog access must not mark the whole sync stale.
   */
  stale: boolean;
  sales: ResourceFreshness;
  customers: ResourceFreshness;
  productCategories: ResourceFreshness;
  brands: ResourceFreshness;
  products: ResourceFreshness;
}

/** No successful poll within two sync intervals, or none ever. */
export function isPollStale(
  lastSuccessAt: Date | null,
  { now, syncIntervalMs }: { now: Date; syncIntervalMs: number },
): boolean {
  return lastSuccessAt === null || now.getTime() - lastSuccessAt.getTime() > 2 * syncIntervalMs;
}

export async function getSyncFreshness(
  // Also inside a transaction (the alert evaluation's).
  db: { prisma: Pick<Prisma.TransactionClient, "syncCursor" | "jobRun"> },
  options: { now?: Date; syncIntervalMs: number },
): Promise<SyncFreshness> {
  const now = options.now ?? new Date();
  const cursors = await db.prisma.syncCursor.findMany({
    select: { resource: true, afterVersion: true, updatedAt: true },
  });

  const read = async (resource: PolledResource): Promise<ResourceFreshness> => {
    const job = pollJobName(resource);
    const [lastSuccess, lastRun] = await Promise.all([
      db.prisma.jobRun.findFirst({
        where: { job, status: "SUCCEEDED" },
        orderBy: { startedAt: "desc" },
        select: { finishedAt: true },
      }),
      db.prisma.jobRun.findFirst({
        where: { job },
        orderBy: { startedAt: "desc" },
        select: {
          status: true,
          trigger: true,
          startedAt: true,
          finishedAt: true,
          error: true,
          errors: true,
        },
      }),
    ]);
    const cursor = cursors.find((row) => row.resource === resource);
    const lastSuccessAt = lastSuccess?.finishedAt ?? null;
    const lagMs = lastSuccessAt ? Math.max(0, now.getTime() - lastSuccessAt.getTime()) : null;
    return {
      resource,
      cursor: cursor ? Number(cursor.afterVersion) : null,
      cursorUpdatedAt: cursor?.updatedAt ?? null,
      lastSuccessAt,
      lagSeconds: lagMs === null ? null : Math.round(lagMs / 1000),
      stale: isPollStale(lastSuccessAt, { now, syncIntervalMs: options.syncIntervalMs }),
      lastRun,
    };
  };

  const [sales, customers, productCategories, brands, products] = await Promise.all([
    read("sales"),
    read("customers"),
    read("productCategories"),
    read("brands"),
    read("products"),
  ]);
  return {
    checkedAt: now,
    syncIntervalMs: options.syncIntervalMs,
    stale: sales.stale || customers.stale,
    sales,
    customers,
    productCategories,
    brands,
    products,
  };
}
