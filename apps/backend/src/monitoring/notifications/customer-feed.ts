// A signed-in customer's own notifications (`me.notifications`): the same items their devices were
// pushed, newest first, keyset paged, with read state. The customer is the one carrying the
// session's email (customers/own-customer.ts); a shared email sees nobody's. Notifications written
// for a customer who has since been merged into this one are theirs too.
import type { Database, Prisma } from "@greenloop/db";
import { findOwnCustomer } from "../../customers/own-customer";
import { decodePageCursor, isTimeText, pageOf } from "../../paging/page-cursor";
import { type NotificationContent, notificationContentSelect } from "./notification-content";

const SCOPE = "me-notifications:createdAt:desc";

export interface CustomerNotification extends NotificationContent {
  readAt: Date | null;
}

export type OwnNotifications =
  | { match: "none" }
  | { match: "shared" }
  | { match: "one"; items: CustomerNotification[]; unread: number; nextCursor: string | null };

type Db = Pick<Database, "prisma">;

export async function listOwnNotifications(
  db: Db,
  input: { sessionEmail: string; limit: number; cursor?: string | undefined; unreadOnly?: boolean },
): Promise<OwnNotifications> {
  const own = await findOwnCustomer(db, input.sessionEmail);
  if (own.match !== "one") return own;
  const mine = await ownNotificationsWhere(db, own.customerId);
  const after = input.cursor
    ? decodePageCursor(input.cursor, SCOPE, { isValue: isTimeText })
    : null;
  const afterAt = after ? new Date(after.value) : null;
  const [rows, unread] = await Promise.all([
    db.prisma.notification.findMany({
      where: {
        ...mine,
        ...(input.unreadOnly ? { readAt: null } : {}),
        ...(after && afterAt
          ? { OR: [{ createdAt: { lt: afterAt } }, { createdAt: afterAt, id: { lt: after.id } }] }
          : {}),
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: input.limit + 1,
      select: { ...notificationContentSelect, readAt: true },
    }),
    db.prisma.notification.count({ where: { ...mine, readAt: null } }),
  ]);
  const { page, nextCursor } = pageOf(rows, input.limit, (row) => ({
    scope: SCOPE,
    value: row.createdAt.toISOString(),
    id: row.id,
  }));
  return { match: "one", items: page, unread, nextCursor };
}

/** Marks the caller's own notifications read; ids of anyone else's are ignored, not revealed. */
export async function markOwnNotificationsRead(
  db: Db,
  input: { sessionEmail: string; ids: string[]; now: Date },
): Promise<{ marked: number }> {
  const own = await findOwnCustomer(db, input.sessionEmail);
  if (own.match !== "one") return { marked: 0 };
  const { count } = await db.prisma.notification.updateMany({
    where: {
      ...(await ownNotificationsWhere(db, own.customerId)),
      id: { in: input.ids },
      readAt: null,
    },
    data: { readAt: input.now },
  });
  return { marked: count };
}

async function ownNotificationsWhere(
  db: Db,
  customerId: string,
): Promise<Prisma.NotificationWhereInput> {
  // Merges re-point every loser at the survivor, so one hop finds them all.
  const merged = await db.prisma.customer.findMany({
    where: { mergedIntoId: customerId },
    select: { id: true },
  });
  return { customerId: { in: [customerId, ...merged.map((row) => row.id)] } };
}
