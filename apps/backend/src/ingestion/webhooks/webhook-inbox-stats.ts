// The webhook inbox at a glance, for the freshness/status view and alerting.
import type { Database } from "@greenloop/db";
import { readOperationalCounters } from "./operational-counter";
import { webhookCounters } from "./webhook-inbox";

export interface WebhookInboxStats {
  pending: number;
  processing: number;
  dead: number;
  done: number;
  /** Age of the oldest delivery not yet settled (PENDING or PROCESSING); null when none. */
  oldestPendingAgeSeconds: number | null;
  /** Deliveries refused for a missing, malformed or wrong X-Signature (since the start). */
  signatureRejections: number;
  /** Deliveries refused for a missing or wrong path/query secret (since the start). */
  secretRejections: number;
}

export async function getWebhookInboxStats(
  db: Pick<Database, "prisma">,
  options: { now?: Date } = {},
): Promise<WebhookInboxStats> {
  const [byStatus, oldest, counters] = await Promise.all([
    db.prisma.webhookDelivery.groupBy({ by: ["status"], _count: { _all: true } }),
    db.prisma.webhookDelivery.findFirst({
      where: { status: { in: ["PENDING", "PROCESSING"] } },
      orderBy: { receivedAt: "asc" },
      select: { receivedAt: true },
    }),
    readOperationalCounters(db, [
      webhookCounters.signatureRejected,
      webhookCounters.secretRejected,
    ]),
  ]);
  const count = (status: string) => byStatus.find((row) => row.status === status)?._count._all ?? 0;
  const now = options.now ?? new Date();
  return {
    pending: count("PENDING"),
    processing: count("PROCESSING"),
    dead: count("DEAD"),
    done: count("DONE"),
    oldestPendingAgeSeconds: oldest
      ? Math.max(0, Math.floor((now.getTime() - oldest.receivedAt.getTime()) / 1000))
      : null,
    signatureRejections: counters[webhookCounters.signatureRejected],
    secretRejections: counters[webhookCounters.secretRejected],
  };
}
