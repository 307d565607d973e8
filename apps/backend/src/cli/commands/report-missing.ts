import { openMigratedDatabaseFromEnv } from "../../database";
import { listEcomBacklog } from "../../monitoring/delays/ecom-backlog";
import { formatStoreTime } from "../../monitoring/delays/format-duration";
import { reportHelp } from "../command-help";
import { wholeNumberOption } from "../whole-number-option";
import { assertNoArguments, type Report } from "./report-kind";

export const missingReport: Report = {
  ...reportHelp.missing,
  options: ["days"],
  async run({ env, logger, values }, args) {
    assertNoArguments(missingReport, args);
    const days = wholeNumberOption(values.days, "--days", env.monitoring.missingOrderAlertDays, {
      max: 36_500,
      unit: "days",
    });
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
