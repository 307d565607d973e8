// The webhook inbox as the operator reads it: deliveries newest first, filtered, a keyset page at
// a time, each with every failed attempt's error and whether retrying may help. Raw bodies stay
// out of the list (see `webhookDeliveryDetail` for the redacted payload).
import type { Database } from "@greenloop/db";
import {
  deliveryColumns,
  type WebhookDeliverySummary,
} from "../ingestion/webhooks/replay-dead-deliveries";
import { decodePageCursor, isTimeText, monitoringListRefusal, pageOf } from "../paging/page-cursor";
import { isRetryableFailure } from "./failure-retryability";
import { type WebhookInboxFilter, webhookInboxWhere } from "./webhook-inbox-filter";

type Db = Pick<Database, "prisma">;

/** Attempts listed per delivery: the latest ones (a delivery replayed many times has more). */
export const attemptsShown = 20;

export interface WebhookAttemptEntry {
  attempt: number;
  error: string;
  failedAt: Date;
  retryable: boolean;
}

/** `lastError` is the latest error, or the note a settled delivery got (gone, ignored). */
export interface WebhookInboxEntry extends WebhookDeliverySummary {
  /** Failed attempts, oldest first (at most `attemptsShown`, the latest). */
  failures: WebhookAttemptEntry[];
  /** Failed attempts recorded in all. */
  failureCount: number;
}

export interface WebhookInboxPage {
  deliveries: WebhookInboxEntry[];
  /** Deliveries the filter matches, on every page. */
  total: number;
  /** Types received, for the filter. */
  types: string[];
  nextCursor: string | null;
}

const scope = "sync:webhook-inbox:receivedAt:desc";

export async function pageWebhookInbox(
  db: Db,
  options: WebhookInboxFilter & { limit: number; after?: string },
): Promise<WebhookInboxPage> {
  const where = webhookInboxWhere(options);
  const keyset =
    options.after === undefined
      ? []
      : (() => {
          const cursor = decodePageCursor(options.after, scope, {
            isValue: isTimeText,
            refusal: monitoringListRefusal,
          });
          const at = new Date(cursor.value);
          return [{ OR: [{ receivedAt: { lt: at } }, { receivedAt: at, id: { lt: cursor.id } }] }];
        })();
  const [rows, total, types] = await Promise.all([
    db.prisma.webhookDelivery.findMany({
      where: { AND: [where, ...keyset] },
      orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
      select: deliveryColumns,
      take: options.limit + 1,
    }),
    db.prisma.webhookDelivery.count({ where }),
    db.prisma.webhookDelivery.groupBy({ by: ["type"], orderBy: { type: "asc" } }),
  ]);
  const { page, nextCursor } = pageOf(rows, options.limit, (row) => ({
    scope,
    value: row.receivedAt.toISOString(),
    id: row.id,
  }));
  const attempts = await db.prisma.webhookDeliveryAttempt.findMany({
    where: { deliveryId: { in: page.map((row) => row.id) } },
    orderBy: { id: "asc" },
    select: { deliveryId: true, attempt: true, error: true, failedAt: true },
  });
  const byDelivery = new Map<string, WebhookAttemptEntry[]>();
  for (const { deliveryId, ...attempt } of attempts) {
    const list = byDelivery.get(deliveryId) ?? [];
    list.push({
      ...attempt,
      retryable: isRetryableFailure({ code: null, message: attempt.error }) ?? false,
    });
    byDelivery.set(deliveryId, list);
  }
  return {
    deliveries: page.map((row) => {
      const failures = byDelivery.get(row.id) ?? [];
      return { ...row, failures: failures.slice(-attemptsShown), failureCount: failures.length };
    }),
    total,
    types: types.map((row) => row.type),
    nextCursor,
  };
}
