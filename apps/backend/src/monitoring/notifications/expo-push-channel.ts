// Expo push notifications through expo-server-sdk: messages chunked as Expo takes them
// (`chunkPushNotifications`, 100 a request), one ticket per message; an "ok" ticket's id is kept so
// its receipt is fetched on a later pass (expo-push-receipts.ts). A DeviceNotRegistered ticket or
// receipt means the app is gone: the token is disabled. Staff notifications go to opted-in STAFF
// devices, a customer's to that customer's own devices (push-token-owner.ts).
import type { Database } from "@greenloop/db";
import type { Expo, ExpoPushMessage, ExpoPushTicket } from "expo-server-sdk";
import { createExpoClient, type ExpoClientOptions } from "./expo-client";
import { settleExpoPushReceipts } from "./expo-push-receipts";
import { outcomeOfFetchError, outcomeOfStatus } from "./http-outcome";
import type { ChannelMessage, DeliveryOutcome, NotificationChannel } from "./notification-channel";
import { campaignIdOf } from "./notification-store";
import { listCustomerPushTokens } from "./push-token-owner";
import { disablePushToken, listStaffPushTokens } from "./push-tokens";

export function expoMessageOf(message: ChannelMessage) {
  const { notification } = message;
  return {
    to: message.target,
    title: notification.title,
    body: notification.body,
    data: {
      notificationId: notification.id,
      kind: notification.kind,
      ...(notification.alertId ? { alertId: notification.alertId } : {}),
      // The app records PUSH_OPEN with notification.request.content.data.campaignId.
      campaignId: campaignIdOf(notification),
    },
    sound: "default",
    // The channel the GreenLoop app creates on Android.
    channelId: "default",
  } satisfies ExpoPushMessage;
}

export function createExpoPushChannel(
  options: ExpoClientOptions & {
    db: Pick<Database, "prisma">;
    /** How long after sending a receipt is asked for (Expo: about 15 minutes). */
    receiptDelayMs?: number;
  },
): NotificationChannel {
  const { db } = options;
  const expo = createExpoClient(options);
  return {
    name: "expo",
    // The SDK chunks what one send is given into Expo's requests of 100.
    batchSize: 500,
    listTargets: (audience) =>
      audience.kind === "staff"
        ? listStaffPushTokens(db)
        : listCustomerPushTokens(db, audience.customerId),
    async send(messages, { now }) {
      const outcomes: DeliveryOutcome[] = [];
      for (const chunk of expo.chunkPushNotifications(messages.map(expoMessageOf))) {
        const sent = messages.slice(outcomes.length, outcomes.length + chunk.length);
        outcomes.push(...(await sendChunk(expo, chunk, sent, now)));
      }
      return outcomes;
    },
    settleReceipts: ({ now }) =>
      settleExpoPushReceipts(db, expo, {
        now,
        ...(options.receiptDelayMs === undefined ? {} : { delayMs: options.receiptDelayMs }),
      }),
  };

  async function sendChunk(
    client: Expo,
    chunk: ExpoPushMessage[],
    messages: ChannelMessage[],
    now: Date,
  ): Promise<DeliveryOutcome[]> {
    let tickets: ExpoPushTicket[];
    try {
      tickets = await client.sendPushNotificationsAsync(chunk);
    } catch (error) {
      const outcome = outcomeOfExpoError(error);
      return messages.map(() => outcome);
    }
    const outcomes: DeliveryOutcome[] = [];
    for (const [index, message] of messages.entries()) {
      outcomes.push(await outcomeOfTicket(tickets[index], message, now));
    }
    return outcomes;
  }

  async function outcomeOfTicket(
    ticket: ExpoPushTicket | undefined,
    message: ChannelMessage,
    now: Date,
  ): Promise<DeliveryOutcome> {
    if (ticket?.status === "ok") return { status: "sent", ticketId: ticket.id };
    const code = ticket?.details?.error ?? "unknown";
    const error = `${code}: ${ticket?.message ?? "no message"}`;
    switch (code) {
      case "DeviceNotRegistered":
        await disablePushToken(db, message.target, { now, reason: code });
        return { status: "failed", error };
      case "MessageRateExceeded":
        return { status: "retry", error };
      default:
        // MessageTooBig, InvalidCredentials, MismatchSenderId…: the same message fails again.
        return { status: "failed", error };
    }
  }
}

/**
 * What a failed SDK request comes to: Expo's HTTP status with its error code (429 after the
 * SDK's own retries, 5xx: worth retrying; another refusal: not), or no answer (retry).
 */
export function outcomeOfExpoError(error: unknown): DeliveryOutcome {
  const { statusCode, code } = (error ?? {}) as { statusCode?: unknown; code?: unknown };
  if (typeof statusCode === "number") {
    return outcomeOfStatus(statusCode, typeof code === "string" ? code : undefined);
  }
  return outcomeOfFetchError(error);
}
