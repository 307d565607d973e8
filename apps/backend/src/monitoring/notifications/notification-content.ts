// What a notification says: the same fields whether the app lists it or a channel delivers it.
import type { Prisma } from "@greenloop/db";

export interface NotificationContent {
  id: string;
  kind: string;
  title: string;
  body: string;
  data: Prisma.JsonValue;
  alertId: string | null;
  createdAt: Date;
}

export const notificationContentSelect = {
  id: true,
  kind: true,
  title: true,
  body: true,
  data: true,
  alertId: true,
  createdAt: true,
} as const satisfies Prisma.NotificationSelect;
