// MISSING_ECOM_ORDER: an eCom order still not in X-Series MISSING_ORDER_ALERT_DAYS after it was
// placed. It resolves itself when the order arrives, recording how late it was.

import { listEcomBacklog } from "../delays/ecom-backlog";
import { formatDuration, formatStoreTime } from "../delays/format-duration";
import type { AlertRule } from "./alert-rule";

export const missingOrderRule: AlertRule = {
  kind: "MISSING_ECOM_ORDER",
  label: "eCom orders missing from X-Series",
  async evaluate({ db, now, settings }) {
    const days = settings.missingOrderAlertDays;
    const missing = await listEcomBacklog(db, { now, minAgeDays: days });
    return missing.map((order) => ({
      subjectKey: order.ecomOrderNumber,
      title: `eCom order #${order.ecomOrderNumber} is missing from X-Series`,
      message:
        `eCom order #${order.ecomOrderNumber}, placed ${formatStoreTime(order.placedAt, settings.timeZone)}, ` +
        `is still not in X-Series after ${days} day${days === 1 ? "" : "s"}.`,
      details: {
        ecomOrderNumber: order.ecomOrderNumber,
        placedAt: order.placedAt.toISOString(),
        alertAfterDays: days,
      },
    }));
  },
  async describeResolutions({ db }, orderNumbers) {
    const orders = await db.prisma.order.findMany({
      where: { ecomOrderNumber: { in: orderNumbers } },
      select: {
        ecomOrderNumber: true,
        source: true,
        countsInAnalytics: true,
        status: true,
        reachedRetailAt: true,
        syncDelaySeconds: true,
      },
    });
    const byNumber = new Map(orders.map((order) => [order.ecomOrderNumber, order]));
    return new Map(
      orderNumbers.map((number) => {
        const order = byNumber.get(number);
        if (order?.reachedRetailAt && order.syncDelaySeconds !== null) {
          return [
            number,
            {
              title: `eCom order #${number} reached X-Series`,
              message: `It arrived ${formatDuration(order.syncDelaySeconds)} after it was placed.`,
              details: {
                outcome: "arrived",
                reachedAt: order.reachedRetailAt.toISOString(),
                delaySeconds: order.syncDelaySeconds,
              },
            },
          ];
        }
        if (order && !order.countsInAnalytics) {
          const status = order.status.toLowerCase();
          return [
            number,
            {
              title: `eCom order #${number} was ${status}`,
              message: `It is no longer expected in X-Series (${status}).`,
              details: { outcome: status },
            },
          ];
        }
        if (order?.source === "ecom_unsynced") {
          return [
            number,
            {
              title: `eCom order #${number}: alert withdrawn`,
              message:
                "It is still not in X-Series, but no longer older than MISSING_ORDER_ALERT_DAYS.",
              details: { outcome: "below_threshold" },
            },
          ];
        }
        return [
          number,
          {
            title: `eCom order #${number} is no longer tracked`,
            message: "The order is no longer among the unsynced eCom orders.",
            details: { outcome: "gone" },
          },
        ];
      }),
    );
  },
};
