// The eCom orders not in X-Series yet (imported from the export, no synced sale), with their ages.
// Cancelled and voided orders are left out: nothing says they will ever reach X-Series.
import { type Database, Prisma } from "@greenloop/db";
import Decimal from "decimal.js";
import {
  decodePageCursor,
  isTimeText,
  monitoringListRefusal,
  pageOf,
} from "../../paging/page-cursor";

const DAY_MS = 86_400_000;
const CURSOR_SCOPE = "ecom-backlog:placedAt:asc";

export interface UnsyncedEcomOrder {
  ecomOrderNumber: string;
  placedAt: Date;
  /** Whole days since it was placed (floored): 3 means at least 3 × 24 hours. */
  ageDays: number;
  ageSeconds: number;
  customerId: string | null;
  /** The customer's display name (null without a customer, a name, or once erased). */
  customerName: string | null;
  /** What the customer paid, exact. */
  total: Decimal;
}

export interface EcomBacklogOptions {
  now: Date;
  /** Only orders at least this many days old at `now` (default 0: all). */
  minAgeDays?: number;
  /** Only orders placed at or after this time. */
  since?: Date;
}

export interface EcomBacklogPage {
  orders: UnsyncedEcomOrder[];
  /** Orders in the whole backlog (every page). */
  total: number;
  /** Pass as `after` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** Unsynced eCom orders at least `minAgeDays` old at `now`, oldest first. */
export async function listEcomBacklog(
  db: Pick<Database, "prisma">,
  options: EcomBacklogOptions,
): Promise<UnsyncedEcomOrder[]> {
  const rows = await db.prisma.order.findMany({
    where: backlogWhere(options),
    select: backlogColumns,
    orderBy: backlogOrder,
  });
  return rows.map((row) => unsyncedOrderOf(row, options.now));
}

export interface EcomBacklogSummary {
  count: number;
  oldestPlacedAt: Date | null;
  /**
   * Orders per 15-minute slot placed, oldest first. Every time zone's offset is a whole number of
   * quarter hours, so a slot never straddles two store-local days: weekly counts stay exact.
   */
  slots: Array<{ placedAt: Date; orders: number }>;
}

/** The backlog's size, oldest order and spread over time, without reading it order by order. */
export async function summarizeEcomBacklog(
  db: Pick<Database, "prisma">,
  options: EcomBacklogOptions,
): Promise<EcomBacklogSummary> {
  // One pass: the slots give the count, and the first slot's earliest order is the oldest.
  const rows = await db.prisma.$queryRaw<Array<{ placedAt: Date; orders: number; earliest: Date }>>`
    SELECT to_timestamp(floor(extract(epoch FROM b."placedAt") / 900) * 900) AS "placedAt",
      count(*)::int AS orders, min(b."placedAt") AS earliest
    FROM (${ecomBacklogSql(options)}) AS b GROUP BY 1 ORDER BY 1`;
  return {
    count: rows.reduce((sum, row) => sum + row.orders, 0),
    oldestPlacedAt: rows[0]?.earliest ?? null,
    slots: rows.map(({ placedAt, orders }) => ({ placedAt, orders })),
  };
}

/** One page of the backlog, oldest first; `after` is the previous page's `nextCursor`. */
export async function pageEcomBacklog(
  db: Pick<Database, "prisma">,
  options: EcomBacklogOptions & { limit: number; after?: string },
): Promise<EcomBacklogPage> {
  const where = backlogWhere(options);
  const cursor =
    options.after === undefined
      ? undefined
      : decodePageCursor(options.after, CURSOR_SCOPE, {
          isValue: isTimeText,
          // The tie-breaker is the eCom order number, not a row id.
          isId: () => true,
          refusal: monitoringListRefusal,
        });
  const after = cursor && { at: new Date(cursor.value), key: cursor.id };
  const [rows, total] = await Promise.all([
    db.prisma.order.findMany({
      where: after
        ? {
            AND: [
              where,
              {
                OR: [
                  { placedAt: { gt: after.at } },
                  { placedAt: after.at, ecomOrderNumber: { gt: after.key } },
                ],
              },
            ],
          }
        : where,
      select: backlogColumns,
      orderBy: backlogOrder,
      take: options.limit + 1,
    }),
    db.prisma.order.count({ where }),
  ]);
  const { page, nextCursor } = pageOf(rows, options.limit, (row) => ({
    scope: CURSOR_SCOPE,
    value: row.placedAt.toISOString(),
    id: row.ecomOrderNumber ?? "",
  }));
  return { orders: page.map((row) => unsyncedOrderOf(row, options.now)), total, nextCursor };
}

function backlogWhere({ now, minAgeDays, since }: EcomBacklogOptions): Prisma.OrderWhereInput {
  return {
    channel: "ECOM",
    source: "ecom_unsynced",
    countsInAnalytics: true,
    ecomOrderNumber: { not: null },
    placedAt: {
      lte: new Date(now.getTime() - (minAgeDays ?? 0) * DAY_MS),
      ...(since ? { gte: since } : {}),
    },
  };
}

/**
 * The same backlog as a query (`ecomOrderNumber`, `placedAt`, `customerId`, `total`), for
 * set-based work over every unsynced order (the missing-order alerts, the aging buckets): kept
 * equal to `backlogWhere`.
 */
export function ecomBacklogSql({ now, minAgeDays, since }: EcomBacklogOptions): Prisma.Sql {
  const placedBy = new Date(now.getTime() - (minAgeDays ?? 0) * DAY_MS);
  return Prisma.sql`
    SELECT o."ecomOrderNumber", o."placedAt", o."customerId", o.total
    FROM "Order" o
    WHERE o.channel = 'ECOM' AND o.source = 'ecom_unsynced' AND o."countsInAnalytics"
      AND o."ecomOrderNumber" IS NOT NULL AND o."placedAt" <= ${placedBy}
      ${since ? Prisma.sql`AND o."placedAt" >= ${since}` : Prisma.empty}`;
}

const backlogColumns = {
  ecomOrderNumber: true,
  placedAt: true,
  customerId: true,
  total: true,
  customer: { select: { displayName: true } },
} as const;

// ecomOrderNumber is unique: the order is total, as keyset paging needs.
const backlogOrder: Prisma.OrderOrderByWithRelationInput[] = [
  { placedAt: "asc" },
  { ecomOrderNumber: "asc" },
];

function unsyncedOrderOf(
  row: {
    ecomOrderNumber: string | null;
    placedAt: Date;
    customerId: string | null;
    total: Prisma.Decimal;
    customer: { displayName: string | null } | null;
  },
  now: Date,
): UnsyncedEcomOrder {
  const ageMs = Math.max(0, now.getTime() - row.placedAt.getTime());
  return {
    ecomOrderNumber: row.ecomOrderNumber ?? "",
    placedAt: row.placedAt,
    ageDays: Math.floor(ageMs / DAY_MS),
    ageSeconds: Math.floor(ageMs / 1000),
    customerId: row.customerId,
    customerName: row.customer?.displayName ?? null,
    total: new Decimal(row.total.toString()),
  };
}
