// One monitoring pass at `now`: alerts, notable customer events, then delivery of whatever they
// (or earlier passes) left to send.
import type { Database } from "@greenloop/db";
import type { AlertSettings } from "./alerts/alert-settings";
import { type EvaluateAlertsResult, evaluateAlerts } from "./alerts/evaluate-alerts";
import { detectAtRiskEntries } from "./events/at-risk-events";
import { detectVipOrders } from "./events/vip-order-events";
import {
  type DeliverNotificationsResult,
  type DeliverySettings,
  deliverNotifications,
} from "./notifications/deliver-notifications";
import type { NotificationChannel } from "./notifications/notification-channel";

export interface MonitoringResult {
  alerts: EvaluateAlertsResult;
  events: { vipOrders: number; atRisk: number };
  deliveries: DeliverNotificationsResult;
}

export async function runMonitoring(
  db: Pick<Database, "prisma">,
  options: {
    now: Date;
    alerts: AlertSettings;
    delivery: DeliverySettings;
    channels: readonly NotificationChannel[];
  },
): Promise<MonitoringResult> {
  const { now } = options;
  const alerts = await evaluateAlerts(db, { now, settings: options.alerts });
  const vip = await detectVipOrders(db, { now });
  const atRisk = await detectAtRiskEntries(db, { now, digestOver: options.alerts.digestOver });
  const deliveries = await deliverNotifications(db, {
    now,
    channels: options.channels,
    settings: options.delivery,
  });
  return { alerts, events: { vipOrders: vip.notified, atRisk: atRisk.notified }, deliveries };
}
