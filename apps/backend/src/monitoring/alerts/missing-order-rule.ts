// MISSING_ECOM_ORDER: an eCom order still not in X-Series MISSING_ORDER_ALERT_DAYS after it was
// placed; its message says how old the order is now. It resolves itself when the order arrives,
// recording how late it was.

import { Prisma } from "@greenloop/db";
import { ecomBacklogSql } from "../delays/ecom-backlog";
import { durationWordsSql, storeTimeSql } from "../delays/format-duration";
import type { AlertRule } from "./alert-rule";

export const missingOrderRule: AlertRule = {
  kind: "MISSING_ECOM_ORDER",
  label: "eCom orders missing from X-Series",
  // A query, not a list: a store can have 200,000 orders missing, and their alerts open in one
  // statement.
  async evaluate({ now, settings }) {
    const days = settings.missingOrderAlertDays;
    const backlog = ecomBacklogSql({ now, minAgeDays: days });
    // The order's age now, not the threshold: an order found 62 days late says 62 days. Each
    // evaluation refreshes the message (evaluateAlerts rewrites a changed one), so it ages too.
    const ageDays = Prisma.sql`floor(extract(epoch FROM (${now}::timestamptz - b."placedAt")) / 86400)::int`;
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
            || ${storeTimeSql(Prisma.sql`b."placedAt"`, settings.timeZone)}
            || ', is still not in X-Series after ' || ${ageDays}
            || CASE WHEN ${ageDays} = 1 THEN ' day.' ELSE ' days.' END AS message
        FROM (${backlog}) AS b`,
    };
  },
  // Set-based too: 200,000 orders can arrive in one sync.
  resolutionQuery: (_context, cleared) => Prisma.sql`
    SELECT c.subject_key,
      CASE outcome
        WHEN 'arrived' THEN 'eCom order #' || c.subject_key || ' reached X-Series'
        WHEN 'below_threshold' THEN 'eCom order #' || c.subject_key || ': alert withdrawn'
        WHEN 'gone' THEN 'eCom order #' || c.subject_key || ' is no longer tracked'
        ELSE 'eCom order #' || c.subject_key || ' was ' || outcome
      END AS title,
      CASE outcome
        WHEN 'arrived' THEN 'It arrived ' || ${durationWordsSql(Prisma.sql`o."syncDelaySeconds"`)} || ' after it was placed.'
        WHEN 'below_threshold' THEN 'It is still not in X-Series, but no longer older than MISSING_ORDER_ALERT_DAYS.'
        WHEN 'gone' THEN 'The order is no longer among the unsynced eCom orders.'
        ELSE 'It is no longer expected in X-Series (' || outcome || ').'
      END AS message,
      CASE outcome
        WHEN 'arrived' THEN jsonb_build_object(
          'outcome', outcome,
          'reachedAt', to_char(o."reachedRetailAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
          'delaySeconds', o."syncDelaySeconds")
        ELSE jsonb_build_object('outcome', outcome)
      END AS details
    FROM (${cleared}) AS c
    LEFT JOIN "Order" o ON o."ecomOrderNumber" = c.subject_key
    CROSS JOIN LATERAL (
      SELECT CASE
        WHEN o."reachedRetailAt" IS NOT NULL AND o."syncDelaySeconds" IS NOT NULL THEN 'arrived'
        WHEN o.id IS NOT NULL AND NOT o."countsInAnalytics" THEN lower(o.status::text)
        WHEN o.source = 'ecom_unsynced' THEN 'below_threshold'
        ELSE 'gone'
      END AS outcome
    ) AS r`,
};
