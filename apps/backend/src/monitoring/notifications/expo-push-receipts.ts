// Expo's second step: a push ticket only says Expo took the message; the receipt, ready some
// minutes later and kept about a day, says whether Apple or Google took it. Receipts of sent
// pushes are fetched once they are `delayMs` old (`chunkPushNotificationReceiptIds`, 300 ids a
// request). A receipt error fails the delivery after all, and DeviceNotRegistered disables the
// device's token; a receipt Expo no longer has after `lifetimeMs` is settled as `unavailable`. A
// failed receipts request (429, 5xx, no answer) leaves them for a later pass.
import type { Database } from "@greenloop/db";
import type { Expo, ExpoPushReceipt } from "expo-server-sdk";
import type { ReceiptsResult } from "./notification-channel";
import { disablePushToken } from "./push-tokens";

const MINUTE = 60_000;

export async function settleExpoPushReceipts(
  db: Pick<Database, "prisma">,
  expo: Expo,
  options: { now: Date; delayMs?: number; lifetimeMs?: number; limit?: number },
): Promise<ReceiptsResult> {
  const { now } = options;
  const delayMs = options.delayMs ?? 15 * MINUTE;
  const lifetimeMs = options.lifetimeMs ?? 24 * 60 * MINUTE;
  const due = await db.prisma.notificationDelivery.findMany({
    where: {
      channel: "expo",
      status: "SENT",
      ticketId: { not: null },
      receiptCheckedAt: null,
      sentAt: { lte: new Date(now.getTime() - delayMs) },
    },
    orderBy: [{ sentAt: "asc" }, { id: "asc" }],
    take: options.limit ?? 3_000,
    select: { id: true, target: true, ticketId: true, sentAt: true },
  });
  const result: ReceiptsResult = { ok: 0, failed: 0, pruned: 0, pending: 0 };
  const byTicket = new Map(due.map((delivery) => [delivery.ticketId as string, delivery]));
  for (const ids of expo.chunkPushNotificationReceiptIds([...byTicket.keys()])) {
    let receipts: Record<string, ExpoPushReceipt>;
    try {
      receipts = await expo.getPushNotificationReceiptsAsync(ids);
    } catch {
      result.pending += ids.length;
      continue;
    }
    for (const id of ids) {
      const delivery = byTicket.get(id);
      if (!delivery) continue;
      const receipt = receipts[id];
      if (!receipt) {
        const expired = (delivery.sentAt?.getTime() ?? 0) <= now.getTime() - lifetimeMs;
        if (expired) await settle(delivery.id, { receiptStatus: "unavailable" });
        else result.pending += 1;
      } else if (receipt.status === "ok") {
        await settle(delivery.id, { receiptStatus: "ok" });
        result.ok += 1;
      } else {
        const code = receipt.details?.error ?? "error";
        await settle(delivery.id, {
          receiptStatus: code,
          status: "FAILED",
          lastError: `${code}: ${receipt.message}`,
        });
        result.failed += 1;
        if (code === "DeviceNotRegistered") {
          await disablePushToken(db, delivery.target, { now, reason: code });
          result.pruned += 1;
        }
      }
    }
  }
  return result;

  async function settle(
    id: string,
    data: { receiptStatus: string; status?: "FAILED"; lastError?: string },
  ): Promise<void> {
    await db.prisma.notificationDelivery.update({
      where: { id },
      data: { ...data, receiptCheckedAt: now },
      select: { id: true },
    });
  }
}
