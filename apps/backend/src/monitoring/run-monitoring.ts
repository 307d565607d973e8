// One monitoring pass at `now`: alerts, notable customer events, customers' tier rises, then
// delivery of whatever they (or earlier passes) left to send, and the receipts of earlier pushes.
import type { Database } from "@greenloop/db";
import type { AlertSettings } from "./alerts/alert-settings";
import { type EvaluateAlertsResult, evaluateAlerts } from "./alerts/evaluate-alerts";
import { detectAtRiskEntries } from "./events/at-risk-events";
import { notifyTierRises } from "./events/tier-rise-events";
import { detectVipOrders } from "./events/vip-order-events";
import {
  type DeliverNotificationsResult,
  type DeliverySettings,
  deliverNotifications,
  settleReceipts,
} from "./notifications/deliver-notifications";
import type { NotificationChannel, ReceiptsResult } from "./notifications/notification-channel";

export interface MonitoringResult {
  alerts: EvaluateAlertsResult;
  events: { vipOrders: number; atRisk: number; tierRises: number };
  deliveries: DeliverNotificationsResult;
  receipts: ReceiptsResult;
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
  const tierRises = await notifyTierRises(db, { now });
  const deliveries = await deliverNotifications(db, {
    now,
    channels: options.channels,
    settings: options.delivery,
  });
  const receipts = await settleReceipts(options.channels, { now });
  return {
    alerts,
    events: { vipOrders: vip.notified, atRisk: atRisk.notified, tierRises: tierRises.notified },
    deliveries,
    receipts,
  };
}
