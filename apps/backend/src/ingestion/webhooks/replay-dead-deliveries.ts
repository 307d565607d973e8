// Dead-letter recovery: put DEAD deliveries back in the queue with a fresh set of attempts, and
// list deliveries for an operator (never their raw bodies, which hold personal data).
import type { Database, Prisma, WebhookDeliveryStatus } from "@greenloop/db";
import { DomainError } from "@greenloop/order-sync/errors";
import { webhookQueueNow } from "./webhook-queue-clock";

type Db = Pick<Database, "prisma">;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Delivery ids are UUIDs; anything else is a typo, said before the database sees it. */
export function assertDeliveryIds(ids: string[]): void {
  const invalid = ids.filter((id) => !uuidPattern.test(id));
  if (invalid.length > 0) {
    throw new DomainError("BAD_INPUT", `not a delivery id (a UUID): ${invalid.join(", ")}`);
  }
}

export interface ReplayResult {
  /** Ids put back to PENDING. */
  replayed: string[];
  /** Requested ids that were not DEAD (status) or do not exist (status null). */
  skipped: Array<{ id: string; status: WebhookDeliveryStatus | null }>;
}

/** The statuses a replay may take back: settled deliveries, never one queued or in flight. */
export const replayableStatuses = ["DEAD", "DONE"] as const satisfies WebhookDeliveryStatus[];

/**
 * Every DEAD delivery, or only `ids` (which must be DEAD), back to PENDING, due now. `matching`
 * narrows it to an inbox filter; `statuses` (default DEAD) may add DONE deliveries, which the
 * worker then fetches again: harmless, the mirror upserts by version.
 */
export async function replayDeadDeliveries(
  db: Db,
  options: {
    ids?: string[];
    /**
     * When they are due: the worker's clock (tests inject one). Default: the queue's clock, which
     * the worker claims by; never the store's (a store clock moved ahead would leave them waiting).
     */
    now?: Date;
    matching?: Prisma.WebhookDeliveryWhereInput;
    statuses?: ReadonlyArray<(typeof replayableStatuses)[number]>;
  } = {},
): Promise<ReplayResult> {
  const ids = options.ids ? [...new Set(options.ids)] : undefined;
  if (ids) assertDeliveryIds(ids);
  const now = options.now ?? webhookQueueNow();
  const statuses = options.statuses ?? ["DEAD"];
  const rows = await db.prisma.webhookDelivery.updateManyAndReturn({
    where: {
      AND: [
        { status: { in: [...statuses] } },
        ...(ids ? [{ id: { in: ids } }] : []),
        ...(options.matching ? [options.matching] : []),
      ],
    },
    data: { status: "PENDING", attempts: 0, nextAttemptAt: now, processedAt: null },
    select: { id: true },
  });
  const replayed = rows.map((row) => row.id).sort();
  const skipped: ReplayResult["skipped"] = [];
  if (ids) {
    const done = new Set(replayed);
    const rest = ids.filter((id) => !done.has(id));
    const found = await db.prisma.webhookDelivery.findMany({
      where: { id: { in: rest } },
      select: { id: true, status: true },
    });
    for (const id of rest) {
      skipped.push({ id, status: found.find((row) => row.id === id)?.status ?? null });
    }
  }
  return { replayed, skipped };
}

export interface WebhookDeliverySummary {
  id: string;
  type: string;
  objectId: string | null;
  status: WebhookDeliveryStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  receivedAt: Date;
  processedAt: Date | null;
}

export const webhookDeliveryStatuses = ["PENDING", "PROCESSING", "DONE", "DEAD"] as const;

export interface WebhookDeliveryPage {
  deliveries: WebhookDeliverySummary[];
  /** Pass as `after` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

/** The columns of a `WebhookDeliverySummary`. */
export const deliveryColumns = {
  id: true,
  type: true,
  objectId: true,
  status: true,
  attempts: true,
  nextAttemptAt: true,
  lastError: true,
  receivedAt: true,
  processedAt: true,
} as const;

const newestFirst: Prisma.WebhookDeliveryOrderByWithRelationInput[] = [
  { receivedAt: "desc" },
  { id: "asc" },
];

/**
 * Deliveries newest first, optionally of one status, a page at a time: `after` is the previous
 * page's `nextCursor` (a delivery id). One that changed status in between (replayed, processed)
 * still marks the place.
 */
export async function pageWebhookDeliveries(
  db: Db,
  options: { status?: WebhookDeliveryStatus; limit: number; after?: string },
): Promise<WebhookDeliveryPage> {
  const { after, limit } = options;
  if (after !== undefined) assertDeliveryIds([after]);
  const rows = await db.prisma.webhookDelivery.findMany({
    where: options.status ? { status: options.status } : {},
    orderBy: newestFirst,
    select: deliveryColumns,
    // The cursor row is read too unless it no longer matches the filter: dropped, not skipped.
    ...(after === undefined ? {} : { cursor: { id: after } }),
    take: limit + 2,
  });
  const rest = after !== undefined && rows[0]?.id === after ? rows.slice(1) : rows;
  const deliveries = rest.slice(0, limit);
  return {
    deliveries,
    nextCursor: rest.length > limit ? (deliveries.at(-1)?.id ?? null) : null,
  };
}
