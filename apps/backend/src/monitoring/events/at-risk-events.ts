// Notable event: a customer entering the RFM segment "At Risk" (CustomerMetrics.rfmSegment).
// CustomerWatch holds who is in the segment as of the last run, so entering is a transition that
// notifies once; leaving and entering again later notifies again. The first run records everyone
// already there without notifying (a baseline, not a flood).
import type { Database } from "@greenloop/db";
import {
  createNotifications,
  listSome,
  type NotificationDraft,
} from "../notifications/notification-store";
import { readMonitorState, writeMonitorState } from "../state/monitor-state";

const watch = "at_risk";
const segment = "At Risk";
const baselineKey = "events.at_risk.since";

export async function detectAtRiskEntries(
  db: Pick<Database, "prisma">,
  options: { now: Date; digestOver: number },
): Promise<{ entered: number; left: number; notified: number; baseline: boolean }> {
  const { now } = options;
  const [current, watched, baseline] = await Promise.all([
    db.prisma.customerMetrics.findMany({
      where: { rfmSegment: segment, customer: { mergedIntoId: null, erasedAt: null } },
      select: { customerId: true, customer: { select: { displayName: true } } },
    }),
    db.prisma.customerWatch.findMany({ where: { watch }, select: { customerId: true } }),
    readMonitorState<{ since: string }>(db, baselineKey),
  ]);
  const watchedIds = new Set(watched.map((row) => row.customerId));
  const currentIds = new Set(current.map((row) => row.customerId));
  const entered = current.filter((row) => !watchedIds.has(row.customerId));
  const left = [...watchedIds].filter((id) => !currentIds.has(id));
  const notify = baseline !== null;

  const result = await db.prisma.$transaction(async (tx) => {
    // Only the rows this run inserted count as entries: a racing run notifies for the others.
    const inserted =
      entered.length === 0
        ? []
        : await tx.customerWatch.createManyAndReturn({
            data: entered.map((row) => ({ watch, customerId: row.customerId, since: now })),
            skipDuplicates: true,
            select: { customerId: true },
          });
    if (left.length > 0) {
      await tx.customerWatch.deleteMany({ where: { watch, customerId: { in: left } } });
    }
    if (!notify) await writeMonitorState(tx, baselineKey, { since: now.toISOString() });
    const insertedIds = new Set(inserted.map((row) => row.customerId));
    const fresh = entered.filter((row) => insertedIds.has(row.customerId));
    const drafts = notify ? entryNotifications(fresh, now, options.digestOver) : [];
    return { entered: fresh.length, notified: await createNotifications(tx, drafts, now) };
  });
  return {
    entered: result.entered,
    left: left.length,
    notified: result.notified,
    baseline: !notify,
  };
}

function entryNotifications(
  entered: Array<{ customerId: string; customer: { displayName: string | null } }>,
  now: Date,
  digestOver: number,
): NotificationDraft[] {
  if (entered.length > digestOver) {
    return [
      {
        kind: "customer.at_risk",
        title: `${entered.length} customers entered At Risk`,
        body: `Once-regular customers who have not been back lately: ${listSome(
          entered.map((row) => row.customer.displayName ?? "unnamed customer"),
        )}.`,
        data: { count: entered.length, customerIds: entered.map((row) => row.customerId) },
        dedupeKey: `at_risk:digest:${now.toISOString()}`,
      },
    ];
  }
  return entered.map((row) => ({
    kind: "customer.at_risk",
    title: `${row.customer.displayName ?? "A customer"} is now At Risk`,
    body: "A once-regular customer who has not been back lately: a good moment to reach out.",
    data: { customerId: row.customerId },
    dedupeKey: `at_risk:${row.customerId}:${now.toISOString()}`,
  }));
}
