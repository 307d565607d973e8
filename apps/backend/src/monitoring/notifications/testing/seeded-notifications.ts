// Notifications for the list tests: a few, one a minute apart from a fixed moment, titled N0, N1, …
import type { Database } from "@greenloop/db";
import { createNotifications, type NotificationDraft } from "../notification-store";

const t0 = new Date("2026-03-02T15:00:00.000Z").getTime();

/** `minutes` after the moment the first seeded notification (N0) was created. */
export const at = (minutes: number) => new Date(t0 + minutes * 60_000);

/** `count` VIP-order notifications, N0 the oldest; `data` gives each its data, if any. */
export async function seedNotifications(
  db: Pick<Database, "prisma">,
  count: number,
  data?: (index: number) => NonNullable<NotificationDraft["data"]>,
): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    await createNotifications(
      db.prisma,
      [
        {
          kind: "customer.vip_order",
          title: `N${i}`,
          body: "b",
          ...(data ? { data: data(i) } : {}),
          dedupeKey: `n:${i}`,
        },
      ],
      at(i),
    );
  }
}
