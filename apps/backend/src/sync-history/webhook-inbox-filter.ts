// Which webhook deliveries an inbox filter names: by type, status, record, error text and the time
// they were received. The list, the replay preview and the replay itself read the same filter, so the
// count an operator confirms is the set that is replayed.
import type { Prisma, WebhookDeliveryStatus } from "@greenloop/db";

export interface WebhookInboxFilter {
  /** Exact type, e.g. `sale.update`. */
  type?: string;
  status?: WebhookDeliveryStatus;
  /** The sale or customer id the deliveries name. */
  objectId?: string;
  /** Deliveries whose latest error, or any attempt's, contains this text (case-insensitive). */
  errorContains?: string;
  /** Only deliveries that failed at least once. */
  failedOnly?: boolean;
  /** Received at or after. */
  receivedFrom?: Date;
  /** Received before. */
  receivedBefore?: Date;
}

/**
 * The filter as a `WebhookDelivery` where. A delivery that failed and then went through keeps its
 * failures only in `WebhookDeliveryAttempt` (its `lastError` is cleared or a note), so the error
 * conditions look there too.
 */
export function webhookInboxWhere(filter: WebhookInboxFilter): Prisma.WebhookDeliveryWhereInput {
  const and: Prisma.WebhookDeliveryWhereInput[] = [];
  if (filter.type) and.push({ type: filter.type });
  if (filter.status) and.push({ status: filter.status });
  if (filter.objectId) and.push({ objectId: filter.objectId });
  const text = filter.errorContains?.trim();
  if (text || filter.failedOnly) {
    const matches = text ? { contains: text, mode: "insensitive" as const } : undefined;
    and.push({
      OR: [
        // A DONE delivery's lastError is a note (gone, ignored), not a failure.
        { lastError: matches ?? { not: null }, status: { not: "DONE" } },
        { failures: { some: matches ? { error: matches } : {} } },
      ],
    });
  }
  if (filter.receivedFrom || filter.receivedBefore) {
    and.push({
      receivedAt: {
        ...(filter.receivedFrom ? { gte: filter.receivedFrom } : {}),
        ...(filter.receivedBefore ? { lt: filter.receivedBefore } : {}),
      },
    });
  }
  return { AND: and };
}
