// Writes Notification rows. Each carries a dedupe key naming the event it reports, so evaluating
// the same state twice (or two evaluations racing) creates it once.
import type { Prisma } from "@greenloop/db";

export type NotificationKind =
  | "alert.opened"
  | "alert.resolved"
  | "customer.vip_order"
  | "customer.at_risk";

export interface NotificationDraft {
  kind: NotificationKind;
  title: string;
  body: string;
  data?: Prisma.InputJsonObject;
  alertId?: string;
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
    data: drafts.map((draft) => ({
      kind: draft.kind,
      title: draft.title,
      body: draft.body,
      ...(draft.data ? { data: draft.data } : {}),
      alertId: draft.alertId ?? null,
      dedupeKey: draft.dedupeKey,
      createdAt: now,
    })),
    skipDuplicates: true,
  });
  return count;
}

/** "#1001, #1002, #1003 and 4 more" */
export function listSome(items: string[], shown = 5): string {
  const head = items.slice(0, shown).join(", ");
  return items.length > shown ? `${head} and ${items.length - shown} more` : head;
}
