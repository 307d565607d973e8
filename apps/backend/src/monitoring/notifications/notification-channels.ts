// The delivery channels the configuration asks for: the outgoing webhook when NOTIFY_WEBHOOK_URL is
// set (staff notifications), and Expo push (staff devices, and each customer's own devices).
import type { Database } from "@greenloop/db";
import type { Env } from "../../env";
import { createExpoPushChannel } from "./expo-push-channel";
import type { NotificationChannel } from "./notification-channel";
import { createWebhookChannel } from "./webhook-channel";

export function createNotificationChannels(
  db: Pick<Database, "prisma">,
  env: Pick<Env, "monitoring">,
): NotificationChannel[] {
  const { notify } = env.monitoring;
  const channels: NotificationChannel[] = [];
  if (notify.webhookUrl && notify.webhookSecret) {
    channels.push(createWebhookChannel({ url: notify.webhookUrl, secret: notify.webhookSecret }));
  }
  channels.push(
    createExpoPushChannel({ db, url: notify.expoPushUrl, accessToken: notify.expoAccessToken }),
  );
  return channels;
}
