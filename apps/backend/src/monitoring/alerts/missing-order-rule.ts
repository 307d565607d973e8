// MISSING_ECOM_ORDER: an eCom order still not in X-Series MISSING_ORDER_ALERT_DAYS after it was
// placed. It resolves itself when the order arrives, recording how late it was.

import { Prisma, pgTextArray } from "@greenloop/db";
import { ecomBacklogSql } from "../delays/ecom-backlog";
import { formatDuration } from "../delays/format-duration";
import type { AlertRule } from "./alert-rule";

export const missingOrderRule: AlertRule = {
  kind: "MISSING_ECOM_ORDER",
  label: "eCom orders missing from X-Series",
  // A query, not a list: a store can have 200,000 orders missing, and their alerts open in one
  // statement. The placing time reads as formatStoreTime writes it ("Mar 2, 2026, 2:05 PM").
  async evaluate({ now, settings }) {
    const days = settings.missingOrderAlertDays;
    const backlog = ecomBacklogSql({ now, minAgeDays: days });
    const dayWord = days === 1 ? "day" : "days";
    return {
      sql: Prisma.sql`
        SELECT b."ecomOrderNumber" AS subject_key,
          jsonb_build_object(
            'ecomOrderNumber', b."ecomOrderNumber",
            'placedAt', to_char(b."placedAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
            'alertAfterDays', ${days}::int
          ) AS details,
          'eCom order #' || b."ecomOrderNumber" || ' is missing from X-Series' AS title,
          'eCom order #' || b."ecomOrderNumber" || ', placed '
            || to_char(b."placedAt" AT TIME ZONE ${settings.timeZone}, 'Mon FMDD, YYYY, FMHH12:MI AM')
            || ', is still not in X-Series after ' || ${`${days} ${dayWord}`} || '.' AS message
        FROM (${backlog}) AS b`,
    };
  },
  async describeResolutions({ db }, orderNumbers) {
    const orders = await db.prisma.$queryRaw<
      Array<{
        ecomOrderNumber: string;
        source: string;
        countsInAnalytics: boolean;
        status: string;
        reachedRetailAt: Date | null;
        syncDelaySeconds: number | null;
      }>
    >`SELECT "ecomOrderNumber", source, "countsInAnalytics", status::text AS status,
        "reachedRetailAt", "syncDelaySeconds"
      FROM "Order" WHERE "ecomOrderNumber" = ANY(${pgTextArray(orderNumbers)}::text[])`;
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
