// `pnpm cli report delays [--since DATE]`: how late eCom orders reached X-Series (placed → the
// synced sale's created_at): every synced order, p50/p90/p99/max, the same per week, and the backlog.
import { ZoneOffsets } from "@greenloop/order-sync/csv";
import { DomainError } from "@greenloop/order-sync/errors";
import { openMigratedDatabaseFromEnv } from "../../database";
import { formatDuration, formatStoreTime } from "../../monitoring/delays/format-duration";
import { getSyncDelayReport, slowestSyncedOrders } from "../../monitoring/delays/sync-delay-report";
import { reportHelp } from "../command-help";
import { assertNoArguments, type Report } from "./report-kind";

export const delaysReport: Report = {
  ...reportHelp.delays,
  options: ["since"],
  async run({ env, logger, values }, args) {
    assertNoArguments(delaysReport, args);
    const since =
      values.since === undefined ? undefined : parseSince(String(values.since), env.storeTimeZone);
    const now = new Date();
    const db = await openMigratedDatabaseFromEnv(env, logger);
    try {
      const delays = await getSyncDelayReport(db, {
        now,
        timeZone: env.storeTimeZone,
        ...(since ? { since } : {}),
      });
      const { weeks, backlog } = delays;
      const seconds = (value: number | null) => (value === null ? "–" : formatDuration(value));
      const slowest = slowestSyncedOrders(delays.orders, 10);
      const summary = [
        `${delays.count} eCom order(s) reached X-Series${since ? ` (placed since ${since.toISOString()})` : ""}: ` +
          `p50 ${seconds(delays.p50)}, p90 ${seconds(delays.p90)}, p99 ${seconds(delays.p99)}, max ${seconds(delays.max)}.`,
        ...(weeks.length > 0
          ? [
              "Per week placed (Monday):",
              ...weeks.map(
                (w) =>
                  `  ${w.weekStart}  ${String(w.count).padStart(4)} arrived  p50 ${seconds(w.p50)}, p90 ${seconds(w.p90)}, ` +
                  `max ${seconds(w.max)}${w.stillMissing ? `; ${w.stillMissing} still missing` : ""}`,
              ),
            ]
          : []),
        ...(slowest.length > 0
          ? [
              "Slowest:",
              ...slowest.map(
                (o) =>
                  `  #${o.ecomOrderNumber} placed ${formatStoreTime(o.placedAt, env.storeTimeZone)}: ${formatDuration(o.delaySeconds)}`,
              ),
            ]
          : []),
        `${backlog.count} eCom order(s) not in X-Series yet (pnpm cli report missing).`,
      ];
      return {
        json: {
          orders: delays.orders,
          p50: delays.p50,
          p90: delays.p90,
          p99: delays.p99,
          max: delays.max,
          count: delays.count,
          since: delays.since,
          weeks,
          backlog,
        },
        summary: summary.join("\n"),
      };
    } finally {
      await db.close();
    }
  },
};

/** `YYYY-MM-DD` (midnight in the store's time zone) or an ISO time with an offset. */
export function parseSince(text: string, timeZone: string): Date {
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (date) {
    const wall = Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3]));
    const check = new Date(wall);
    if (check.toISOString().slice(0, 10) === text) {
      return new Date(new ZoneOffsets(timeZone).wallToUtc(wall));
    }
  } else if (/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/.test(text)) {
    const at = new Date(text);
    if (!Number.isNaN(at.getTime())) return at;
  }
  throw new DomainError(
    "BAD_INPUT",
    `--since must be a date (2026-03-01) or an ISO time with an offset (2026-03-01T09:00:00Z), got "${text}".`,
  );
}
