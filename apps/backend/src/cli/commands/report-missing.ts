// `pnpm cli report missing [--days N]`: eCom orders still not in X-Series N days (default
// MISSING_ORDER_ALERT_DAYS) after they were placed, oldest first.
import { DomainError } from "@greenloop/order-sync/errors";
import { openMigratedDatabaseFromEnv } from "../../database";
import { listEcomBacklog } from "../../monitoring/delays/ecom-backlog";
import { formatStoreTime } from "../../monitoring/delays/format-duration";
import { reportHelp } from "../command-help";
import { assertNoArguments, type Report } from "./report-kind";

export const missingReport: Report = {
  ...reportHelp.missing,
  options: ["days"],
  async run({ env, logger, values }, args) {
    assertNoArguments(missingReport, args);
    const days =
      values.days === undefined ? env.monitoring.missingOrderAlertDays : Number(values.days);
    if (!Number.isInteger(days) || days < 0 || days > 36_500) {
      throw new DomainError(
        "BAD_INPUT",
        `--days must be a whole number of days, 0 or more (got "${String(values.days)}").`,
      );
    }
    const db = await openMigratedDatabaseFromEnv(env, logger);
    try {
      const missing = await listEcomBacklog(db, { now: new Date(), minAgeDays: days });
      const summary = [
        `${missing.length} eCom order(s) not in X-Series ${days} or more day(s) after they were placed${missing.length ? ":" : "."}`,
        ...missing.map(
          (order) =>
            `  #${order.ecomOrderNumber}  placed ${formatStoreTime(order.placedAt, env.storeTimeZone)}  ${order.ageDays} day(s) ago`,
        ),
      ];
      return {
        json: {
          missing: missing.map(({ ecomOrderNumber, placedAt, ageDays, ageSeconds }) => ({
            ecomOrderNumber,
            placedAt,
            ageDays,
            ageSeconds,
          })),
          days,
          count: missing.length,
        },
        summary: summary.join("\n"),
      };
    } finally {
      await db.close();
    }
  },
};
