// Writes Notification rows. Each carries a dedupe key naming the event it reports, so evaluating
// the same state twice (or two evaluations racing) creates it once, and a campaign id in its data
// (`data.campaignId`): the GreenLoop app tracks PUSH_OPEN by the pushed data's campaignId.
import { randomUUID } from "node:crypto";
import type { Prisma } from "@greenloop/db";

export type NotificationKind =
  | "alert.opened"
  | "alert.resolved"
  | "customer.vip_order"
  | "customer.at_risk"
  /** To the customer themselves: their loyalty tier went up. */
  | "customer.tier_rise";

export interface NotificationDraft {
  kind: NotificationKind;
  title: string;
  body: string;
  data?: Prisma.InputJsonObject;
  alertId?: string;
  /** Set: the customer's own notification (their feed and devices), never the staff's. */
  customerId?: string;
  dedupeKey: string;
}

/** Creates the drafts whose dedupe key is new; resolves with how many were created. */
export async function createNotifications(
  prisma: Pick<Prisma.TransactionClient, "notification">,
  drafts: NotificationDraft[],
  now: Date,
): Promise<number> {
  if (drafts.length === 0) return 0;
  const { count } = await prisma.notification.createMany({
    data: drafts.map((draft) => {
      // The id is chosen here so the campaign id can name it.
      const id = randomUUID();
      return {
        id,
        kind: draft.kind,
        title: draft.title,
        body: draft.body,
        data: {
          ...draft.data,
          campaignId: campaignIdOf({ id, kind: draft.kind, data: draft.data }),
        },
        alertId: draft.alertId ?? null,
        customerId: draft.customerId ?? null,
        dedupeKey: draft.dedupeKey,
        createdAt: now,
      };
    }),
    skipDuplicates: true,
  });
  return count;
}

/**
 * The campaign a notification belongs to: the one its data names, else its own
 * (`<kind>:<id>`, e.g. `alert.opened:6f1c…`), so opens can be counted per kind or per notification.
 */
export function campaignIdOf(notification: {
  id: string;
  kind: string;
  data?: Prisma.JsonValue | Prisma.InputJsonObject | undefined;
}): string {
  const { data } = notification;
  const named =
    typeof data === "object" && data !== null && !Array.isArray(data)
      ? (data as Record<string, unknown>).campaignId
      : undefined;
  return typeof named === "string" && named.length > 0
    ? named
    : `${notification.kind}:${notification.id}`;
}

/** "#1001, #1002, #1003 and 4 more"; `total` when `items` are only the first of more. */
export function listSome(items: string[], shown = 5, total = items.length): string {
  const head = items.slice(0, shown).join(", ");
  const listed = Math.min(shown, items.length);
  return total > listed ? `${head} and ${total - listed} more` : head;
}
