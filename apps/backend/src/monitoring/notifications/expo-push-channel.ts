// Expo push notifications to staff devices. Expo's push API: POST a JSON array of up to 100
// messages `{ to, title, body, data }` to https://exp.host/--/api/v2/push/send (Authorization:
// Bearer <access token> when the project requires one); the answer is `{ data: [ticket…] }`, one
// ticket per message in order, each `{ status: "ok", id }` or `{ status: "error", message,
// details: { error } }`. DeviceNotRegistered means the app is gone: the token is disabled.
// (Push receipts, Expo's second step, are not fetched: a ticket error is what we act on.)
import type { Database } from "@greenloop/db";
import { outcomeOfFetchError, outcomeOfStatus } from "./http-outcome";
import type { ChannelMessage, DeliveryOutcome, NotificationChannel } from "./notification-channel";
import { campaignIdOf } from "./notification-store";
import { disablePushToken, listStaffPushTokens } from "./push-tokens";

export interface ExpoPushMessage {
  to: string;
  title: string;
  body: string;
  data: Record<string, unknown>;
  sound: "default";
  channelId: string;
}

type ExpoTicket =
  | { status: "ok"; id?: string }
  | { status: "error"; message?: string; details?: { error?: string } };

const EXPO_MAX_MESSAGES = 100;

export function expoMessageOf(message: ChannelMessage): ExpoPushMessage {
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
  };
}

export function createExpoPushChannel(options: {
  db: Pick<Database, "prisma">;
  url: string;
  accessToken?: string | undefined;
  timeoutMs?: number;
  fetch?: typeof fetch;
}): NotificationChannel {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 15_000;
  return {
    name: "expo",
    batchSize: EXPO_MAX_MESSAGES,
    listTargets: () => listStaffPushTokens(options.db),
    async send(messages, { now }) {
      const all = (outcome: DeliveryOutcome) => messages.map(() => outcome);
      let response: Response;
      try {
        response = await doFetch(options.url, {
          method: "POST",
          headers: {
            accept: "application/json",
            "content-type": "application/json",
            ...(options.accessToken ? { authorization: `Bearer ${options.accessToken}` } : {}),
          },
          body: JSON.stringify(messages.map(expoMessageOf)),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        return all(outcomeOfFetchError(error));
      }
      const payload = (await response.json().catch(() => null)) as {
        data?: unknown;
        errors?: Array<{ code?: string; message?: string }>;
      } | null;
      if (!response.ok) {
        const reason = payload?.errors?.[0]?.code ?? payload?.errors?.[0]?.message;
        return all(outcomeOfStatus(response.status, reason));
      }
      const tickets = payload?.data;
      if (!Array.isArray(tickets) || tickets.length !== messages.length) {
        return all({ status: "retry", error: "Expo answered without one ticket per message" });
      }
      const outcomes: DeliveryOutcome[] = [];
      for (const [index, message] of messages.entries()) {
        outcomes.push(await outcomeOf(tickets[index] as ExpoTicket, message, now));
      }
      return outcomes;
    },
  };

  async function outcomeOf(
    ticket: ExpoTicket,
    message: ChannelMessage,
    now: Date,
  ): Promise<DeliveryOutcome> {
    if (ticket?.status === "ok") return { status: "sent" };
    const code = ticket?.details?.error ?? "unknown";
    const error = `${code}: ${ticket?.message ?? "no message"}`;
    switch (code) {
      case "DeviceNotRegistered":
        await disablePushToken(options.db, message.target, { now, reason: code });
        return { status: "failed", error };
      case "MessageRateExceeded":
        return { status: "retry", error };
      default:
        // MessageTooBig, InvalidCredentials, MismatchSenderId…: the same message fails again.
        return { status: "failed", error };
    }
  }
}
