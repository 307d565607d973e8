// What the app shows: notifications newest first, with how many are unread, and marking them read.
// Read state is the store's (the staff share one inbox), not per device. Customers' own
// notifications are not the staff's: they are listed by `me.notifications` (customer-feed.ts).
import type { Database } from "@greenloop/db";
import { DomainError } from "@greenloop/order-sync/errors";
import { type NotificationContent, notificationContentSelect } from "./notification-content";

export interface NotificationView extends NotificationContent {
  readAt: Date | null;
}

export interface NotificationPage {
  notifications: NotificationView[];
  unread: number;
  /** Pass as `after` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function listNotifications(
  db: Pick<Database, "prisma">,
  options: { limit?: number; unreadOnly?: boolean; after?: string } = {},
): Promise<NotificationPage> {
  const limit = options.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
    throw new DomainError("BAD_INPUT", `limit must be a whole number 1-500 (got ${limit})`);
  }
  if (options.after !== undefined && !uuidPattern.test(options.after)) {
    throw new DomainError(
      "BAD_INPUT",
      "after must be a notification id (a cursor from the last page)",
    );
  }
  const where = { customerId: null, ...(options.unreadOnly ? { readAt: null } : {}) };
  const [rows, unread] = await Promise.all([
    db.prisma.notification.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      ...(options.after ? { cursor: { id: options.after }, skip: 1 } : {}),
      take: limit + 1,
      select: { ...notificationContentSelect, readAt: true },
    }),
    db.prisma.notification.count({ where: { customerId: null, readAt: null } }),
  ]);
  const page = rows.slice(0, limit);
  return {
    notifications: page,
    unread,
    nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
  };
}

/** Marks the given notifications (or all of them) read; already-read ones keep their time. */
export async function markNotificationsRead(
  db: Pick<Database, "prisma">,
  options: ({ ids: string[] } | { all: true }) & { now: Date },
): Promise<{ marked: number }> {
  if ("ids" in options) {
    const invalid = options.ids.filter((id) => !uuidPattern.test(id));
    if (invalid.length > 0) {
      throw new DomainError("BAD_INPUT", `not a notification id: ${invalid.join(", ")}`);
    }
  }
  const { count } = await db.prisma.notification.updateMany({
    where: {
      customerId: null,
      readAt: null,
      ...("ids" in options ? { id: { in: options.ids } } : {}),
    },
    data: { readAt: options.now },
  });
  return { marked: count };
}
