// The alerts for the dashboard: listed newest first with the counts per status, and acknowledged
// by staff. Acknowledging only marks that someone is on it: the alert stays until its condition
// clears (evaluateAlerts resolves it then, and a condition that returns reopens it as OPEN).
import type { AlertStatus, Database, Prisma } from "@greenloop/db";
import { DomainError } from "@greenloop/order-sync/errors";
import {
  decodePageCursor,
  isTimeText,
  monitoringListRefusal,
  pageOf,
} from "../../paging/page-cursor";

type Db = Pick<Database, "prisma">;

export const alertStatuses = ["OPEN", "ACKNOWLEDGED", "RESOLVED"] as const;

const CURSOR_SCOPE = "alerts:openedAt:desc";

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface SyncAlertView {
  id: string;
  kind: string;
  subjectKey: string;
  status: AlertStatus;
  message: string;
  details: Prisma.JsonValue;
  openedAt: Date;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
}

export interface SyncAlertPage {
  alerts: SyncAlertView[];
  /** Alerts per status, over all of them (not only this page or filter). */
  counts: Record<AlertStatus, number>;
  /** Pass as `after` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

const alertColumns = {
  id: true,
  kind: true,
  subjectKey: true,
  status: true,
  message: true,
  details: true,
  openedAt: true,
  acknowledgedAt: true,
  resolvedAt: true,
} as const;

/** Alerts newest (opened) first, optionally of some statuses; `after`: the last nextCursor. */
export async function listSyncAlerts(
  db: Db,
  options: { statuses?: readonly AlertStatus[]; limit: number; after?: string },
): Promise<SyncAlertPage> {
  const cursor =
    options.after === undefined
      ? undefined
      : decodePageCursor(options.after, CURSOR_SCOPE, {
          isValue: isTimeText,
          refusal: monitoringListRefusal,
        });
  const after = cursor && { at: new Date(cursor.value), key: cursor.id };
  const filters: Prisma.SyncAlertWhereInput[] = [
    ...(options.statuses ? [{ status: { in: [...options.statuses] } }] : []),
    ...(after
      ? [{ OR: [{ openedAt: { lt: after.at } }, { openedAt: after.at, id: { lt: after.key } }] }]
      : []),
  ];
  const [rows, byStatus] = await Promise.all([
    db.prisma.syncAlert.findMany({
      where: { AND: filters },
      orderBy: [{ openedAt: "desc" }, { id: "desc" }],
      select: alertColumns,
      take: options.limit + 1,
    }),
    db.prisma.syncAlert.groupBy({ by: ["status"], _count: { _all: true } }),
  ]);
  const { page, nextCursor } = pageOf(rows, options.limit, (row) => ({
    scope: CURSOR_SCOPE,
    value: row.openedAt.toISOString(),
    id: row.id,
  }));
  const count = (status: AlertStatus) =>
    byStatus.find((row) => row.status === status)?._count._all ?? 0;
  return {
    alerts: page,
    counts: {
      OPEN: count("OPEN"),
      ACKNOWLEDGED: count("ACKNOWLEDGED"),
      RESOLVED: count("RESOLVED"),
    },
    nextCursor,
  };
}

/**
 * Marks an OPEN alert ACKNOWLEDGED at `now`. An alert already acknowledged or resolved is left as
 * it is (`changed: false`): acknowledging twice is harmless, and a resolved alert needs nobody.
 */
export async function acknowledgeSyncAlert(
  db: Db,
  options: { id: string; now: Date },
): Promise<{ alert: SyncAlertView; changed: boolean }> {
  if (!uuidPattern.test(options.id)) {
    throw new DomainError("BAD_INPUT", `not an alert id (a UUID): ${options.id}`);
  }
  const { count } = await db.prisma.syncAlert.updateMany({
    where: { id: options.id, status: "OPEN" },
    data: { status: "ACKNOWLEDGED", acknowledgedAt: options.now },
  });
  const alert = await db.prisma.syncAlert.findUnique({
    where: { id: options.id },
    select: alertColumns,
  });
  if (!alert) throw new DomainError("NOT_FOUND", `No alert with id ${options.id}.`);
  return { alert, changed: count === 1 };
}
