// Catch-up for the merge: re-merges every mirror row changed since the last sweep (minus a margin
// for transactions that committed late), or everything with `all`. The ingestion paths call the
// merge right after each commit (ingestion/retail-change-handler.ts, imports/import-merge.ts); this
// sweep makes sure a crash or a failed call between the two never leaves a change unmerged.
// Re-merging is idempotent, so overlap costs only time.
import type { Database } from "@greenloop/db";
import { addMergeResult, type MergeResult, mergeChanges, noMergeChanges } from "./merge-changes";
import type { MergeRules } from "./merge-rules";

/** Where the sweep's watermark (epoch ms of the last sweep's start) is kept. */
const watermarkResource = "merge:watermark";
const DEFAULT_MARGIN_MS = 10 * 60_000;
const CHUNK = 2_000;

export interface SweepOptions {
  /** Re-merge everything, not only what changed since the last sweep. */
  all?: boolean;
  marginMs?: number;
  signal?: AbortSignal;
  onProgress?: (merged: number) => void;
}

export interface SweepResult extends MergeResult {
  sales: number;
  retailCustomers: number;
  ecomOrders: number;
  since: Date | null;
}

export async function sweepMerge(
  db: Pick<Database, "prisma" | "bulkTransaction">,
  rules: MergeRules,
  options: SweepOptions = {},
): Promise<SweepResult> {
  const [{ now }] = (await db.prisma.$queryRawUnsafe<Array<{ now: Date }>>(
    "SELECT now() AS now",
  )) as [{ now: Date }];
  const watermark = options.all ? null : await readWatermark(db);
  const since =
    watermark === null ? null : new Date(watermark - (options.marginMs ?? DEFAULT_MARGIN_MS));
  const after = since ?? new Date(0);
  const total: SweepResult = {
    sales: 0,
    retailCustomers: 0,
    ecomOrders: 0,
    since,
    ...noMergeChanges(),
  };

  // Customers first, like the poll: their identifiers are in place when their sales arrive.
  const sources = [
    { table: "RetailCustomer", key: "id", at: "lastSeenAt", field: "retailCustomerIds" },
    { table: "RetailSale", key: "id", at: "lastSeenAt", field: "saleIds" },
    { table: "EcomOrder", key: '"orderNumber"', at: "updatedAt", field: "ecomOrderNumbers" },
  ] as const;
  for (const source of sources) {
    let cursor = "";
    for (;;) {
      if (options.signal?.aborted) return total;
      const rows = await db.prisma.$queryRawUnsafe<Array<{ id: string }>>(
        `SELECT ${source.key} AS id FROM "${source.table}"
          WHERE "${source.at}" >= $1 AND ${source.key} > $2 ORDER BY ${source.key} LIMIT ${CHUNK}`,
        after,
        cursor,
      );
      if (rows.length === 0) break;
      const ids = rows.map((row) => row.id);
      addMergeResult(total, await mergeChanges(db, { [source.field]: ids }, rules));
      if (source.field === "saleIds") total.sales += ids.length;
      else if (source.field === "retailCustomerIds") total.retailCustomers += ids.length;
      else total.ecomOrders += ids.length;
      options.onProgress?.(total.sales + total.retailCustomers + total.ecomOrders);
      cursor = ids[ids.length - 1] ?? cursor;
    }
  }
  await writeWatermark(db, now.getTime());
  return total;
}

async function readWatermark(db: Pick<Database, "prisma">): Promise<number | null> {
  const row = await db.prisma.syncCursor.findUnique({
    where: { resource: watermarkResource },
    select: { afterVersion: true },
  });
  return row ? Number(row.afterVersion) : null;
}

async function writeWatermark(db: Pick<Database, "prisma">, atMs: number): Promise<void> {
  await db.prisma.syncCursor.upsert({
    where: { resource: watermarkResource },
    create: { resource: watermarkResource, afterVersion: BigInt(atMs) },
    update: { afterVersion: BigInt(atMs) },
  });
}
