import { openMigratedDatabaseFromEnv } from "../../database";
import { reportMerges } from "../../merge/merge-report";
import { reportHelp } from "../command-help";
import { wholeNumberOption } from "../whole-number-option";
import { assertNoArguments, type Report } from "./report-kind";

export const mergesReport: Report = {
  ...reportHelp.merges,
  options: ["limit"],
  async run({ env, logger, values }, args) {
    assertNoArguments(mergesReport, args);
    const limit = wholeNumberOption(values.limit, "--limit", 1_000, { min: 1, max: 100_000 });
    const db = await openMigratedDatabaseFromEnv(env, logger);
    try {
      const result = await reportMerges(db, { limit });
      const summary = [
        `${result.merges.length} customer(s) joined by email, phone or pin:`,
        ...result.merges.flatMap((m) => [
          `  ${m.customerId} ${m.displayName ?? ""} (${m.records.length} records)`,
          ...m.links
            .filter((l) => l.kind !== "RETAIL_CUSTOMER_ID")
            .map((l) => `    ${l.from} ↔ ${l.to}: ${l.reason}`),
        ]),
        `${result.flagged.length} flagged identifier(s):`,
        ...result.flagged.map((f) => `  ${f.kind} ${f.value}: ${f.reason} — ${f.detail}`),
      ];
      return {
        json: {
          merges: result.merges,
          flagged: result.flagged.map(({ kind, value, records, reason, detail }) => ({
            kind,
            value,
            records,
            reason,
            detail,
          })),
        },
        summary: summary.join("\n"),
      };
    } finally {
      await db.close();
    }
  },
};
