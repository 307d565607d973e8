// The outgoing webhook: each notification POSTed as JSON to NOTIFY_WEBHOOK_URL, signed like
// GitHub's webhooks: `X-GreenLoop-Signature: sha256=<hex HMAC-SHA256 of the raw body>` with
// NOTIFY_WEBHOOK_SECRET. `X-GreenLoop-Delivery` is the same on every retry of one delivery.
import { createHmac } from "node:crypto";
import { outcomeOfFetchError, outcomeOfStatus } from "./http-outcome";
import type { ChannelMessage, DeliveryOutcome, NotificationChannel } from "./notification-channel";

const webhookSignatureHeader = "x-greenloop-signature";

function signWebhookBody(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`;
}

function webhookBodyOf(message: ChannelMessage): string {
  const { notification } = message;
  return JSON.stringify({
    id: notification.id,
    deliveryId: message.deliveryId,
    kind: notification.kind,
    title: notification.title,
    body: notification.body,
    data: notification.data,
    alertId: notification.alertId,
    createdAt: notification.createdAt.toISOString(),
  });
}

export function createWebhookChannel(options: {
  url: string;
  secret: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}): NotificationChannel {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const sendOne = async (message: ChannelMessage): Promise<DeliveryOutcome> => {
    const body = webhookBodyOf(message);
    try {
      const response = await doFetch(options.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "GreenLoop-Notifications/1",
          "x-greenloop-event": message.notification.kind,
          "x-greenloop-delivery": message.deliveryId,
          [webhookSignatureHeader]: signWebhookBody(options.secret, body),
        },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.body?.cancel();
      return response.ok ? { status: "sent" } : outcomeOfStatus(response.status);
    } catch (error) {
      return outcomeOfFetchError(error);
    }
  };
  return {
    name: "webhook",
    batchSize: 20,
    // The store's own endpoint: staff notifications only, never a customer's.
    listTargets: async (audience) => (audience.kind === "staff" ? ["webhook"] : []),
    async send(messages) {
      const outcomes: DeliveryOutcome[] = [];
      for (const message of messages) outcomes.push(await sendOne(message));
      return outcomes;
    },
  };
}
